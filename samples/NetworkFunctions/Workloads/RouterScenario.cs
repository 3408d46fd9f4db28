using System;
using System.Collections.Generic;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Router;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>The LPM router and its workloads: an Internet-like table, long (host) prefixes, and short prefixes only.</summary>
public sealed class RouterScenario : Scenario
{
    /// <summary>The workloads, by name.</summary>
    public static readonly IReadOnlyList<string> WorkloadNames = new[] { "typical", "long-prefixes", "short-prefixes" };

    private static readonly string[] Pcvs = { "trieMisses", "trieDepth", "trieMissesFromL2", "trieMissesFromMemory" };
    private readonly Action<PrefixTrie> _installRoutes;
    private LpmRouter _router;
    private RouteInterface<Latency>? _interface;
    private RouteInterface<LatencyBreakdown>? _explain;

    private RouterScenario(Workload workload, Action<PrefixTrie> installRoutes) : base(workload)
    {
        _installRoutes = installRoutes;
        _router = NewRouter();
    }

    /// <inheritdoc/>
    public override string NetworkFunction => "router";

    /// <inheritdoc/>
    public override string EntryPoint => nameof(LpmRouter.Route);

    /// <inheritdoc/>
    public override IReadOnlyList<string> PcvNames => Pcvs;

    /// <summary>The router under test.</summary>
    public LpmRouter Function => _router;

    /// <summary>Creates the scenario for workload <paramref name="name"/>.</summary>
    public static RouterScenario Create(string name, ulong seed) => name switch
    {
        "typical" => Typical(seed),
        "long-prefixes" => LongPrefixes(seed),
        "short-prefixes" => ShortPrefixes(seed),
        _ => throw new ArgumentException($"Unknown router workload '{name}'; choose one of {string.Join(", ", WorkloadNames)}.", nameof(name)),
    };

    /// <summary>A scenario over traffic and routes of the caller's (tests, experiments): <paramref name="installRoutes"/> fills each new router's table.</summary>
    public static RouterScenario Over(Workload workload, Action<PrefixTrie> installRoutes) => new(workload, installRoutes);

    /// <inheritdoc/>
    public override void Reset()
    {
        _router = NewRouter();
        _interface = InterfaceBinding.Bind<RouteInterface<Latency>>(_router, EntryPoint);
        _explain = InterfaceBinding.BindExplanation<RouteInterface<LatencyBreakdown>>(_router, EntryPoint);
    }

    /// <inheritdoc/>
    public override void Process(int index)
    {
        // The arguments first, so that both calls take the same ones: in the baseline's branch, which dynamic PGO sees
        // cold, the JIT did not inline the look-ups (a call to Workload.Packet the function's branch does not make).
        ReadOnlySpan<byte> packet = Workload.Packet(index);
        if (EntryPointEmptied)
        {
            Empty.Route(packet);
            return;
        }

        _router.Route(packet);
    }

    /// <inheritdoc/>
    public override Latency? Predict(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) =>
        _interface?.Invoke(Workload.Packet(index), hw, pcvs[0], pcvs[1], pcvs[2], pcvs[3]);

    /// <inheritdoc/>
    public override LatencyBreakdown? Explain(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) =>
        _explain?.Invoke(Workload.Packet(index), hw, pcvs[0], pcvs[1], pcvs[2], pcvs[3]);

    /// <inheritdoc/>
    public override void ReadPcvs(int index, Span<int> values)
    {
        ColdLoadCount trie = ReplayTrieLoads(Workload.Packet(index));
        (values[0], values[2], values[3]) = (trie.Misses, trie.FromL2, trie.FromMemory);
        values[1] = _router.LastPacket.TrieDepth;
    }

    /// <summary>
    /// The trie nodes the packet's lookup loaded, replayed in the order <see cref="PrefixTrie.Lookup"/> loads them
    /// (the root, then the child on the destination's next bit, as many as it visited), through the simulated caches:
    /// how many were cold, and how many L2 served (CacheSimulation). Each node's address comes from the load before it, so the replay follows
    /// the same children. A dropped packet visits none.
    /// </summary>
    private ColdLoadCount ReplayTrieLoads(ReadOnlySpan<byte> packet)
    {
        int visited = _router.LastPacket.TrieDepth;
        if (visited == 0 || !PacketParser.TryParse(packet, out PacketHeaders headers))
        {
            return default;
        }

        PrefixTrie trie = _router.Routes;
        ColdLoadCount misses = default;
        int node = PrefixTrie.Root;
        for (int depth = 0; depth < visited; depth++)
        {
            misses += SimulatedCaches.LoadEntry(node, PrefixTrie.NodeBytes, TrieBytes, WalkSite);
            if (depth + 1 < visited)
            {
                node = trie.ChildOf(node, ((headers.DestinationIp >> (31 - depth)) & 1) != 0);
            }
        }

        return misses;
    }

    // The footprint the entry point's PixHint.ColdLoads names.
    private const long TrieBytes = (long)LpmRouter.ProvisionedTrieNodes * PrefixTrie.NodeBytes;

    // The walk is the replay's one load site, for the simulated stride prefetcher: a path's deep nodes, added by one
    // route in a row, are neighbours in the pool.
    private const int WalkSite = 0;

    private LpmRouter NewRouter()
    {
        var router = new LpmRouter(1 << 20);
        _installRoutes(router.Routes);
        return router;
    }

    /// <summary>
    /// 20,000 random prefixes with an Internet-like length mix (59% /24, 30% /17–/23, 10% /16, 1% /8)
    /// plus a default route; destinations drawn inside random prefixes.
    /// </summary>
    private static RouterScenario Typical(ulong seed)
    {
        var random = new SplitMix64(seed);
        var prefixes = new (uint Prefix, int Length)[20_000];
        for (int i = 0; i < prefixes.Length; i++)
        {
            int roll = random.Below(100);
            int length = roll < 59 ? 24 : roll < 89 ? 17 + random.Below(7) : roll < 99 ? 16 : 8;
            prefixes[i] = ((uint)random.Next() & (uint.MaxValue << (32 - length)), length);
        }

        var builder = new WorkloadBuilder();
        var traffic = new SplitMix64(seed ^ 0x5EED);
        for (int i = 0; i < 60_000; i++)
        {
            (uint prefix, int length) = prefixes[traffic.Below(prefixes.Length)];
            uint host = (uint)traffic.Next() & ~(uint.MaxValue << (32 - length));
            builder.Add(new FlowKey(0x0A000001, prefix | host, 1234, 80, Wire.ProtocolUdp), time: i);
        }

        return new RouterScenario(builder.Build("typical", "20,000 Internet-like prefixes (mostly /24), destinations inside them"), trie =>
        {
            trie.Add(0, 0, 0);
            for (int i = 0; i < prefixes.Length; i++)
            {
                trie.Add(prefixes[i].Prefix, prefixes[i].Length, 1 + (i % 63));
            }
        });
    }

    /// <summary>2,000 host routes (/32) under their /24s; every packet goes to one of the hosts: the deepest walk there is.</summary>
    private static RouterScenario LongPrefixes(ulong seed)
    {
        var random = new SplitMix64(seed);
        var hosts = new uint[2000];
        for (int i = 0; i < hosts.Length; i++)
        {
            hosts[i] = (uint)random.Next();
        }

        var builder = new WorkloadBuilder();
        for (int i = 0; i < 60_000; i++)
        {
            builder.Add(new FlowKey(0x0A000001, hosts[random.Below(hosts.Length)], 1234, 80, Wire.ProtocolUdp), time: i);
        }

        return new RouterScenario(builder.Build("long-prefixes", "2,000 /32 host routes under their /24s; traffic to those hosts"), trie =>
        {
            trie.Add(0, 0, 0);
            for (int i = 0; i < hosts.Length; i++)
            {
                trie.Add(hosts[i] & 0xFFFFFF00u, 24, 1 + (i % 63));
                trie.Add(hosts[i], 32, 64 + (i % 63));
            }
        });
    }

    /// <summary>Only a default route and 50 /8s; random destinations: walks of at most nine nodes.</summary>
    private static RouterScenario ShortPrefixes(ulong seed)
    {
        var random = new SplitMix64(seed);
        var builder = new WorkloadBuilder();
        for (int i = 0; i < 60_000; i++)
        {
            builder.Add(new FlowKey(0x0A000001, (uint)random.Next(), 1234, 80, Wire.ProtocolUdp), time: i);
        }

        return new RouterScenario(builder.Build("short-prefixes", "a default route and 50 /8s; random destinations"), trie =>
        {
            trie.Add(0, 0, 0);
            for (uint first = 1; first <= 50; first++)
            {
                trie.Add(first * 5 << 24, 8, (int)first);
            }
        });
    }

    /// <summary>The signature of the generated <c>LpmRouter.LatencyOf_Route</c> (TResult = Latency) and of its twin <c>ExplainLatencyOf_Route</c> (TResult = LatencyBreakdown).</summary>
    private delegate TResult RouteInterface<TResult>(ReadOnlySpan<byte> packet, HardwareProfile hw, double trieMisses, double? trieDepth, double? trieMissesFromL2, double? trieMissesFromMemory);
}
