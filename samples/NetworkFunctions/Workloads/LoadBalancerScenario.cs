using System;
using System.Collections.Generic;
using Pix.Samples.NetworkFunctions.LoadBalancer;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>The Maglev load balancer and its workloads: typical, colliding connection-table slots, and flapping backends.</summary>
public sealed class LoadBalancerScenario : Scenario
{
    /// <summary>The workloads, by name.</summary>
    public static readonly IReadOnlyList<string> WorkloadNames = new[] { "typical", "colliding", "health-flap" };

    /// <summary>Connection-table slots of every workload's balancer.</summary>
    public const int ConnectionCapacity = MaglevLoadBalancer.ProvisionedConnections;

    private const uint ClientNetwork = 0x0A000000;
    private static readonly string[] Pcvs = { "connectionMisses", "lookupMisses", "probes", "trackedBackendDown", "connectionMissesFromL2", "lookupMissesFromL2", "connectionMissesFromMemory", "lookupMissesFromMemory" };
    private MaglevLoadBalancer _balancer;
    private SelectBackendInterface<Latency>? _interface;
    private SelectBackendInterface<LatencyBreakdown>? _explain;

    private LoadBalancerScenario(Workload workload) : base(workload) => _balancer = NewBalancer();

    /// <inheritdoc/>
    public override string NetworkFunction => "lb";

    /// <inheritdoc/>
    public override string EntryPoint => nameof(MaglevLoadBalancer.SelectBackend);

    /// <inheritdoc/>
    public override IReadOnlyList<string> PcvNames => Pcvs;

    /// <inheritdoc/>
    public override IReadOnlyList<double>? PcvLimits { get; } = new double[] { ConnectionTable.ProbeWindow, 1, ConnectionTable.ProbeWindow, 1, ConnectionTable.ProbeWindow, 1, ConnectionTable.ProbeWindow, 1 };

    /// <summary>The balancer under test.</summary>
    public MaglevLoadBalancer Function => _balancer;

    /// <summary>A balancer over 16 backends (10.1.0.1–16), table 65,537, 30 s idle timeout.</summary>
    public static MaglevLoadBalancer NewBalancer()
    {
        Span<uint> backends = stackalloc uint[16];
        for (int i = 0; i < backends.Length; i++)
        {
            backends[i] = 0x0A010001u + (uint)i;
        }

        return new MaglevLoadBalancer(backends, MaglevLoadBalancer.ProvisionedTableSize, ConnectionCapacity, idleTimeout: 30_000_000);
    }

    /// <summary>A scenario over packets built elsewhere (tests craft flows' reuse distances with it).</summary>
    internal static LoadBalancerScenario Of(Workload workload) => new(workload);

    /// <summary>Creates the scenario for workload <paramref name="name"/>.</summary>
    public static LoadBalancerScenario Create(string name, ulong seed) => name switch
    {
        "typical" => Typical(seed, flap: false),
        "health-flap" => Typical(seed, flap: true),
        "colliding" => Colliding(seed),
        _ => throw new ArgumentException($"Unknown load-balancer workload '{name}'; choose one of {string.Join(", ", WorkloadNames)}.", nameof(name)),
    };

    /// <inheritdoc/>
    public override void Reset()
    {
        _balancer = NewBalancer();
        _interface = InterfaceBinding.Bind<SelectBackendInterface<Latency>>(_balancer, EntryPoint);
        _explain = InterfaceBinding.BindExplanation<SelectBackendInterface<LatencyBreakdown>>(_balancer, EntryPoint);
    }

    /// <summary>Applies the health changes due before the packet; a change rebuilds the lookup table, which the cache replay sees too.</summary>
    public override void BeforePacket(int index)
    {
        foreach (ControlEvent e in Workload.EventsBefore(index))
        {
            if (_balancer.IsHealthy(e.Target) != e.Value)
            {
                _balancer.SetBackendHealth(e.Target, e.Value);
                ReplayRebuild();
            }
        }
    }

    /// <inheritdoc/>
    public override void Process(int index)
    {
        // The arguments first, so that both calls take the same ones: in the baseline's branch, which dynamic PGO sees
        // cold, the JIT did not inline the look-ups (a call to Workload.Packet the function's branch does not make).
        ReadOnlySpan<byte> packet = Workload.Packet(index);
        long now = Workload.Time(index);
        if (EntryPointEmptied)
        {
            Empty.SelectBackend(packet, now);
            return;
        }

        _balancer.SelectBackend(packet, now);
    }

    /// <inheritdoc/>
    public override Latency? Predict(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) =>
        _interface?.Invoke(Workload.Packet(index), Workload.Time(index), hw, pcvs[0], pcvs[1], pcvs[2], pcvs[4], pcvs[5], pcvs[6], pcvs[7]);

    /// <inheritdoc/>
    public override LatencyBreakdown? Explain(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) =>
        _explain?.Invoke(Workload.Packet(index), Workload.Time(index), hw, pcvs[0], pcvs[1], pcvs[2], pcvs[4], pcvs[5], pcvs[6], pcvs[7]);

    /// <inheritdoc/>
    public override void ReadPcvs(int index, Span<int> values)
    {
        MaglevPcvs pcvs = _balancer.LastPacket;
        (ColdLoadCount connection, ColdLoadCount lookup) = ReplayLoads(Workload.Packet(index), pcvs);
        (values[0], values[4], values[6]) = (connection.Misses, connection.FromL2, connection.FromMemory);
        (values[1], values[5], values[7]) = (lookup.Misses, lookup.FromL2, lookup.FromMemory);
        values[2] = pcvs.Probes;
        values[3] = pcvs.TrackedBackendDown;
    }

    /// <summary>
    /// The connection-table slots and the lookup-table entry the packet loaded, replayed in the order
    /// <see cref="MaglevLoadBalancer.SelectBackend"/> loads them, through the simulated caches: how many of
    /// each were cold, and how many L2 served. <c>Find</c>'s probe window (from the flow's home slot, one slot per probe), then, when
    /// the flow was not tracked or its backend is down, the lookup table's entry for its hash. Not replayed:
    /// the slot the packet then stores into, one of the window's (already loaded).
    /// </summary>
    private (ColdLoadCount Connection, ColdLoadCount Lookup) ReplayLoads(ReadOnlySpan<byte> packet, MaglevPcvs pcvs)
    {
        if (!PacketParser.TryParse(packet, out PacketHeaders headers))
        {
            return (default, default);
        }

        uint hash = headers.Flow.Hash();
        int home = (int)(hash & (uint)(ConnectionCapacity - 1));
        ColdLoadCount connection = default;
        for (int i = 0; i < pcvs.Probes; i++)
        {
            int slot = (home + i) & (ConnectionCapacity - 1);
            connection += SimulatedCaches.LoadEntry(slot, ConnectionTable.SlotBytes, ConnectionTableBytes, ProbeSite);
        }

        int entry = (int)(hash % (uint)_balancer.Table.Size);
        ColdLoadCount lookup = pcvs.LookedUp ? SimulatedCaches.LoadEntry(entry, MaglevTable.EntryBytes, LookupTableBytes, LookupSite, LookupTableStart) : default;
        return (connection, lookup);
    }

    /// <summary>
    /// A rebuild (<see cref="MaglevTable.Populate"/>) rewrites every entry of the lookup table on the packet
    /// core: its fill sweeps the lines in order, and the population writes each entry again, in the
    /// backends' permutation order. Replayed as the sweep (every line is touched either way; which of them
    /// L1 keeps last differs), from a site of its own: afterwards the simulated L2 holds the lookup table.
    /// Before the sweep the simulated caches are emptied: a rebuild keeps the packet thread away for milliseconds,
    /// and what the machine runs meanwhile takes its caches (docs/accuracy.md, seventh session: a spin as long that
    /// touches no memory does the same harm; sixteenth session: the slots the simulation kept in L2 through a
    /// rebuild measured as slow as those it did not, 160.7 and 153.3 ns against 33.7 for an L2 hit).
    /// </summary>
    private void ReplayRebuild()
    {
        SimulatedCaches.Empty();
        int lines = (int)((LookupTableBytes + CacheLevel.LineBytes - 1) / CacheLevel.LineBytes);
        for (int line = 0; line < lines; line++)
        {
            SimulatedCaches.LoadEntry(line, CacheLevel.LineBytes, LookupTableBytes, RebuildSite, LookupTableStart);
        }
    }

    // The footprints the entry point's two PixHint.ColdLoads name.
    private const long ConnectionTableBytes = (long)MaglevLoadBalancer.ProvisionedConnections * ConnectionTable.SlotBytes;
    private const long LookupTableBytes = (long)MaglevLoadBalancer.ProvisionedTableSize * MaglevTable.EntryBytes;

    // The lookup table lies after the connection table in the simulated memory (they must not share lines).
    private const long LookupTableStart = ConnectionTableBytes;

    // The load sites of the replay, for the simulated stride prefetcher.
    private const int ProbeSite = 0, LookupSite = 1, RebuildSite = 2;

    /// <summary>
    /// 5,000 client flows (opened during setup) with skewed popularity and 2% new flows; with
    /// <paramref name="flap"/>, every 2,000 packets one backend fails and the previous one recovers.
    /// </summary>
    private static LoadBalancerScenario Typical(ulong seed, bool flap)
    {
        var random = new SplitMix64(seed);
        var builder = new WorkloadBuilder();
        var flows = new FlowKey[5000];
        for (int i = 0; i < flows.Length; i++)
        {
            flows[i] = FlowFactory.Random(ref random, ClientNetwork, Wire.ProtocolTcp, destinationPort: 443);
            builder.Add(flows[i], time: i, tcpFlags: Wire.TcpAck);
        }

        builder.EndSetup();
        for (int i = 0; i < 60_000; i++)
        {
            if (flap && i % 2000 == 0)
            {
                int failing = (i / 2000) % 16;
                builder.AddEventBeforeNext(new ControlEvent(failing, false));
                builder.AddEventBeforeNext(new ControlEvent((failing + 15) % 16, true));
            }

            int pick = random.Skewed(flows.Length);
            if (random.Below(50) == 0)
            {
                flows[pick] = FlowFactory.Random(ref random, ClientNetwork, Wire.ProtocolTcp, destinationPort: 443);
            }

            builder.Add(flows[pick], time: flows.Length + (2L * i), tcpFlags: Wire.TcpAck);
        }

        return flap
            ? new LoadBalancerScenario(builder.Build("health-flap", "typical traffic while one backend in 16 fails every 2,000 packets (and the previous recovers)"))
            : new LoadBalancerScenario(builder.Build("typical", "5,000 skewed TCP flows, 2% new"));
    }

    /// <summary>64 flows crafted to share one home slot: every lookup probes the whole window and flows evict each other.</summary>
    private static LoadBalancerScenario Colliding(ulong seed)
    {
        var random = new SplitMix64(seed);
        var table = new ConnectionTable(ConnectionCapacity, 1);
        var flows = new FlowKey[64];
        FlowFactory.Colliding(ref random, flows, flow => table.HomeSlot(flow.Hash()), bucket: 4242, ClientNetwork, Wire.ProtocolTcp, 443);
        var builder = new WorkloadBuilder();
        for (int i = 0; i < flows.Length; i++)
        {
            builder.Add(flows[i], time: i, tcpFlags: Wire.TcpAck);
        }

        builder.EndSetup();
        for (int i = 0; i < 40_000; i++)
        {
            builder.Add(flows[random.Below(flows.Length)], time: flows.Length + i, tcpFlags: Wire.TcpAck);
        }

        return new LoadBalancerScenario(builder.Build("colliding", "64 flows crafted onto one connection-table home slot (window of 8)"));
    }

    /// <summary>The signature of the generated <c>MaglevLoadBalancer.LatencyOf_SelectBackend</c> (TResult = Latency) and of its twin <c>ExplainLatencyOf_SelectBackend</c> (TResult = LatencyBreakdown).</summary>
    private delegate TResult SelectBackendInterface<TResult>(ReadOnlySpan<byte> packet, long now, HardwareProfile hw, double connectionMisses, double lookupMisses, double? probes, double? connectionMissesFromL2, double? lookupMissesFromL2, double? connectionMissesFromMemory, double? lookupMissesFromMemory);
}
