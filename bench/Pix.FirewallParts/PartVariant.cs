using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pix;
using Pix.Samples.NetworkFunctions.Firewall;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.FirewallParts;

/// <summary>Which part of <see cref="StatefulFirewall.Filter"/> a variant times.</summary>
internal enum Part
{
    /// <summary>The empty entry point: the driver's baseline (dispatch and timer), subtracted from every other.</summary>
    Empty,

    /// <summary><see cref="PacketParser.TryParse"/> alone.</summary>
    Parse,

    /// <summary>The parse, the connection's canonical key and its hash.</summary>
    Hash,

    /// <summary>As <see cref="Hash"/>, then the bucket's walk (<see cref="ConnectionTracker.Find"/>).</summary>
    Find,

    /// <summary>As <see cref="Find"/>, then the same walk again: the second one's cost is a walk whose entry, page and code are all hot.</summary>
    FindTwice,

    /// <summary>As <see cref="Find"/>, then the tracked connection's state read and update: Filter's tracked path without its bookkeeping (LastPacket).</summary>
    Track,

    /// <summary>The whole <see cref="StatefulFirewall.Filter"/>.</summary>
    Whole,
}

/// <summary>
/// The workload's packets, the firewall's state advanced untimed by the previous packet's <see cref="StatefulFirewall.Filter"/>
/// so every part finds the table in the state the driver's packet does, then one <see cref="Part"/> of the packet's step timed
/// by the driver's <c>PerPacketMeasurement</c>. Every part is its own non-inlined method with the entry point's arguments,
/// as the entry point is.
/// </summary>
internal sealed class PartVariant : Scenario
{
    private readonly Part _part;
    private StatefulFirewall _firewall = FirewallScenario.NewFirewall();
    private int _sink;

    private static readonly FieldInfo EntriesField = typeof(ConnectionTracker).GetField("_entries", BindingFlags.NonPublic | BindingFlags.Instance)!;
    private readonly int[] _entryOf;
    private int _touched;

    public PartVariant(Workload workload, Part part) : base(workload)
    {
        _part = part;
        _entryOf = EntryIndices(workload);
        Reset();
    }

    /// <summary>
    /// When set, before each timed part (off the clock) one byte is read 2 KiB away from the packet's connection entry,
    /// in the same 4 KiB page: the page's translation is then in the TLB, the entry's line (and its neighbours) is not.
    /// Against the default, what a part loses is what the entry's page walk cost it.
    /// </summary>
    public static bool PageWarm { get; set; }

    // Each packet's connection entry (-1 for none): the pool hands out entries in the packets' order, so a fresh
    // firewall replaying the workload finds every packet's connection at the same index as this untimed replay did.
    private static int[] EntryIndices(Workload workload)
    {
        StatefulFirewall firewall = FirewallScenario.NewFirewall();
        var entries = new int[workload.Count];
        for (int i = 0; i < workload.Count; i++)
        {
            entries[i] = -1;
            if (PacketParser.TryParse(workload.Packet(i), out PacketHeaders headers))
            {
                FlowKey connection = headers.Flow.Canonical();
                // A copy's walk would unlink stale entries as Filter's does; Filter right after sees the same table.
                entries[i] = firewall.Connections.Find(in connection, connection.Hash(), workload.Time(i), out _, out _);
            }

            firewall.Filter(workload.Packet(i), workload.Time(i));
        }

        return entries;
    }

    private unsafe void TouchEntryPage(int index)
    {
        if (_entryOf[index] < 0)
        {
            return;
        }

        var entries = (Array)EntriesField.GetValue(_firewall.Connections)!;
        ref byte data = ref MemoryMarshal.GetArrayDataReference(entries);
        nint entry = (nint)_entryOf[index] * ConnectionTracker.EntryBytes;
        nint address = (nint)Unsafe.AsPointer(ref Unsafe.AddByteOffset(ref data, entry));
        nint other = (address & ~(nint)4095) | ((address + 2048) & 4095);
        _touched += Unsafe.AddByteOffset(ref data, other - (address - entry));
    }

    public Part Part => _part;

    public override string NetworkFunction => "firewall";

    public override string EntryPoint => nameof(StatefulFirewall.Filter);

    public override IReadOnlyList<string> PcvNames { get; } = new[] { "chainLength" };

    public override void Reset() => _firewall = FirewallScenario.NewFirewall();

    // Off the clock: the previous packet's whole step, which brings the table to the state the timed part runs in (the
    // whole entry point advances the state itself).
    public override void BeforePacket(int index)
    {
        if (_part != Part.Whole && index > 0)
        {
            _firewall.Filter(Workload.Packet(index - 1), Workload.Time(index - 1));
        }

        if (PageWarm)
        {
            TouchEntryPage(index);
        }
    }

    public override void Process(int index)
    {
        ReadOnlySpan<byte> packet = Workload.Packet(index);
        long now = Workload.Time(index);
        _sink += _part switch
        {
            Part.Empty => Empty.Filter(packet, now) ? 1 : 0,
            Part.Parse => Parse(packet, now),
            Part.Hash => Hash(packet, now),
            Part.Find => Find(packet, now),
            Part.FindTwice => FindTwice(packet, now),
            Part.Track => Track(packet, now),
            _ => _firewall.Filter(packet, now) ? 1 : 0,
        };
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Parse(ReadOnlySpan<byte> packet, long now) =>
        PacketParser.TryParse(packet, out PacketHeaders headers) ? headers.Flow.SourcePort : -1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Hash(ReadOnlySpan<byte> packet, long now) =>
        PacketParser.TryParse(packet, out PacketHeaders headers) ? (int)headers.Flow.Canonical().Hash() : -1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Find(ReadOnlySpan<byte> packet, long now)
    {
        if (!PacketParser.TryParse(packet, out PacketHeaders headers))
        {
            return -1;
        }

        FlowKey connection = headers.Flow.Canonical();
        return _firewall.Connections.Find(in connection, connection.Hash(), now, out _, out _);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int FindTwice(ReadOnlySpan<byte> packet, long now)
    {
        if (!PacketParser.TryParse(packet, out PacketHeaders headers))
        {
            return -1;
        }

        FlowKey connection = headers.Flow.Canonical();
        uint hash = connection.Hash();
        int first = _firewall.Connections.Find(in connection, hash, now, out _, out _);
        // The second walk starts from the first's result, so it waits for it: the two are in sequence.
        return _firewall.Connections.Find(in connection, hash + (uint)(first & 0), now, out _, out _);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Track(ReadOnlySpan<byte> packet, long now)
    {
        if (!PacketParser.TryParse(packet, out PacketHeaders headers))
        {
            return -1;
        }

        FlowKey connection = headers.Flow.Canonical();
        int index = _firewall.Connections.Find(in connection, connection.Hash(), now, out _, out _);
        if (index >= 0)
        {
            ConnectionState state = _firewall.Connections.StateAt(index);
            _firewall.Connections.Update(index, state == ConnectionState.Opening ? ConnectionState.Established : state, now);
        }

        return index;
    }

    public override void ReadPcvs(int index, Span<int> values) => values[0] = _firewall.LastPacket.ChainLength;

    public override Latency? Predict(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) => null;

    public override LatencyBreakdown? Explain(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) => null;
}
