using System;
using System.Collections.Generic;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>
/// A deterministic packet trace: frames stored back to back in one buffer, each with its arrival
/// time (µs), input port, and optional control actions to apply before it (e.g. a health change).
/// </summary>
public sealed class Workload
{
    private readonly byte[] _buffer;
    private readonly int[] _offsets;
    private readonly int[] _lengths;
    private readonly long[] _times;
    private readonly int[] _inPorts;
    private readonly Dictionary<int, List<ControlEvent>> _events;

    internal Workload(string name, string description, int setupCount, byte[] buffer, int[] offsets, int[] lengths, long[] times, int[] inPorts,
        Dictionary<int, List<ControlEvent>> events)
    {
        Name = name;
        SetupCount = setupCount;
        Description = description;
        _buffer = buffer;
        _offsets = offsets;
        _lengths = lengths;
        _times = times;
        _inPorts = inPorts;
        _events = events;
    }

    /// <summary>The workload's name (e.g. <c>typical</c>, <c>colliding</c>).</summary>
    public string Name { get; }

    /// <summary>One sentence: what the traffic is and what it provokes.</summary>
    public string Description { get; }

    /// <summary>
    /// The first packets only bring the network function into the state the workload is about
    /// (flows opened, tables filled): they are processed but neither timed nor reported.
    /// </summary>
    public int SetupCount { get; }

    /// <summary>Number of packets, setup included.</summary>
    public int Count => _offsets.Length;

    /// <summary>
    /// How many bytes of a frame the receive path has in the cache when the frame reaches the network function
    /// (<see cref="TouchHeaders"/>'s default): the driver reads them before each timed packet, and the cold-load
    /// traces load the same lines into their simulated caches (<see cref="Scenario.TracePcvs"/>).
    /// </summary>
    public const int HeaderBytes = 128;

    /// <summary>Frame <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> Packet(int index) => _buffer.AsSpan(_offsets[index], _lengths[index]);

    /// <summary>Where frame <paramref name="index"/> starts in the workload's buffer (frames are stored back to back).</summary>
    public int Offset(int index) => _offsets[index];

    /// <summary>
    /// Reads one byte of every cache line of packet <paramref name="index"/>'s headers (its first
    /// <paramref name="headerBytes"/> bytes), bringing them into the cache as a receive path that has
    /// just delivered the packet would; returns the bytes' sum so the reads cannot be dropped.
    /// </summary>
    public int TouchHeaders(int index, int headerBytes = HeaderBytes)
    {
        ReadOnlySpan<byte> packet = Packet(index);
        int end = HeaderLength(index, headerBytes);
        int sum = 0;
        for (int i = 0; i < end; i += 64)
        {
            sum += packet[i];
        }

        return end > 0 ? sum + packet[end - 1] : sum;
    }

    /// <summary>How many of packet <paramref name="index"/>'s bytes <see cref="TouchHeaders"/> reads: its first <paramref name="headerBytes"/>, or all of a shorter frame.</summary>
    public int HeaderLength(int index, int headerBytes = HeaderBytes) => Math.Min(_lengths[index], headerBytes);

    /// <summary>Arrival time of packet <paramref name="index"/>, in µs.</summary>
    public long Time(int index) => _times[index];

    /// <summary>Input port of packet <paramref name="index"/>.</summary>
    public int InPort(int index) => _inPorts[index];

    /// <summary>Control actions to apply just before packet <paramref name="index"/> (none for most packets).</summary>
    public IReadOnlyList<ControlEvent> EventsBefore(int index) =>
        _events.TryGetValue(index, out List<ControlEvent>? events) ? events : Array.Empty<ControlEvent>();
}

/// <summary>A control-plane action in a workload: set backend <paramref name="Target"/>'s health to <paramref name="Value"/>.</summary>
public readonly record struct ControlEvent(int Target, bool Value);
