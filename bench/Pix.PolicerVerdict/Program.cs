using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Policer;
using Pix.Samples.NetworkFunctions.Workloads;
using static FencedTimestamp;

// What a policed packet costs by verdict and by buckets touched, ns a call (timer and empty call subtracted):
// typical traffic conforms over 1,000 buckets drawn at random and burst traffic is dropped on one, so the difference
// between the two workloads mixes the verdict (the bucket's read-modify-write runs or not) and the buckets' access.
// Each case is 40,000 packets (after 20,000 untimed that bring the buckets to the state the case is about), timed one
// by one with an LFENCE after the start timestamp and before the end one (as Driver/PerPacketMeasurement.cs), the
// slowest tenth of each case's readings and of the empty call's dropped (QuietMean);
// PASSES passes of every case, alternating, after a 2 s warm-up; per case the median pass's mean.
//
//   dotnet run -c Release --project bench/Pix.PolicerVerdict -- [--passes 9]
//   dotnet run -c Release --project bench/Pix.PolicerVerdict -- --reload [--passes 9]   (ReloadProbe.cs)
//   dotnet run -c Release --project bench/Pix.PolicerVerdict -- --buckets [--passes 9]  (BucketProbe.cs)
bool reload = args.Length > 0 && args[0] == "--reload";
bool buckets = args.Length > 0 && args[0] == "--buckets";
string[] options = reload || buckets ? args[1..] : args;
int passes = options.Length == 2 && options[0] == "--passes" && int.TryParse(options[1], out int p) && p > 0 ? p : 9;
if (reload)
{
    return ReloadProbe.Run(passes);
}

if (buckets)
{
    return BucketProbe.Run(passes);
}

const int Setup = 20_000, Timed = 40_000;
const uint Subscribers = PolicerScenario.Subscribers;
// Conforming: 64-byte packets 1 ms apart in each bucket (1,250 bytes of refill between them); dropped: 1,500-byte packets
// 1 µs apart on one bucket (as the burst workload), 10 µs apart on average in each of 1,000 (12.5 bytes of refill): once
// the setup has spent the 15 kB burst, about one packet in 120 to 1,200 conforms (Run checks that 99% get the verdict).
// "+ frames": before each timed packet, 128 fresh bytes of a 64 MiB buffer are read, as the driver reads each packet's
// headers from the workload's tens of megabytes of frames (Workload.TouchHeaders): 2 more new lines a packet. Without
// them each packet's own header lines, read by the parser from the workload's 3.8-90 MB buffer, already stream through
// L1, which a random bucket's line (revisited about every 250 packets) then has to share; the cases show it adds nothing.
var cases = new (string Name, Workload Traffic, bool Conforms, bool Frames)[]
{
    ("one bucket, conforming", Traffic(buckets: 1, length: 64, microsecondsApart: 1_000), true, false),
    ("one bucket, dropped", Traffic(buckets: 1, length: 1_500, microsecondsApart: 1), false, false),
    ("1,000 buckets, conforming", Traffic(buckets: 1_000, length: 64, microsecondsApart: 1_000), true, false),
    ("1,000 buckets, dropped", Traffic(buckets: 1_000, length: 1_500, microsecondsApart: 10), false, false),
    ("one bucket, dropped + frames", Traffic(buckets: 1, length: 1_500, microsecondsApart: 1), false, true),
    ("1,000 b., conforming + frames", Traffic(buckets: 1_000, length: 64, microsecondsApart: 1_000), true, true),
    ("1,000 b., dropped + frames", Traffic(buckets: 1_000, length: 1_500, microsecondsApart: 10), false, true),
};
byte[] frames = new byte[64 << 20];

var empty = new EmptyPolicer();
var results = cases.Select(_ => new List<double>()).ToArray();
var stopwatch = Stopwatch.StartNew();
while (true)
{
    bool keep = stopwatch.Elapsed >= TimeSpan.FromSeconds(2);
    for (int c = 0; c < cases.Length; c++)
    {
        double ns = Run(cases[c].Traffic, cases[c].Conforms, cases[c].Frames ? frames : null, empty);
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

Console.WriteLine($"policed packet less an empty call, ns (median of {passes} passes; min-max):");
for (int c = 0; c < cases.Length; c++)
{
    double[] sorted = results[c].OrderBy(x => x).ToArray();
    Console.WriteLine($"  {cases[c].Name,-28} {sorted[sorted.Length / 2],6:0.00}   ({sorted[0]:0.00}-{sorted[^1]:0.00})");
}

return 0;

// The mean ns a timed packet of the case takes in Police less the same packet's call to the empty method.
static double Run(Workload traffic, bool conforms, byte[]? frames, EmptyPolicer empty)
{
    int frame = 0, touched = 0;
    TokenBucketPolicer policer = PolicerScenario.NewPolicer();
    for (int i = 0; i < Setup; i++)
    {
        policer.Police(traffic.Packet(i), traffic.Time(i));
    }

    var policed = new long[Timed];
    var emptied = new long[Timed];
    int wrongVerdicts = 0;
    for (int i = Setup; i < Setup + Timed; i++)
    {
        ReadOnlySpan<byte> packet = traffic.Packet(i);
        long now = traffic.Time(i);
        if (frames is not null)
        {
            touched += frames[frame] + frames[frame + 64];
            frame = (frame + 128) % frames.Length;
        }

        long a = Start();
        bool verdict = policer.Police(packet, now);
        long b = End();
        wrongVerdicts += verdict == conforms ? 0 : 1;
        long c = Start();
        empty.Police(packet, now);
        long d = End();
        policed[i - Setup] = b - a;
        emptied[i - Setup] = d - c;
    }

    s_sink = touched;
    if (wrongVerdicts > Timed / 100)
    {
        throw new InvalidOperationException($"{wrongVerdicts} of {Timed} packets did not get the case's verdict.");
    }

    return (QuietMean(policed) - QuietMean(emptied)) * (1e9 / Stopwatch.Frequency);
}

// The mean of the readings up to the 90th percentile: a call interrupted or preempted on this shared machine reads
// microseconds and would swamp a mean of nanoseconds; the clock's 10 ns steps make a median too coarse.
static double QuietMean(long[] ticks)
{
    long[] sorted = ticks.OrderBy(t => t).ToArray();
    return sorted.Take(sorted.Length * 9 / 10).Average();
}

// microsecondsApart: between two packets of one bucket.
static Workload Traffic(int buckets, int length, int microsecondsApart)
{
    var builder = new WorkloadBuilder();
    var random = new SplitMix64(5);
    for (int i = 0; i < Setup + Timed; i++)
    {
        // Buckets drawn at random, as the typical workload's subscribers (in turn, a stride prefetcher brought them in);
        // the clock advances microsecondsApart every `buckets` packets: each bucket's packets are that far apart on average.
        var flow = new FlowKey(0x0B000001, Subscribers | (uint)random.Below(buckets), 443, 50000, Wire.ProtocolTcp);
        builder.Add(flow, time: (long)i * microsecondsApart / buckets, length: length, tcpFlags: Wire.TcpAck);
    }

    return builder.Build($"{buckets} buckets", "PolicerVerdict");
}

internal static partial class Program
{
    // Where the frames' reads go, so the JIT keeps them.
    private static int s_sink;
}

/// <summary>A method of Police's signature that does nothing: the call and the timer the subtraction removes.</summary>
internal sealed class EmptyPolicer
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool Police(ReadOnlySpan<byte> packet, long now) => false;
}
