using System;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.NetworkFunctions.Bridge;

/// <summary>The PCV values one frame induced in the bridge.</summary>
/// <param name="LearnChainLength">Entries compared while learning the source address.</param>
/// <param name="ForwardChainLength">Entries compared while looking up the destination address (0 for group addresses).</param>
/// <param name="AgedOut">Entries the frame's aging sweep removed.</param>
public readonly record struct BridgePcvs(int LearnChainLength, int ForwardChainLength, int AgedOut);

/// <summary>
/// A transparent MAC-learning bridge (IEEE 802.1D): learns which port each source address lives
/// on, forwards frames to the learned port of their destination, floods the rest, and ages out
/// addresses not seen for <c>agingTime</c>, a few table entries per frame.
/// </summary>
public sealed partial class LearningBridge
{
    /// <summary>Returned by <see cref="Forward"/> for frames sent out of every port but the input.</summary>
    public const int Flood = -1;

    /// <summary>Returned by <see cref="Forward"/> for frames whose destination is on their input port.</summary>
    public const int Filter = -2;

    /// <summary>Table entries the aging sweep visits per frame.</summary>
    public const int SweepPerFrame = 4;

    /// <summary>
    /// The forwarding database's size the interface prices L1 misses at (4,096 addresses, 160 KiB): a
    /// <c>PixHint.ColdLoads</c> footprint is a compile-time constant, so a bridge built much larger or
    /// smaller than this is priced as if it had this size.
    /// </summary>
    public const int ProvisionedAddresses = 4096;

    private readonly MacTable _table;
    private readonly long _agingTime;
    private int _sweepCursor;

    /// <summary>Creates a bridge with an empty forwarding database.</summary>
    public LearningBridge(int capacity, int bucketCount, long agingTime)
    {
        _table = new MacTable(capacity, bucketCount);
        _agingTime = agingTime;
    }

    /// <summary>The forwarding database.</summary>
    public MacTable Table => _table;

    /// <summary>The next pool entry the aging sweep visits (workloads replay the sweep to trace cold loads).</summary>
    internal int SweepCursor => _sweepCursor;

    /// <summary>The PCV values the last frame induced.</summary>
    public BridgePcvs LastPacket { get; private set; }

    /// <summary>
    /// Handles one frame received on <paramref name="inPort"/> at <paramref name="now"/>: returns the
    /// output port, <see cref="Flood"/> or <see cref="Filter"/> (also for frames too short to bridge).
    /// </summary>
    [PerformanceInterface, System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public int Forward(ReadOnlySpan<byte> frame, int inPort, long now)
    {
        PixHint.ColdLoads("tableMisses", ProvisionedAddresses * MacTable.EntryBytes, "forwarding-database entries this frame loads that are not in L1 (aging sweep, learning and lookup walks)");
        if (frame.Length < Wire.EthernetHeaderLength)
        {
            LastPacket = default;
            return Filter;
        }

        ulong destination = PacketParser.ReadMac(frame);
        ulong source = PacketParser.ReadMac(frame.Slice(6));
        int agedOut = AgeSome(now);
        int learnSteps = IsGroupAddress(source) ? 0 : Learn(source, inPort, now);

        int forwardSteps = 0;
        int outPort = IsGroupAddress(destination) ? Flood : Lookup(destination, now, out forwardSteps);
        LastPacket = new BridgePcvs(learnSteps, forwardSteps, agedOut);
        return outPort == inPort ? Filter : outPort;
    }

    private static bool IsGroupAddress(ulong mac) => (mac & 0x0100_0000_0000UL) != 0;

    /// <summary>Records that <paramref name="mac"/> is on <paramref name="port"/>; returns the entries compared.</summary>
    private int Learn(ulong mac, int port, long now)
    {
        int steps = 0;
        for (int index = _table.Head(_table.BucketOf(mac)); index >= 0; index = _table.Next(index))
        {
            PixHint.Pcv("learnChainLength", "forwarding-database entries compared to find the source address");
            steps++;
            if (_table.MacAt(index) == mac)
            {
                _table.Refresh(index, port, now);
                return steps;
            }
        }

        // A full table learns nothing new until aging frees room; the frame is still forwarded.
        _table.TryAdd(mac, port, now);
        return steps;
    }

    /// <summary>The learned, unexpired port of <paramref name="mac"/>, else <see cref="Flood"/>.</summary>
    private int Lookup(ulong mac, long now, out int steps)
    {
        steps = 0;
        for (int index = _table.Head(_table.BucketOf(mac)); index >= 0; index = _table.Next(index))
        {
            PixHint.Pcv("forwardChainLength", "forwarding-database entries compared to find the destination address");
            steps++;
            if (_table.MacAt(index) == mac)
            {
                return now - _table.LastSeenAt(index) < _agingTime ? _table.PortAt(index) : Flood;
            }
        }

        return Flood;
    }

    /// <summary>Visits the next <see cref="SweepPerFrame"/> pool entries and forgets the expired ones; returns how many.</summary>
    private int AgeSome(long now)
    {
        int cursor = _sweepCursor;
        int removed = 0;
        for (int i = 0; i < SweepPerFrame; i++)
        {
            if (_table.IsInUse(cursor) && now - _table.LastSeenAt(cursor) >= _agingTime)
            {
                PixHint.Pcv("agedOut", "forwarding-database entries this frame's aging sweep removes");
                _table.Remove(cursor);
                removed++;
            }

            cursor = cursor + 1 == _table.Capacity ? 0 : cursor + 1;
        }

        _sweepCursor = cursor;
        return removed;
    }
}
