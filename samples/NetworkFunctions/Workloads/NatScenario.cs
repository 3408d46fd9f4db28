using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using Pix.Samples.NetworkFunctions.Translation;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>The NAT and its workloads: typical traffic, a hash-collision attack, and an expiry storm.</summary>
public sealed class NatScenario : Scenario
{
    /// <summary>The workloads, by name.</summary>
    public static readonly IReadOnlyList<string> WorkloadNames = new[] { "typical", "colliding", "expiry-storm" };

    private const uint ExternalIp = 0xC6336401;   // 198.51.100.1
    private const uint InsideNetwork = 0x0A000000; // 10.0.0.0/16
    private const int Capacity = Nat.ProvisionedFlows;
    private const ushort FirstExternalPort = 1024;
    private const int Buckets = 8192;
    private const long Second = 1_000_000;         // workload clock: µs

    private static readonly string[] Pcvs = { "flowTableMisses", "expiredFlows", "chainLength", "transportChecksumUpdated", "flowTableMissesFromL2", "flowTableMissesFromMemory", "expiredBucketHeads" };
    private readonly NatConfig _config;
    private readonly byte[] _output = new byte[2048];
    private Nat _nat;
    private int _flowsBefore;
    private int _expiringBucketHeads; // expiredBucketHeads of the next packet, replayed when this one's PCVs are read
    private ProcessInterface<Latency>? _interface;
    private ProcessInterface<LatencyBreakdown>? _explain;

    private NatScenario(Workload workload, NatConfig config) : base(workload)
    {
        _config = config;
        _nat = new Nat(config);
    }

    /// <inheritdoc/>
    public override string NetworkFunction => "nat";

    /// <inheritdoc/>
    public override string EntryPoint => nameof(Nat.Process);

    /// <inheritdoc/>
    public override IReadOnlyList<string> PcvNames => Pcvs;

    /// <inheritdoc/>
    public override IReadOnlyList<double>? PcvLimits { get; } = new[] { LatencyDiagnosis.DefaultLimit, LatencyDiagnosis.DefaultLimit, LatencyDiagnosis.DefaultLimit, 1, LatencyDiagnosis.DefaultLimit, LatencyDiagnosis.DefaultLimit, LatencyDiagnosis.DefaultLimit };

    /// <summary>The NAT under test.</summary>
    public Nat Function => _nat;

    /// <summary>The NAT configuration every workload uses, with <paramref name="timeout"/>.</summary>
    public static NatConfig Config(long timeout) => new(ExternalIp, FirstExternalPort, Capacity, Buckets, timeout);

    /// <summary>Creates the scenario for workload <paramref name="name"/>.</summary>
    public static NatScenario Create(string name, ulong seed) => name switch
    {
        "typical" => Typical(seed),
        "colliding" => Colliding(seed),
        "expiry-storm" => ExpiryStorm(seed),
        _ => throw new ArgumentException($"Unknown NAT workload '{name}'; choose one of {string.Join(", ", WorkloadNames)}.", nameof(name)),
    };

    /// <inheritdoc/>
    public override void Reset()
    {
        _nat = new Nat(_config);
        _expiringBucketHeads = 0;
        _interface = InterfaceBinding.Bind<ProcessInterface<Latency>>(_nat, EntryPoint);
        _explain = InterfaceBinding.BindExplanation<ProcessInterface<LatencyBreakdown>>(_nat, EntryPoint);
    }

    /// <summary>Notes how many flows the table holds (off the clock): the replay of cold loads tells from it whether the packet opened a flow.</summary>
    public override void BeforePacket(int index) => _flowsBefore = _nat.Flows.Count;

    /// <inheritdoc/>
    public override void Process(int index)
    {
        // The arguments first, so that both calls take the same ones: in the baseline's branch, which dynamic PGO sees
        // cold, the JIT did not inline the look-ups (a call to Workload.Packet the function's branch does not make).
        ReadOnlySpan<byte> packet = Workload.Packet(index);
        int inPort = Workload.InPort(index);
        long now = Workload.Time(index);
        if (EntryPointEmptied)
        {
            Empty.Process(packet, _output, inPort, now);
            return;
        }

        _nat.Process(packet, _output, inPort, now);
    }

    /// <inheritdoc/>
    public override Latency? Predict(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) =>
        _interface?.Invoke(Workload.Packet(index), _output, Workload.InPort(index), Workload.Time(index), hw, pcvs[0], pcvs[1], pcvs[2], pcvs[6], pcvs[3], pcvs[3], pcvs[4], pcvs[5]);

    /// <inheritdoc/>
    public override LatencyBreakdown? Explain(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) =>
        _explain?.Invoke(Workload.Packet(index), _output, Workload.InPort(index), Workload.Time(index), hw, pcvs[0], pcvs[1], pcvs[2], pcvs[6], pcvs[3], pcvs[3], pcvs[4], pcvs[5]);

    /// <inheritdoc/>
    public override void ReadPcvs(int index, Span<int> values)
    {
        ColdLoadCount flowTable = ReplayFlowTableLoads(index);
        values[0] = flowTable.Misses;
        values[4] = flowTable.FromL2;
        values[5] = flowTable.FromMemory;
        values[1] = _nat.LastPacket.ExpiredFlows;
        values[2] = _nat.LastPacket.ChainLength;
        values[3] = _nat.LastPacket.TransportChecksumUpdated ? 1 : 0;
        values[6] = _expiringBucketHeads;

        // The next packet's, from the state this one left (the trace reads every packet, setup's too; the timed
        // replays do not, so the walk warms nothing they measure).
        _expiringBucketHeads = index + 1 < Workload.Count ? _nat.Flows.BucketHeadsExpiringBefore(Workload.Time(index + 1) - _config.FlowTimeout) : 0;
    }

    /// <summary>
    /// The flow-table entries packet <paramref name="index"/> loaded, replayed from the state it left, in
    /// the order <see cref="Nat.Process"/> loads them, through the simulated caches: how many missed L2 and how many L2
    /// served (CacheSimulation). The
    /// expired entries (oldest first: they are now the free list's first entries, the last of them
    /// taken again if the packet opened a flow) and the oldest flow left, whose age ended the expiry;
    /// an outbound packet's walk of its bucket (after the new entry, if it opened a flow) and the new
    /// entry, loaded for its free-list link; an inbound packet's entry. Not replayed: the neighbours
    /// unlinking and relinking write (bucket and age-list links: stores, not loads).
    /// </summary>
    private ColdLoadCount ReplayFlowTableLoads(int index)
    {
        NatFlowTable table = _nat.Flows;
        NatPcvs pcvs = _nat.LastPacket;
        bool opened = table.Count - _flowsBefore + pcvs.ExpiredFlows == 1;
        ColdLoadCount misses = default;

        // Expired entries were pushed on the free list one by one; the packet's new flow took the last.
        int stillFree = opened ? pcvs.ExpiredFlows - 1 : pcvs.ExpiredFlows;
        Span<int> expired = stackalloc int[Math.Min(pcvs.ExpiredFlows, 4096)];
        int entry = table.FreeHead;
        int taken = opened && expired.Length > 0 ? 1 : 0;
        for (int i = 0; i < stillFree && i + taken < expired.Length && entry >= 0; i++, entry = table.NextInBucket(entry))
        {
            expired[expired.Length - 1 - taken - i] = entry;
        }

        int newEntry = -1;
        if (!PacketParser.TryParse(Workload.Packet(index), out PacketHeaders headers))
        {
            return ExpiryMisses(expired, -1);
        }

        if (Workload.InPort(index) != Nat.InternalPort)
        {
            int port = headers.DestinationPort - FirstExternalPort;
            return ExpiryMisses(expired, -1) + ((uint)port < (uint)table.Capacity ? Load(port, InboundSite) : default);
        }

        int bucket = table.BucketOf(headers.Flow.Hash());
        int walked = table.BucketHead(bucket);
        if (opened)
        {
            newEntry = walked;
            walked = table.NextInBucket(walked);
        }

        misses += ExpiryMisses(expired, newEntry);
        for (int i = 0; i < pcvs.ChainLength && walked >= 0; i++, walked = table.NextInBucket(walked))
        {
            misses += Load(walked, WalkSite);
        }

        return misses + (newEntry >= 0 ? Load(newEntry, PoolSite) : default);

        ColdLoadCount ExpiryMisses(Span<int> oldestFirst, int lastExpired)
        {
            ColdLoadCount missed = default;
            if (lastExpired >= 0 && oldestFirst.Length > 0)
            {
                oldestFirst[oldestFirst.Length - 1] = lastExpired;
            }

            for (int i = 0; i < oldestFirst.Length; i++)
            {
                missed += Load(oldestFirst[i], ExpirySite);
            }

            return missed + (table.Oldest >= 0 ? Load(table.Oldest, ExpirySite) : default);
        }

        ColdLoadCount Load(int e, int site) => SimulatedCaches.LoadEntry(e, NatFlowTable.EntryBytes, TableBytes, site);
    }

    // The footprint the entry point's PixHint.ColdLoads names.
    private const long TableBytes = (long)Nat.ProvisionedFlows * NatFlowTable.EntryBytes;

    // The load sites of the replay, for the simulated stride prefetcher.
    private const int ExpirySite = 0, WalkSite = 1, PoolSite = 2, InboundSite = 3;

    /// <summary>
    /// 4,000 inside hosts' flows with skewed popularity, 5% of packets opening new flows, a quarter
    /// of the packets replies from outside. No flow expires. Chains stay short (load ≈ 0.5).
    /// </summary>
    private static NatScenario Typical(ulong seed)
    {
        NatConfig config = Config(10 * Second);
        var random = new SplitMix64(seed);
        var builder = new WorkloadBuilder();
        var shadow = new ShadowNat(config);
        var flows = new FlowKey[4000];
        for (int i = 0; i < flows.Length; i++)
        {
            flows[i] = FlowFactory.Random(ref random, InsideNetwork);
            shadow.SendOutbound(builder, flows[i], time: i);
        }

        builder.EndSetup();
        long time = flows.Length;
        for (int i = 0; i < 60_000; i++, time += 2)
        {
            int pick = random.Skewed(flows.Length);
            if (random.Below(20) == 0)
            {
                flows[pick] = FlowFactory.Random(ref random, InsideNetwork);
            }

            if (random.Below(4) == 0 && shadow.TryExternalPort(flows[pick], out ushort port))
            {
                shadow.SendReply(builder, flows[pick], port, time);
            }
            else
            {
                shadow.SendOutbound(builder, flows[pick], time);
            }
        }

        return new NatScenario(builder.Build("typical", "4,000 skewed flows, 5% new, 25% replies; nothing expires"), config);
    }

    /// <summary>
    /// A hash-flooding attack: 1,500 flows crafted to share one bucket are opened, then 40,000
    /// packets cycle through them, each walking about half the chain.
    /// </summary>
    private static NatScenario Colliding(ulong seed)
    {
        NatConfig config = Config(10 * Second);
        var random = new SplitMix64(seed);
        var table = new NatFlowTable(config.Capacity, config.BucketCount);
        var flows = new FlowKey[1500];
        FlowFactory.Colliding(ref random, flows, flow => table.BucketOf(flow.Hash()), bucket: 7, InsideNetwork);
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

        return new NatScenario(builder.Build("colliding", "1,500 flows crafted into one hash bucket, then 40,000 packets over them"), config);
    }

    /// <summary>
    /// 20,000 flows opened 1 µs apart, then (one timeout later) 2,500 new flows 8 µs apart: each of
    /// those packets first expires the ~8 flows that timed out since the previous one.
    /// </summary>
    private static NatScenario ExpiryStorm(ulong seed)
    {
        long timeout = 20_000;
        NatConfig config = Config(timeout);
        var random = new SplitMix64(seed);
        var builder = new WorkloadBuilder();
        for (int i = 0; i < 20_000; i++)
        {
            builder.Add(FlowFactory.Random(ref random, InsideNetwork), time: i);
        }

        builder.EndSetup();
        for (int i = 0; i < 2_500; i++)
        {
            builder.Add(FlowFactory.Random(ref random, InsideNetwork), time: timeout + (8L * i));
        }

        return new NatScenario(builder.Build("expiry-storm", "20,000 flows opened, then 2,500 new flows each arriving after ~8 have timed out"), config);
    }

    /// <summary>
    /// A NAT run alongside the generator, so that replies can be addressed to the external port the
    /// real NAT will have assigned (the trace is deterministic, so the two agree).
    /// </summary>
    private sealed class ShadowNat
    {
        private readonly Nat _nat;
        private readonly byte[] _frame = new byte[64];
        private readonly byte[] _output = new byte[64];
        private readonly Dictionary<FlowKey, ushort> _ports = new();

        public ShadowNat(NatConfig config) => _nat = new Nat(config);

        public void SendOutbound(WorkloadBuilder builder, in FlowKey flow, long time)
        {
            PacketWriter.Write(_frame, 0x02_00_00_00_00_01, 0x02_00_00_00_00_02, in flow);
            builder.AddFrame(_frame, time, Nat.InternalPort);
            if (_nat.Process(_frame, _output, Nat.InternalPort, time) == NatVerdict.Translated)
            {
                _ports[flow] = BinaryPrimitives.ReadUInt16BigEndian(_output.AsSpan(Wire.Ipv4Offset + Wire.Ipv4MinHeaderLength));
            }
        }

        public bool TryExternalPort(in FlowKey flow, out ushort port) => _ports.TryGetValue(flow, out port);

        public void SendReply(WorkloadBuilder builder, in FlowKey flow, ushort externalPort, long time)
        {
            var reply = new FlowKey(flow.DestinationIp, ExternalIp, flow.DestinationPort, externalPort, flow.Protocol);
            PacketWriter.Write(_frame, 0x02_00_00_00_00_02, 0x02_00_00_00_00_01, in reply);
            builder.AddFrame(_frame, time, 1);
            _nat.Process(_frame, _output, 1, time);
        }
    }

    /// <summary>
    /// The signature of the generated <c>Nat.LatencyOf_Process</c> (TResult = Latency) and of its twin
    /// <c>ExplainLatencyOf_Process</c> (TResult = LatencyBreakdown). <c>Rewrite</c>'s checksum arm is a PCV
    /// per call site: <paramref name="transportChecksumUpdated"/> on the outbound path,
    /// <paramref name="transportChecksumUpdated_2"/> on the inbound one; a packet takes one path, so both get its value.
    /// <paramref name="expiredBucketHeads"/>: of the expired flows, those that headed their bucket (the hinted arm of
    /// <c>NatFlowTable.UnlinkFromBucket</c>, whose mix with the other arm the interface prices as mispredictions).
    /// </summary>
    private delegate TResult ProcessInterface<TResult>(ReadOnlySpan<byte> packet, Span<byte> output, int inPort, long now, HardwareProfile hw, double flowTableMisses, double expiredFlows, double chainLength, double? expiredBucketHeads, double? transportChecksumUpdated, double? transportChecksumUpdated_2, double? flowTableMissesFromL2, double? flowTableMissesFromMemory);
}
