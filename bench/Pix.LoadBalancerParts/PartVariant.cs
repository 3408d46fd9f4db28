using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using Pix;
using Pix.Samples.NetworkFunctions.LoadBalancer;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.LoadBalancerParts;

/// <summary>Which part of <see cref="MaglevLoadBalancer.SelectBackend"/> a variant times.</summary>
internal enum Part
{
    /// <summary>The empty entry point: the driver's baseline (dispatch and timer), subtracted from every other.</summary>
    Empty,

    /// <summary><see cref="PacketParser.TryParse"/> alone.</summary>
    Parse,

    /// <summary>The parse and the flow's hash.</summary>
    Hash,

    /// <summary>The parse, the hash and the connection-table probe (<see cref="ConnectionTable.Find"/>).</summary>
    Find,

    /// <summary>As <see cref="Find"/>, then the same probe again: the second one's cost is a probe whose slot, page and code are all hot.</summary>
    FindTwice,

    /// <summary>As <see cref="Find"/>, then the tracked flow's refresh (<see cref="ConnectionTable.Store"/>): the tracked path without the health check.</summary>
    Refresh,

    /// <summary>The parse, the hash and the lookup table's entry (the division and the load): the untracked path's lookup without the probe.</summary>
    Lookup,

    /// <summary>The whole <see cref="MaglevLoadBalancer.SelectBackend"/>.</summary>
    Whole,

    /// <summary>The flow's hash of a key stored long before (parsed when the variant was made): <see cref="FindStored"/>'s baseline.</summary>
    HashStored,

    /// <summary>The hash and the probe of a key stored long before: the probe without the parser's stores just before it (store-to-load forwarding's suspect removed).</summary>
    FindStored,

    /// <summary>As <see cref="FindStored"/>, the key first rebuilt field by field (five narrow stores) just before the probe reads it back.</summary>
    FindFresh,
}

/// <summary>
/// The typical workload's packets, the balancer's state advanced untimed (<see cref="SlotWarm"/>) so every part finds
/// the table in the state the driver's packet does, then one <see cref="Part"/> of the packet's step timed by
/// the driver's <c>PerPacketMeasurement</c>. Every part is its own non-inlined method with the entry point's
/// arguments, as the entry point is.
/// </summary>
internal sealed class PartVariant : Scenario
{
    private static readonly FieldInfo ConnectionsField = typeof(MaglevLoadBalancer).GetField("_connections", BindingFlags.NonPublic | BindingFlags.Instance)!;
    private readonly Part _part;
    private readonly SlotBacking? _backing;
    private readonly FlowKey[] _storedKeys;
    private MaglevLoadBalancer _balancer = LoadBalancerScenario.NewBalancer();
    private ConnectionTable _connections = null!;
    private int _sink;

    /// <param name="backing">Null: the slots the balancer allocates (<see cref="Backing.Fresh"/>); else these, kept across replays.</param>
    public PartVariant(Workload workload, Part part, SlotBacking? backing = null) : base(workload)
    {
        _part = part;
        _backing = backing;
        // Written long before any probe reads them: the stored-key parts' keys.
        _storedKeys = new FlowKey[workload.Count];
        for (int i = 0; i < workload.Count; i++)
        {
            _storedKeys[i] = PacketParser.TryParse(workload.Packet(i), out PacketHeaders headers) ? headers.Flow : default;
        }

        Reset();
    }

    public Part Part => _part;

    public Backing Backing => _backing is null ? Backing.Fresh : _backing.Collapse.StartsWith("collapse", StringComparison.Ordinal) ? Backing.Huge : Backing.Small;

    public override string NetworkFunction => "lb";

    public override string EntryPoint => nameof(MaglevLoadBalancer.SelectBackend);

    public override IReadOnlyList<string> PcvNames { get; } = new[] { "probes" };

    public override void Reset()
    {
        _balancer = LoadBalancerScenario.NewBalancer();
        _connections = (ConnectionTable)ConnectionsField.GetValue(_balancer)!;
        _backing?.Install(_connections);
    }

    /// <summary>
    /// When set, each packet's own balancer step runs untimed before its part (its slot in L1, its stores just made);
    /// else the previous packet's does (the table as the driver's packet finds it, and the slot where it is then). The
    /// whole entry point advances the state itself either way.
    /// </summary>
    public static bool SlotWarm { get; set; }

    // Off the clock: the step that brings the table to the state the timed part runs in.
    public override void BeforePacket(int index)
    {
        if (_part == Part.Whole && !SlotWarm)
        {
            return;
        }

        int step = SlotWarm ? index : index - 1;
        if (step >= 0)
        {
            _balancer.SelectBackend(Workload.Packet(step), Workload.Time(step));
        }
    }

    public override void Process(int index)
    {
        ReadOnlySpan<byte> packet = Workload.Packet(index);
        long now = Workload.Time(index);
        _sink += _part switch
        {
            Part.Empty => Empty.SelectBackend(packet, now),
            Part.Parse => Parse(packet, now),
            Part.Hash => Hash(packet, now),
            Part.Find => Find(packet, now),
            Part.FindTwice => FindTwice(packet, now),
            Part.Refresh => Refresh(packet, now),
            Part.Lookup => Lookup(packet, now),
            Part.HashStored => HashStored(index, now),
            Part.FindStored => FindStored(index, now),
            Part.FindFresh => FindFresh(index, now),
            _ => _balancer.SelectBackend(packet, now),
        };
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Parse(ReadOnlySpan<byte> packet, long now) =>
        PacketParser.TryParse(packet, out PacketHeaders headers) ? headers.Flow.SourcePort : -1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Hash(ReadOnlySpan<byte> packet, long now) =>
        PacketParser.TryParse(packet, out PacketHeaders headers) ? (int)headers.Flow.Hash() : -1;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Find(ReadOnlySpan<byte> packet, long now)
    {
        if (!PacketParser.TryParse(packet, out PacketHeaders headers))
        {
            return -1;
        }

        FlowKey flow = headers.Flow;
        return _connections.Find(in flow, flow.Hash(), now, out int slot, out _) ? slot : -slot;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int FindTwice(ReadOnlySpan<byte> packet, long now)
    {
        if (!PacketParser.TryParse(packet, out PacketHeaders headers))
        {
            return -1;
        }

        FlowKey flow = headers.Flow;
        uint hash = flow.Hash();
        bool first = _connections.Find(in flow, hash, now, out int slot, out _);
        // The second probe starts from the first's slot, so it waits for it: the two are in sequence, as one probe after another.
        return first && _connections.Find(in flow, hash + (uint)(slot & 0), now, out int again, out _) ? again : -slot;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Refresh(ReadOnlySpan<byte> packet, long now)
    {
        if (!PacketParser.TryParse(packet, out PacketHeaders headers))
        {
            return -1;
        }

        FlowKey flow = headers.Flow;
        uint hash = flow.Hash();
        if (_connections.Find(in flow, hash, now, out int slot, out _))
        {
            _connections.Store(slot, in flow, hash, _connections.BackendAt(slot), now);
            return _connections.BackendAt(slot);
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int Lookup(ReadOnlySpan<byte> packet, long now)
    {
        if (!PacketParser.TryParse(packet, out PacketHeaders headers))
        {
            return -1;
        }

        uint hash = headers.Flow.Hash();
        return _balancer.Table[(int)(hash % (uint)_balancer.Table.Size)];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int HashStored(int index, long now) => (int)_storedKeys[index].Hash();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int FindStored(int index, long now)
    {
        ref readonly FlowKey flow = ref _storedKeys[index];
        return _connections.Find(in flow, flow.Hash(), now, out int slot, out _) ? slot : -slot;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int FindFresh(int index, long now)
    {
        ref readonly FlowKey stored = ref _storedKeys[index];
        // Field by field, as the parser builds it: narrow stores that the probe's key compare then loads.
        FlowKey flow = new(stored.SourceIp, stored.DestinationIp, stored.SourcePort, stored.DestinationPort, stored.Protocol);
        return _connections.Find(in flow, flow.Hash(), now, out int slot, out _) ? slot : -slot;
    }

    public override void ReadPcvs(int index, Span<int> values) => values[0] = _balancer.LastPacket.Probes;

    public override Latency? Predict(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) => null;

    public override LatencyBreakdown? Explain(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) => null;
}
