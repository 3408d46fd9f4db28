using System;
using System.Collections.Generic;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>Accumulates frames into a <see cref="Workload"/>.</summary>
public sealed class WorkloadBuilder
{
    private byte[] _bytes = new byte[1 << 16];
    private int _length;
    private readonly List<int> _offsets = new();
    private readonly List<int> _lengths = new();
    private readonly List<long> _times = new();
    private readonly List<int> _inPorts = new();
    private readonly Dictionary<int, List<ControlEvent>> _events = new();
    private readonly byte[] _scratch = new byte[2048];

    /// <summary>Packets added so far.</summary>
    public int Count => _offsets.Count;

    /// <summary>Adds an Ethernet/IPv4 frame of <paramref name="length"/> bytes for <paramref name="flow"/>.</summary>
    public void Add(in FlowKey flow, long time, int inPort = 0, int length = 64, byte tcpFlags = 0,
        ulong destinationMac = 0x02_00_00_00_00_01, ulong sourceMac = 0x02_00_00_00_00_02, byte timeToLive = 64)
    {
        Span<byte> frame = _scratch.AsSpan(0, length);
        PacketWriter.Write(frame, destinationMac, sourceMac, in flow, tcpFlags, timeToLive);
        AddFrame(frame, time, inPort);
    }

    /// <summary>Adds a raw frame.</summary>
    public void AddFrame(ReadOnlySpan<byte> frame, long time, int inPort)
    {
        if (_length + frame.Length > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + frame.Length));
        }

        _offsets.Add(_length);
        _lengths.Add(frame.Length);
        _times.Add(time);
        _inPorts.Add(inPort);
        frame.CopyTo(_bytes.AsSpan(_length));
        _length += frame.Length;
    }

    /// <summary>Schedules <paramref name="controlEvent"/> just before the next packet added.</summary>
    public void AddEventBeforeNext(ControlEvent controlEvent)
    {
        if (!_events.TryGetValue(Count, out List<ControlEvent>? list))
        {
            _events[Count] = list = new List<ControlEvent>();
        }

        list.Add(controlEvent);
    }

    private int _setupCount;

    /// <summary>Marks every packet added so far as setup (processed, not measured).</summary>
    public void EndSetup() => _setupCount = Count;

    /// <summary>Builds the workload.</summary>
    public Workload Build(string name, string description) =>
        new(name, description, _setupCount, _bytes.AsSpan(0, _length).ToArray(), _offsets.ToArray(), _lengths.ToArray(), _times.ToArray(), _inPorts.ToArray(), _events);
}
