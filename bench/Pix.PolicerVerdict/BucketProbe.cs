using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Policer;
using Pix.Samples.NetworkFunctions.Workloads;
using static FencedTimestamp;

/// <summary>
/// <c>--buckets</c>: where the ~2.9 ns that typical's 1,000 random buckets cost over one bucket go (docs/network-functions.md,
/// "Twenty-eighth session"). Every case conforms (64-byte packets 20 ms apart, so every bucket is refilled to its cap and
/// the read-modify-write always runs the same way) and differs only in which bucket a packet takes: one; 64, 256, 500 or
/// 1,000 drawn at random (16 to 250 lines, a line revisited every ~16 to ~250 packets); 1,000 in order (each line taken four
/// times running, the next one streamed in); 1,000 at random with the packet's bucket read just before the timed call
/// (off the clock, <see cref="TokenBucketPolicer.TokensOf"/>), so its line is in L1 whatever came between; 1,000 at random
/// in 1,000 lines (a bucket every 64 bytes: 64 KiB, more than L1, so every load misses it); and 1,000 at random 1 µs apart
/// (the typical workload's clock: refills of every size, so the capping branches vary).
/// If the random buckets' extra cost is their lines not being in L1, the touched case costs what one bucket does and the
/// in-order case streams; if the touched case costs what the random one does, it is not where the line was.
/// </summary>
internal static class BucketProbe
{
    private const int Setup = 20_000, Timed = 40_000;

    private sealed record Case(string Name, Workload Traffic, bool TouchFirst);

    public static int Run(int passes)
    {
        var cases = new[]
        {
            new Case("one bucket", Traffic(_ => 0), false),
            new Case("64 random", Traffic(r => (uint)r.Below(64)), false),
            new Case("256 random", Traffic(r => (uint)r.Below(256)), false),
            new Case("500 random", Traffic(r => (uint)r.Below(500)), false),
            new Case("1,000 random", Traffic(r => (uint)r.Below(1000)), false),
            new Case("1,000 in order", Traffic(null), false),
            new Case("1,000 random, touched", Traffic(r => (uint)r.Below(1000)), true),
            new Case("1,000 random, 1 a line", Traffic(r => (uint)r.Below(1000) * 4), false),
            new Case("1,000 random, 1 µs apart", Traffic(r => (uint)r.Below(1000), 1), false),
        };

        var empty = new EmptyPolicer();
        var results = cases.Select(_ => new List<double>()).ToArray();
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            bool keep = stopwatch.Elapsed >= TimeSpan.FromSeconds(2);
            for (int c = 0; c < cases.Length; c++)
            {
                double ns = Time(cases[c], empty);
                if (keep && results[c].Count < passes)
                {
                    results[c].Add(ns);
                }
            }

            if (results.All(r => r.Count == passes))
            {
                break;
            }
        }

        Console.WriteLine($"policed packet (all conforming) less an empty call, ns (median of {passes} passes; min-max):");
        for (int c = 0; c < cases.Length; c++)
        {
            double[] sorted = results[c].OrderBy(x => x).ToArray();
            Console.WriteLine($"  {cases[c].Name,-28} {sorted[sorted.Length / 2],6:0.00}   ({sorted[0]:0.00}-{sorted[^1]:0.00})");
        }

        return 0;
    }

    // The mean ns a timed packet of the case takes in Police less the same packet's call to the empty method.
    private static double Time(Case @case, EmptyPolicer empty)
    {
        Workload traffic = @case.Traffic;
        TokenBucketPolicer policer = PolicerScenario.NewPolicer();
        for (int i = 0; i < Setup; i++)
        {
            policer.Police(traffic.Packet(i), traffic.Time(i));
        }

        var policed = new long[Timed];
        var emptied = new long[Timed];
        long touched = 0;
        int dropped = 0;
        for (int i = Setup; i < Setup + Timed; i++)
        {
            ReadOnlySpan<byte> packet = traffic.Packet(i);
            long now = traffic.Time(i);
            if (@case.TouchFirst)
            {
                PacketParser.TryParse(packet, out PacketHeaders headers);
                touched += policer.TokensOf(headers.DestinationIp);
            }

            long a = Start();
            bool verdict = policer.Police(packet, now);
            long b = End();
            dropped += verdict ? 0 : 1;
            long c = Start();
            empty.Police(packet, now);
            long d = End();
            policed[i - Setup] = b - a;
            emptied[i - Setup] = d - c;
        }

        s_sink = touched;
        if (dropped > Timed / 100)
        {
            throw new InvalidOperationException($"{@case.Name}: {dropped} of {Timed} packets were dropped; every one should conform.");
        }

        return (QuietMean(policed) - QuietMean(emptied)) * (1e9 / Stopwatch.Frequency);
    }

    // As Program's: the mean up to the 90th percentile.
    private static double QuietMean(long[] ticks)
    {
        long[] sorted = ticks.OrderBy(t => t).ToArray();
        return sorted.Take(sorted.Length * 9 / 10).Average();
    }

    // 64-byte conforming packets; bucket(random) the subscriber's offset in the /16, or null for 0, 1, ..., 999 in turn.
    // microsecondsApart between consecutive packets (whichever bucket they take).
    // By default 20 ms: every bucket's packet finds it full (a refill capped at 12 ms), so all cases take the same arms.
    private static Workload Traffic(Func<Random64, uint>? bucket, long microsecondsApart = 20_000)
    {
        var builder = new WorkloadBuilder();
        var random = new Random64();
        for (int i = 0; i < Setup + Timed; i++)
        {
            uint offset = bucket is null ? (uint)(i % 1000) : bucket(random);
            var flow = new FlowKey(0x0B000001, PolicerScenario.Subscribers | offset, 443, 50000, Wire.ProtocolTcp);
            builder.Add(flow, time: i * microsecondsApart, length: 64, tcpFlags: Wire.TcpAck);
        }

        return builder.Build("buckets", "PolicerVerdict --buckets");
    }

    // SplitMix64 is a struct: a lambda taking it by value would draw the same number every time.
    private sealed class Random64
    {
        private SplitMix64 _state = new(5);

        public int Below(int bound) => _state.Below(bound);
    }

    // Where the touches go, so the JIT keeps them.
    private static long s_sink;
}
