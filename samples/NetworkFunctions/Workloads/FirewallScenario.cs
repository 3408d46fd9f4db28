using System;
using System.Collections.Generic;
using Pix.Samples.NetworkFunctions.Firewall;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>The stateful firewall and its workloads: established traffic, new flows that scan every rule, and colliding connections.</summary>
public sealed class FirewallScenario : Scenario
{
    /// <summary>The workloads, by name.</summary>
    public static readonly IReadOnlyList<string> WorkloadNames = new[] { "typical", "rule-scan", "colliding" };

    /// <summary>Rules installed by <see cref="NewFirewall"/>.</summary>
    public const int RuleCount = 100;

    private const uint InsideNetwork = 0x0A000000;
    private static readonly string[] Pcvs = { "connectionMisses", "bucketMisses", "chainLength", "staleUnlinked", "rulesScanned", "connectionMissesFromL2", "bucketMissesFromL2", "connectionMissesFromMemory", "bucketMissesFromMemory" };
    private StatefulFirewall _firewall;
    private int _connectionsBefore;
    private FilterInterface<Latency>? _interface;
    private FilterInterface<LatencyBreakdown>? _explain;

    private FirewallScenario(Workload workload) : base(workload) => _firewall = NewFirewall();

    /// <inheritdoc/>
    public override string NetworkFunction => "firewall";

    /// <inheritdoc/>
    public override string EntryPoint => nameof(StatefulFirewall.Filter);

    /// <inheritdoc/>
    public override IReadOnlyList<string> PcvNames => Pcvs;

    /// <summary>The firewall under test.</summary>
    public StatefulFirewall Function => _firewall;

    /// <summary>
    /// A firewall (65,536 connections over 16,384 buckets; 300 s established, 30 s transient) with
    /// 100 rules: allow TCP 443 and UDP 53 from 10/8, then 98 rules denying random /24s; default deny.
    /// </summary>
    public static StatefulFirewall NewFirewall()
    {
        var firewall = new StatefulFirewall(RuleCount, StatefulFirewall.ProvisionedConnections, StatefulFirewall.ProvisionedBuckets, 300_000_000, 30_000_000);
        firewall.AddRule(new FirewallRule(InsideNetwork, 8, 0, 0, 443, 443, Wire.ProtocolTcp, allow: true));
        firewall.AddRule(new FirewallRule(InsideNetwork, 8, 0, 0, 53, 53, Wire.ProtocolUdp, allow: true));
        var random = new SplitMix64(0xF1EE);
        for (int i = 2; i < RuleCount; i++)
        {
            firewall.AddRule(new FirewallRule(0xC0000000u | ((uint)random.Next() & 0x3FFFFF00u), 24, 0, 0, 0, ushort.MaxValue, 0, allow: false));
        }

        return firewall;
    }

    /// <summary>A scenario over packets built elsewhere (tests craft connections' reuse distances with it).</summary>
    internal static FirewallScenario Of(Workload workload) => new(workload);

    /// <summary>Creates the scenario for workload <paramref name="name"/>.</summary>
    public static FirewallScenario Create(string name, ulong seed) => name switch
    {
        "typical" => Typical(seed),
        "rule-scan" => RuleScan(seed),
        "colliding" => Colliding(seed),
        _ => throw new ArgumentException($"Unknown firewall workload '{name}'; choose one of {string.Join(", ", WorkloadNames)}.", nameof(name)),
    };

    /// <inheritdoc/>
    public override void Reset()
    {
        _firewall = NewFirewall();
        _interface = InterfaceBinding.Bind<FilterInterface<Latency>>(_firewall, EntryPoint);
        _explain = InterfaceBinding.BindExplanation<FilterInterface<LatencyBreakdown>>(_firewall, EntryPoint);
    }

    /// <summary>Notes how many connections the table holds (off the clock): the cold-load replay tells from it whether the packet added one.</summary>
    public override void BeforePacket(int index) => _connectionsBefore = _firewall.Connections.Count;

    /// <inheritdoc/>
    public override void Process(int index)
    {
        // The arguments first, so that both calls take the same ones: in the baseline's branch, which dynamic PGO sees
        // cold, the JIT did not inline the look-ups (a call to Workload.Packet the function's branch does not make).
        ReadOnlySpan<byte> packet = Workload.Packet(index);
        long now = Workload.Time(index);
        if (EntryPointEmptied)
        {
            Empty.Filter(packet, now);
            return;
        }

        _firewall.Filter(packet, now);
    }

    /// <inheritdoc/>
    public override Latency? Predict(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) =>
        _interface?.Invoke(Workload.Packet(index), Workload.Time(index), hw, pcvs[0], pcvs[1], pcvs[2], pcvs[3], pcvs[4], pcvs[5], pcvs[6], pcvs[7], pcvs[8]);

    /// <inheritdoc/>
    public override LatencyBreakdown? Explain(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) =>
        _explain?.Invoke(Workload.Packet(index), Workload.Time(index), hw, pcvs[0], pcvs[1], pcvs[2], pcvs[3], pcvs[4], pcvs[5], pcvs[6], pcvs[7], pcvs[8]);

    /// <inheritdoc/>
    public override void ReadPcvs(int index, Span<int> values)
    {
        FirewallPcvs pcvs = _firewall.LastPacket;
        (ColdLoadCount connection, ColdLoadCount bucket) = ReplayConnectionTableLoads(index, pcvs);
        (values[0], values[5], values[7]) = (connection.Misses, connection.FromL2, connection.FromMemory);
        (values[1], values[6], values[8]) = (bucket.Misses, bucket.FromL2, bucket.FromMemory);
        values[2] = pcvs.ChainLength;
        values[3] = pcvs.StaleUnlinked;
        values[4] = pcvs.RulesScanned;
    }

    /// <summary>
    /// The connection-table lines packet <paramref name="index"/> loaded, replayed from the state it left, in the order
    /// <see cref="StatefulFirewall.Filter"/> loads them, through the simulated caches: how many entries and bucket heads
    /// were cold, and how many L2 served (CacheSimulation). The bucket's head; the entries <c>Find</c> walked (the chain's first ones, after the
    /// new entry if the packet added one: <c>Add</c> links it first); then the free entry a new connection took, loaded
    /// for its free-list link. Stale entries the walk unlinked are no longer in the chain: they are the free list's first
    /// entries (the last of them taken again by a new connection), replayed after the kept ones, as their place in the
    /// walk is lost. Not replayed: the rule list (100 rules of 24 bytes: it stays in L1) and the stores (to lines just loaded).
    /// </summary>
    private (ColdLoadCount Connection, ColdLoadCount Bucket) ReplayConnectionTableLoads(int index, FirewallPcvs pcvs)
    {
        if (!PacketParser.TryParse(Workload.Packet(index), out PacketHeaders headers))
        {
            return (default, default);
        }

        ConnectionTracker table = _firewall.Connections;
        int bucket = table.BucketOf(headers.Flow.Canonical().Hash());
        ColdLoadCount bucketMisses = SimulatedCaches.LoadEntry(bucket, ConnectionTracker.BucketHeadBytes, BucketHeadsBytes, BucketSite, BucketHeadsStart);
        bool added = table.Count - _connectionsBefore + pcvs.StaleUnlinked == 1;
        ColdLoadCount misses = default;
        int entry = table.BucketHead(bucket);
        int newEntry = added ? entry : -1;
        if (added)
        {
            entry = table.NextInChain(entry);
        }

        for (int i = 0; i < pcvs.ChainLength - pcvs.StaleUnlinked && entry >= 0; i++, entry = table.NextInChain(entry))
        {
            misses += Load(entry, WalkSite);
        }

        // Unlinked entries were pushed on the free list in walk order; a new connection then took the last of them.
        int unlinkedFree = added ? pcvs.StaleUnlinked - 1 : pcvs.StaleUnlinked;
        entry = table.FreeHead;
        for (int i = 0; i < unlinkedFree && entry >= 0; i++, entry = table.NextInChain(entry))
        {
            misses += Load(entry, WalkSite);
        }

        return (misses + (newEntry >= 0 ? Load(newEntry, PoolSite) : default), bucketMisses);

        ColdLoadCount Load(int e, int site) => SimulatedCaches.LoadEntry(e, ConnectionTracker.EntryBytes, EntriesBytes, site);
    }

    // The footprints the entry point's two PixHint.ColdLoads name; the bucket heads are placed after the entries in the
    // simulated memory (on a line boundary), so that the two structures' lines never alias.
    private const long EntriesBytes = (long)StatefulFirewall.ProvisionedConnections * ConnectionTracker.EntryBytes;
    private const long BucketHeadsBytes = (long)StatefulFirewall.ProvisionedBuckets * ConnectionTracker.BucketHeadBytes;
    private const long BucketHeadsStart = EntriesBytes;

    // The load sites of the replay, for the simulated stride prefetcher.
    private const int BucketSite = 0, WalkSite = 1, PoolSite = 2;

    /// <summary>3,000 HTTPS connections opened in setup (SYN, SYN-ACK, ACK); then data both ways, 3% of packets opening new connections.</summary>
    private static FirewallScenario Typical(ulong seed)
    {
        var random = new SplitMix64(seed);
        var builder = new WorkloadBuilder();
        var connections = new FlowKey[3000];
        long time = 0;
        for (int i = 0; i < connections.Length; i++)
        {
            connections[i] = FlowFactory.Random(ref random, InsideNetwork, Wire.ProtocolTcp, 443);
            Handshake(builder, connections[i], ref time);
        }

        builder.EndSetup();
        for (int i = 0; i < 60_000; i++)
        {
            int pick = random.Skewed(connections.Length);
            if (random.Below(100) < 3)
            {
                connections[pick] = FlowFactory.Random(ref random, InsideNetwork, Wire.ProtocolTcp, 443);
                builder.Add(connections[pick], time++, tcpFlags: Wire.TcpSyn);
            }
            else
            {
                FlowKey flow = random.Below(2) == 0 ? connections[pick] : connections[pick].Reverse;
                builder.Add(flow, time++, tcpFlags: Wire.TcpAck);
            }
        }

        return new FirewallScenario(builder.Build("typical", "3,000 established HTTPS connections, data both ways, 3% new connections"));
    }

    /// <summary>New UDP flows to a port no rule names: each scans all 100 rules and is denied (so never tracked).</summary>
    private static FirewallScenario RuleScan(ulong seed)
    {
        var random = new SplitMix64(seed);
        var builder = new WorkloadBuilder();
        for (int i = 0; i < 40_000; i++)
        {
            builder.Add(FlowFactory.Random(ref random, InsideNetwork, Wire.ProtocolUdp, 9999), time: i);
        }

        return new FirewallScenario(builder.Build("rule-scan", "40,000 new UDP flows to port 9999: every rule scanned, default deny"));
    }

    /// <summary>1,500 DNS flows crafted into one bucket, opened in setup, then 40,000 packets among them.</summary>
    private static FirewallScenario Colliding(ulong seed)
    {
        var random = new SplitMix64(seed);
        var tracker = new ConnectionTracker(16, 1 << 14, 1, 1);
        var flows = new FlowKey[1500];
        FlowFactory.Colliding(ref random, flows, flow => tracker.BucketOf(flow.Canonical().Hash()), bucket: 99, InsideNetwork, Wire.ProtocolUdp, 53);
        var builder = new WorkloadBuilder();
        for (int i = 0; i < flows.Length; i++)
        {
            builder.Add(flows[i], time: i);
        }

        builder.EndSetup();
        for (int i = 0; i < 40_000; i++)
        {
            builder.Add(flows[random.Below(flows.Length)], time: flows.Length + i);
        }

        return new FirewallScenario(builder.Build("colliding", "1,500 UDP flows crafted into one connection-table bucket"));
    }

    private static void Handshake(WorkloadBuilder builder, in FlowKey connection, ref long time)
    {
        builder.Add(connection, time++, tcpFlags: Wire.TcpSyn);
        builder.Add(connection.Reverse, time++, tcpFlags: Wire.TcpSyn | Wire.TcpAck);
        builder.Add(connection, time++, tcpFlags: Wire.TcpAck);
    }

    /// <summary>The signature of the generated <c>StatefulFirewall.LatencyOf_Filter</c> (TResult = Latency) and of its twin <c>ExplainLatencyOf_Filter</c> (TResult = LatencyBreakdown).</summary>
    private delegate TResult FilterInterface<TResult>(ReadOnlySpan<byte> packet, long now, HardwareProfile hw, double connectionMisses, double bucketMisses, double chainLength, double? staleUnlinked, double? rulesScanned, double? connectionMissesFromL2, double? bucketMissesFromL2, double? connectionMissesFromMemory, double? bucketMissesFromMemory);
}
