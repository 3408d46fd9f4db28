using System;
using System.Collections.Generic;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Policer;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>The token-bucket policer and its workloads: subscribers under their rate, and one subscriber bursting far above it.</summary>
public sealed class PolicerScenario : Scenario
{
    /// <summary>The workloads, by name.</summary>
    public static readonly IReadOnlyList<string> WorkloadNames = new[] { "typical", "burst" };

    /// <summary>The subscriber prefix, 10.20.0.0/16.</summary>
    public const uint Subscribers = 0x0A140000;

    /// <summary>Rate of every subscriber: 1.25 MB/s (10 Mbit/s).</summary>
    public const long BytesPerSecond = 1_250_000;

    /// <summary>Bucket depth: 15,000 bytes (ten full-size frames).</summary>
    public const long BurstBytes = 15_000;

    private static readonly string[] Pcvs = { "bucketMisses", "bucketMissesFromL2", "bucketMissesFromMemory" };

    // The policer's one load site, for the simulated stride prefetcher.
    private const int BucketSite = 0;

    private TokenBucketPolicer _policer;
    private PoliceInterface<Latency>? _interface;
    private PoliceInterface<LatencyBreakdown>? _explain;

    private PolicerScenario(Workload workload) : base(workload) => _policer = NewPolicer();

    /// <inheritdoc/>
    public override string NetworkFunction => "policer";

    /// <inheritdoc/>
    public override string EntryPoint => nameof(TokenBucketPolicer.Police);

    /// <inheritdoc/>
    public override IReadOnlyList<string> PcvNames => Pcvs;

    /// <summary>The policer under test.</summary>
    public TokenBucketPolicer Function => _policer;

    /// <summary>The scenario on other traffic (tests trace crafted packets).</summary>
    internal static PolicerScenario Of(Workload workload) => new(workload);

    /// <summary>A policer for 10.20.0.0/16 at 10 Mbit/s with a 15 kB burst, on a µs clock.</summary>
    public static TokenBucketPolicer NewPolicer() => new(Subscribers, 16, BytesPerSecond, BurstBytes, ticksPerSecond: 1_000_000);

    /// <summary>Creates the scenario for workload <paramref name="name"/>.</summary>
    public static PolicerScenario Create(string name, ulong seed) => name switch
    {
        "typical" => Typical(seed),
        "burst" => Burst(seed),
        _ => throw new ArgumentException($"Unknown policer workload '{name}'; choose one of {string.Join(", ", WorkloadNames)}.", nameof(name)),
    };

    /// <inheritdoc/>
    public override void Reset()
    {
        _policer = NewPolicer();
        _interface = InterfaceBinding.Bind<PoliceInterface<Latency>>(_policer, EntryPoint);
        _explain = InterfaceBinding.BindExplanation<PoliceInterface<LatencyBreakdown>>(_policer, EntryPoint);
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
            Empty.Police(packet, now);
            return;
        }

        _policer.Police(packet, now);
    }

    /// <inheritdoc/>
    public override Latency? Predict(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) =>
        _interface?.Invoke(Workload.Packet(index), Workload.Time(index), hw, pcvs[0], pcvs[1], pcvs[2]);

    /// <inheritdoc/>
    public override LatencyBreakdown? Explain(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) =>
        _explain?.Invoke(Workload.Packet(index), Workload.Time(index), hw, pcvs[0], pcvs[1], pcvs[2]);

    /// <inheritdoc/>
    public override void ReadPcvs(int index, Span<int> values)
    {
        ColdLoadCount bucket = ReplayBucketLoad(Workload.Packet(index));
        (values[0], values[1], values[2]) = (bucket.Misses, bucket.FromL2, bucket.FromMemory);
    }

    /// <summary>
    /// The bucket line the packet loaded (<see cref="TokenBucketPolicer.Police"/> reads and writes one bucket of a
    /// subscriber's packet, none of another's or of a malformed one), through the simulated caches: whether it was cold.
    /// </summary>
    private ColdLoadCount ReplayBucketLoad(ReadOnlySpan<byte> packet)
    {
        if (!PacketParser.TryParse(packet, out PacketHeaders headers) || (headers.DestinationIp & SubscriberMask) != Subscribers)
        {
            return default;
        }

        int bucket = (int)(headers.DestinationIp & ~SubscriberMask);
        return SimulatedCaches.LoadEntry(bucket, TokenBucketPolicer.BucketBytes, TokenBucketPolicer.TableBytes, BucketSite);
    }

    // The subscribers' /16 (NewPolicer).
    private const uint SubscriberMask = 0xFFFF0000;

    /// <summary>1,000 subscribers, one packet per µs, sizes 64–1,500: each subscriber gets ~0.8 MB/s, under its rate.</summary>
    private static PolicerScenario Typical(ulong seed)
    {
        var random = new SplitMix64(seed);
        var builder = new WorkloadBuilder();
        for (int i = 0; i < 60_000; i++)
        {
            uint subscriber = Subscribers | (uint)random.Below(1000);
            builder.Add(new FlowKey(0x0B000001, subscriber, 443, 50000, Wire.ProtocolTcp), time: i, length: 64 + random.Below(1437), tcpFlags: Wire.TcpAck);
        }

        return new PolicerScenario(builder.Build("typical", "1,000 subscribers under their 10 Mbit/s rate, sizes 64–1,500"));
    }

    /// <summary>One subscriber receives back-to-back 1,500-byte frames (1.5 GB/s): after the burst, nearly all are dropped.</summary>
    private static PolicerScenario Burst(ulong seed)
    {
        var random = new SplitMix64(seed);
        var builder = new WorkloadBuilder();
        uint victim = Subscribers | (uint)random.Below(1000);
        for (int i = 0; i < 40_000; i++)
        {
            builder.Add(new FlowKey(0x0B000001, victim, 443, 50000, Wire.ProtocolTcp), time: i, length: 1500, tcpFlags: Wire.TcpAck);
        }

        return new PolicerScenario(builder.Build("burst", "one subscriber receiving 1,500-byte frames every µs, 1,200x its rate"));
    }

    /// <summary>The signature of the generated <c>TokenBucketPolicer.LatencyOf_Police</c> (TResult = Latency) and of its twin <c>ExplainLatencyOf_Police</c> (TResult = LatencyBreakdown).</summary>
    private delegate TResult PoliceInterface<TResult>(ReadOnlySpan<byte> packet, long now, HardwareProfile hw, double bucketMisses, double? bucketMissesFromL2, double? bucketMissesFromMemory);
}
