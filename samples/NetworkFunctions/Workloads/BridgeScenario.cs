using System;
using System.Collections.Generic;
using Pix.Samples.NetworkFunctions.Bridge;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>The learning bridge and its workloads: typical LAN traffic, colliding addresses, and a MAC flood.</summary>
public sealed class BridgeScenario : Scenario
{
    /// <summary>The workloads, by name.</summary>
    public static readonly IReadOnlyList<string> WorkloadNames = new[] { "typical", "colliding", "mac-flood" };

    /// <summary>Bridge ports.</summary>
    public const int Ports = 8;

    private const int Capacity = LearningBridge.ProvisionedAddresses;
    private const int Buckets = 1024;
    private const long AgingTime = 300_000_000; // 300 s in µs
    private static readonly string[] Pcvs = { "tableMisses", "learnChainLength", "forwardChainLength", "agedOut", "tableMissesFromL2", "tableMissesFromMemory" };
    private static readonly FlowKey Payload = new(0x0A000001, 0x0A000002, 5000, 5001, Wire.ProtocolUdp);
    private LearningBridge _bridge;
    private int _addressesBefore;
    private ForwardInterface<Latency>? _interface;
    private ForwardInterface<LatencyBreakdown>? _explain;

    private BridgeScenario(Workload workload) : base(workload) => _bridge = NewBridge();

    /// <inheritdoc/>
    public override string NetworkFunction => "bridge";

    /// <inheritdoc/>
    public override string EntryPoint => nameof(LearningBridge.Forward);

    /// <inheritdoc/>
    public override IReadOnlyList<string> PcvNames => Pcvs;

    /// <inheritdoc/>
    public override IReadOnlyList<double>? PcvLimits { get; } = new[] { LatencyDiagnosis.DefaultLimit, LatencyDiagnosis.DefaultLimit, LatencyDiagnosis.DefaultLimit, LearningBridge.SweepPerFrame, LatencyDiagnosis.DefaultLimit, LatencyDiagnosis.DefaultLimit };

    /// <summary>The bridge under test.</summary>
    public LearningBridge Function => _bridge;

    /// <summary>A bridge of 4,096 addresses over 1,024 buckets, aging 300 s.</summary>
    public static LearningBridge NewBridge() => new(Capacity, Buckets, AgingTime);

    /// <summary>Creates the scenario for workload <paramref name="name"/>.</summary>
    public static BridgeScenario Create(string name, ulong seed) => name switch
    {
        "typical" => Typical(seed),
        "colliding" => Colliding(seed),
        "mac-flood" => MacFlood(seed),
        _ => throw new ArgumentException($"Unknown bridge workload '{name}'; choose one of {string.Join(", ", WorkloadNames)}.", nameof(name)),
    };

    /// <inheritdoc/>
    public override void Reset()
    {
        _bridge = NewBridge();
        _interface = InterfaceBinding.Bind<ForwardInterface<Latency>>(_bridge, EntryPoint);
        _explain = InterfaceBinding.BindExplanation<ForwardInterface<LatencyBreakdown>>(_bridge, EntryPoint);
    }

    /// <summary>Notes how many addresses the table holds (off the clock): the replay of cold loads tells from it whether the frame's source was learned.</summary>
    public override void BeforePacket(int index) => _addressesBefore = _bridge.Table.Count;

    /// <inheritdoc/>
    public override void Process(int index)
    {
        // The arguments first, so that both calls take the same ones: in the baseline's branch, which dynamic PGO sees
        // cold, the JIT did not inline the look-ups (a call to Workload.Packet the function's branch does not make).
        ReadOnlySpan<byte> frame = Workload.Packet(index);
        int inPort = Workload.InPort(index);
        long now = Workload.Time(index);
        if (EntryPointEmptied)
        {
            Empty.Forward(frame, inPort, now);
            return;
        }

        _bridge.Forward(frame, inPort, now);
    }

    /// <inheritdoc/>
    public override Latency? Predict(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) =>
        _interface?.Invoke(Workload.Packet(index), Workload.InPort(index), Workload.Time(index), hw, pcvs[0], pcvs[1], pcvs[2], pcvs[3], pcvs[4], pcvs[5]);

    /// <inheritdoc/>
    public override LatencyBreakdown? Explain(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) =>
        _explain?.Invoke(Workload.Packet(index), Workload.InPort(index), Workload.Time(index), hw, pcvs[0], pcvs[1], pcvs[2], pcvs[3], pcvs[4], pcvs[5]);

    /// <inheritdoc/>
    public override void ReadPcvs(int index, Span<int> values)
    {
        ColdLoadCount table = ReplayTableLoads(Workload.Packet(index));
        (values[0], values[4], values[5]) = (table.Misses, table.FromL2, table.FromMemory);
        values[1] = _bridge.LastPacket.LearnChainLength;
        values[2] = _bridge.LastPacket.ForwardChainLength;
        values[3] = _bridge.LastPacket.AgedOut;
    }

    /// <summary>
    /// The forwarding-database entries the frame loaded, replayed from the state it left, in the order
    /// <see cref="LearningBridge.Forward"/> loads them, through the simulated caches: how many were cold (CacheSimulation).
    /// The aging sweep's entries; the learning walk's (if the source was new and learned, it now heads
    /// its bucket, the walk went over the entries after it, and the entry taken from the pool was loaded
    /// for its free-list link); the lookup walk's. Not replayed: the neighbours an aged-out entry's
    /// unlinking writes (stores; none of the workloads ages anything out).
    /// </summary>
    private ColdLoadCount ReplayTableLoads(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < Wire.EthernetHeaderLength)
        {
            return default;
        }

        MacTable table = _bridge.Table;
        ColdLoadCount misses = default;
        int cursor = _bridge.SweepCursor;
        for (int i = LearningBridge.SweepPerFrame; i > 0; i--)
        {
            misses += Load((cursor - i + table.Capacity) % table.Capacity, SweepSite);
        }

        ulong destination = PacketParser.ReadMac(frame);
        ulong source = PacketParser.ReadMac(frame.Slice(6));
        int learnSteps = _bridge.LastPacket.LearnChainLength;
        if (!IsGroupAddress(source))
        {
            // A learned address heads its bucket; the walk before it went over the whole old chain.
            int head = table.Head(table.BucketOf(source));
            bool learned = table.Count - _addressesBefore + _bridge.LastPacket.AgedOut == 1;
            misses += LoadChain(learned ? table.Next(head) : head, learnSteps, LearnSite);
            if (learned)
            {
                misses += Load(head, PoolSite);
            }
        }

        if (!IsGroupAddress(destination))
        {
            misses += LoadChain(table.Head(table.BucketOf(destination)), _bridge.LastPacket.ForwardChainLength, LookupSite);
        }

        return misses;

        ColdLoadCount Load(int entry, int site) => SimulatedCaches.LoadEntry(entry, MacTable.EntryBytes, TableBytes, site);

        ColdLoadCount LoadChain(int entry, int steps, int site)
        {
            ColdLoadCount missed = default;
            for (int i = 0; i < steps && entry >= 0; i++, entry = table.Next(entry))
            {
                missed += Load(entry, site);
            }

            return missed;
        }
    }

    // The footprint the entry point's PixHint.ColdLoads names.
    private const long TableBytes = (long)LearningBridge.ProvisionedAddresses * MacTable.EntryBytes;

    // The load sites of the replay, for the simulated stride prefetcher.
    private const int SweepSite = 0, LearnSite = 1, PoolSite = 2, LookupSite = 3;

    private static bool IsGroupAddress(ulong mac) => (mac & 0x0100_0000_0000UL) != 0;

    /// <summary>A locally administered unicast MAC address numbered <paramref name="n"/>.</summary>
    public static ulong HostMac(ulong n) => 0x02_00_00_00_00_00UL | (n & 0xFF_FFFF_FFFFUL);

    /// <summary>600 hosts, each on a fixed port, all learned during setup; skewed conversations, 2% broadcasts.</summary>
    private static BridgeScenario Typical(ulong seed)
    {
        var random = new SplitMix64(seed);
        var builder = new WorkloadBuilder();
        var hosts = new ulong[600];
        for (int i = 0; i < hosts.Length; i++)
        {
            hosts[i] = HostMac((ulong)random.Next());
            builder.Add(Payload, time: i, inPort: i % Ports, destinationMac: 0xFF_FF_FF_FF_FF_FFUL, sourceMac: hosts[i]);
        }

        builder.EndSetup();
        for (int i = 0; i < 60_000; i++)
        {
            int from = random.Below(hosts.Length);
            ulong to = random.Below(50) == 0 ? 0xFF_FF_FF_FF_FF_FFUL : hosts[random.Skewed(hosts.Length)];
            builder.Add(Payload, time: hosts.Length + i, inPort: from % Ports, destinationMac: to, sourceMac: hosts[from]);
        }

        return new BridgeScenario(builder.Build("typical", "600 learned hosts, skewed conversations, 2% broadcast"));
    }

    /// <summary>1,000 addresses crafted into one bucket talk among themselves: learning and forwarding each walk ~half the chain.</summary>
    private static BridgeScenario Colliding(ulong seed)
    {
        var random = new SplitMix64(seed);
        var table = new MacTable(Capacity, Buckets);
        var hosts = new ulong[1000];
        int found = 0;
        var seen = new HashSet<ulong>();
        while (found < hosts.Length)
        {
            ulong mac = HostMac(random.Next());
            if (table.BucketOf(mac) == 3 && seen.Add(mac))
            {
                hosts[found++] = mac;
            }
        }

        var builder = new WorkloadBuilder();
        for (int i = 0; i < hosts.Length; i++)
        {
            builder.Add(Payload, time: i, inPort: i % Ports, destinationMac: 0xFF_FF_FF_FF_FF_FFUL, sourceMac: hosts[i]);
        }

        builder.EndSetup();
        for (int i = 0; i < 40_000; i++)
        {
            int from = random.Below(hosts.Length);
            builder.Add(Payload, time: hosts.Length + i, inPort: from % Ports, destinationMac: hosts[random.Below(hosts.Length)], sourceMac: hosts[from]);
        }

        return new BridgeScenario(builder.Build("colliding", "1,000 addresses crafted into one bucket, talking among themselves"));
    }

    /// <summary>Every frame from a new random source to a random unknown destination: the table fills, chains lengthen, everything floods.</summary>
    private static BridgeScenario MacFlood(ulong seed)
    {
        var random = new SplitMix64(seed);
        var builder = new WorkloadBuilder();
        for (int i = 0; i < 40_000; i++)
        {
            builder.Add(Payload, time: i, inPort: random.Below(Ports), destinationMac: HostMac(random.Next()), sourceMac: HostMac(random.Next()));
        }

        return new BridgeScenario(builder.Build("mac-flood", "40,000 frames from random new sources to unknown destinations (CAM overflow attack)"));
    }

    /// <summary>The signature of the generated <c>LearningBridge.LatencyOf_Forward</c> (TResult = Latency) and of its twin <c>ExplainLatencyOf_Forward</c> (TResult = LatencyBreakdown).</summary>
    private delegate TResult ForwardInterface<TResult>(ReadOnlySpan<byte> frame, int inPort, long now, HardwareProfile hw, double tableMisses, double learnChainLength, double forwardChainLength, double? agedOut, double? tableMissesFromL2, double? tableMissesFromMemory);
}
