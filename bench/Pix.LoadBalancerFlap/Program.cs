using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pix.LoadBalancerFlap;
using Pix.Samples.NetworkFunctions.Driver;
using Pix.Samples.NetworkFunctions.LoadBalancer;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Workloads;

// dotnet run -c Release --project bench/Pix.LoadBalancerFlap -- [--rounds N] [--repetitions N] [--warmup-ms N] [--trace] [--alu]
// The health-flap workload's packets, its control events applied six ways (FlapMode), measured with
// the driver's own per-packet measurement, the variants alternating round by round. Per variant and
// round: the median per-packet latency (timer included) by distance from the last control event;
// of the packets whose flow is the first of its kind since the event ("first") and the others
// ("again"); and of the real flap's packets whose tracked backend was down.
//   --trace  instead, per variant: whether the thread lost its CPU at each event, and the latencies of
//            packets that kept it since the event apart from the others (SchedulingReport)
//   --modes  instead, the driver's health-flap measurement with what each replay's process can tell (ReplayModes)
//   --alu    every variant times a fixed multiply chain instead of the packet (the core's speed)
int rounds = 3, repetitions = 7, warmUpMs = 1500;
bool trace = false, modes = false;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--repetitions": repetitions = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--warmup-ms": warmUpMs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--trace": trace = true; break;
        case "--modes": modes = true; break;
        case "--alu": FlapVariant.AluOnly = true; break;
        default: throw new ArgumentException($"Unknown option '{args[i]}'.");
    }
}

// A rebuild's duration (a backend failing and recovering, 16 rebuilds after warming up), for the spin variant.
{
    var balancer = LoadBalancerScenario.NewBalancer();
    for (int i = 0; i < 64; i++)
    {
        balancer.SetBackendHealth(i % 16, false);
        balancer.SetBackendHealth(i % 16, true);
    }

    long start = System.Diagnostics.Stopwatch.GetTimestamp();
    for (int i = 0; i < 8; i++)
    {
        balancer.SetBackendHealth(i % 16, false);
        balancer.SetBackendHealth(i % 16, true);
    }

    FlapVariant.RebuildSeconds = (System.Diagnostics.Stopwatch.GetTimestamp() - start) / (16.0 * System.Diagnostics.Stopwatch.Frequency);
    Console.WriteLine($"one rebuild: {FlapVariant.RebuildSeconds * 1e6:0} µs (the spin variant spins twice that at each control event, as the workload rebuilds twice)");
    FlapVariant.RebuildSeconds *= 2;
}

Workload workload = ScenarioCatalog.Create("lb", "health-flap").Workload;
if (modes)
{
    ReplayModes.Run(repetitions, TimeSpan.FromMilliseconds(warmUpMs), FirstSinceEvent(workload));
    return;
}

var variants = Enum.GetValues<FlapMode>().Select(m => new FlapVariant(workload, m)).ToArray();
int[] down = variants.First(v => v.Mode == FlapMode.Flap).TracePcvs().Column("trackedBackendDown");
int[] edges = { 0, 1, 10, 100, 500, 1000, 2000 };
bool[] firstSinceEvent = FirstSinceEvent(workload);
if (trace)
{
    SchedulingReport.Run(variants, rounds, repetitions, TimeSpan.FromMilliseconds(warmUpMs), edges);
    return;
}

Console.WriteLine($"{"round",5} {"variant",-10} {"all",6} " + string.Join(" ", edges.Zip(edges.Skip(1), (a, b) => $"{a + "-" + (b - 1),9}")) + $" {"first",7} {"again",7} {"down=1",7}");
for (int round = 1; round <= rounds; round++)
{
    foreach (FlapVariant variant in variants)
    {
        double[] ns = PerPacketMeasurement.Run(variant, TimeSpan.FromMilliseconds(warmUpMs), repetitions).PerPacketNs;
        var byDistance = new List<string>();
        for (int e = 0; e + 1 < edges.Length; e++)
        {
            double[] group = ns.Where((_, i) => i % 2000 >= edges[e] && i % 2000 < edges[e + 1]).ToArray();
            byDistance.Add(string.Create(CultureInfo.InvariantCulture, $"{Statistics.Median(group),9:0.0}"));
        }

        double downMedian = Statistics.Median(ns.Where((_, i) => down[i] == 1).ToArray());
        double first = Statistics.Median(ns.Where((_, i) => firstSinceEvent[i]).ToArray());
        double again = Statistics.Median(ns.Where((_, i) => !firstSinceEvent[i]).ToArray());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{round,5} {variant.Mode,-10} {Statistics.Median(ns),6:0.0} {string.Join(" ", byDistance)} {first,7:0.0} {again,7:0.0} {downMedian,7:0.0}  load {System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"first = the packet's flow had no packet since the last control event: {firstSinceEvent.Count(f => f)} of {firstSinceEvent.Length} packets ({firstSinceEvent.Count(f => f) / (double)firstSinceEvent.Length:P0})"));

// Per measured packet: whether its flow is seen for the first time since the last control event
// (its connection-table slot has not been read since then).
static bool[] FirstSinceEvent(Workload workload)
{
    var first = new bool[workload.Count - workload.SetupCount];
    var seen = new HashSet<FlowKey>();
    for (int i = 0; i < first.Length; i++)
    {
        int index = workload.SetupCount + i;
        if (workload.EventsBefore(index).Count > 0)
        {
            seen.Clear();
        }

        first[i] = PacketParser.TryParse(workload.Packet(index), out PacketHeaders headers) && seen.Add(headers.Flow);
    }

    return first;
}
