using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Pix.Samples.NetworkFunctions.Driver;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Workloads;

// dotnet run -c Release --project bench/Pix.PacketClock -- [nf|all] [workload|all] [--rounds N]
// 1. The clock: the most frequent lengths of an empty timed region (Stopwatch.GetTimestamp twice), in ns.
//    A coarse clock shows as lengths a fixed step apart (AMD Zen: 10 ns).
// 2. Per workload and round, the driver's measurement (timer and dispatch subtracted) estimated two ways
//    from the same timed samples: "median" = the median over packets of each packet's median over the
//    repetitions (the driver before the eleventh session, timer = median of raw lengths), "trimmed" = of each
//    packet's trimmed mean (Statistics.TrimmedMeanPerItem, the driver now), "mean" = of each packet's
//    plain mean; with the quartiles of the per-packet means and, per value of the
//    first PCV that a tenth of the packets or more take, the median of those packets' trimmed means.
string nf = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "lb";
string workload = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : "all";
int rounds = args.Contains("--rounds") ? int.Parse(args[Array.IndexOf(args, "--rounds") + 1], CultureInfo.InvariantCulture) : 3;
const int Repetitions = 7;
var warmUp = TimeSpan.FromMilliseconds(1500);

double[] raw = new double[100_000];
for (int i = 0; i < raw.Length; i++)
{
    long start = Stopwatch.GetTimestamp();
    raw[i] = (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency;
}

Console.WriteLine("empty timed region, ns (share): " + string.Join(", ", raw.GroupBy(x => x).OrderByDescending(g => g.Count()).Take(8)
    .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key:0} ({100.0 * g.Count() / raw.Length:0.0}%)"))));
double timerMedian = Statistics.Median(raw);
double timerMean = PerPacketMeasurement.TimerOverhead();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"timer overhead: median {timerMedian:0.0} ns, as the driver now estimates it {timerMean:0.00} ns"));
Console.WriteLine($"{"round",5} {"nf",-8} {"workload",-15} {"median",7} {"trimmed",7} {"mean",7}   per-packet trimmed means: p25 p50 p75   by first PCV (median of means)  shared  load");
var selection = (nf == "all" ? ScenarioCatalog.NetworkFunctions : new[] { nf })
    .SelectMany(f => (workload == "all" ? ScenarioCatalog.WorkloadsOf(f) : new[] { workload }).Select(w => (f, w))).ToArray();
for (int round = 1; round <= rounds; round++)
{
    foreach ((string f, string w) in selection)
    {
        Scenario scenario = ScenarioCatalog.Create(f, w);
        int[] firstPcv = scenario.PcvNames.Count > 0 ? scenario.TracePcvs().Column(scenario.PcvNames[0]) : Array.Empty<int>();
        PerPacketResult packets = PerPacketMeasurement.Run(scenario, warmUp, Repetitions);
        PerPacketResult dispatch = PerPacketMeasurement.RunBaseline(scenario, warmUp, Repetitions);
        double byMedian = MedianOfMedians(packets) - timerMedian - (MedianOfMedians(dispatch) - timerMedian);
        double byMean = Statistics.Median(packets.PerPacketNs) - timerMean - (Statistics.Median(dispatch.PerPacketNs) - timerMean);
        double byPlainMean = Statistics.Median(PlainMeans(packets)) - timerMean - (Statistics.Median(PlainMeans(dispatch)) - timerMean);
        double offset = timerMean + Statistics.Median(dispatch.PerPacketNs) - timerMean;
        string quartiles = string.Join(" ", new[] { 0.25, 0.5, 0.75 }.Select(p => (Statistics.Percentile(packets.PerPacketNs, p) - offset).ToString("0.0", CultureInfo.InvariantCulture)));
        string byPcv = string.Join(", ", firstPcv.GroupBy(v => v).Where(g => g.Count() * 10 >= firstPcv.Length).OrderBy(g => g.Key).Select(g =>
            string.Create(CultureInfo.InvariantCulture, $"{scenario.PcvNames[0]}={g.Key} ({100 * g.Count() / firstPcv.Length}%): {Statistics.Median(packets.PerPacketNs.Where((_, i) => firstPcv[i] == g.Key).ToArray()) - offset:0.0}")));
        string byReuse = ByReuseDistance(scenario.Workload, packets.PerPacketNs, offset);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{round,5} {f,-8} {w,-15} {byMedian,7:0.0} {byMean,7:0.0} {byPlainMean,7:0.0}   {quartiles}   {byPcv}  {packets.SharedRepetitions}/{packets.Repetitions}  {System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        Console.WriteLine("      by packets since the flow's previous packet (its state's lines in the cache or not): " + byReuse);
    }
}

// Per range of reuse distance (measured packets since the same 5-tuple last came; "new" = not since the
// measured packets began), the share of packets and the median of their trimmed means, offset subtracted.
static string ByReuseDistance(Workload workload, double[] perPacketNs, double offset)
{
    var last = new System.Collections.Generic.Dictionary<FlowKey, int>();
    int[] edges = { 1, 16, 256, 4096, int.MaxValue };
    var groups = new System.Collections.Generic.List<double>[edges.Length];
    for (int g = 0; g < groups.Length; g++)
    {
        groups[g] = new();
    }

    for (int i = 0; i < perPacketNs.Length; i++)
    {
        if (!PacketParser.TryParse(workload.Packet(workload.SetupCount + i), out PacketHeaders headers))
        {
            continue;
        }

        int distance = last.TryGetValue(headers.Flow, out int previous) ? i - previous : int.MaxValue;
        last[headers.Flow] = i;
        groups[Array.FindIndex(edges, e => distance <= e) is var g and >= 0 ? g : edges.Length - 1].Add(perPacketNs[i]);
    }

    string[] names = { "1", "2-16", "17-256", "257-4096", ">4096/new" };
    return string.Join(", ", groups.Select((list, g) => list.Count == 0 ? null : string.Create(CultureInfo.InvariantCulture,
        $"{names[g]} ({100.0 * list.Count / perPacketNs.Length:0}%): {Statistics.Median(list.ToArray()) - offset:0.0}")).Where(x => x is not null));
}

// Each packet's plain mean over the repetitions (what the trimmed mean is kept from being).
static double[] PlainMeans(PerPacketResult result) =>
    Enumerable.Range(0, result.PerPacketNs.Length).Select(i => result.RepetitionNs.Average(r => r[i])).ToArray();

// The driver's estimate before the eleventh session: each packet's median over the repetitions, then their median.
static double MedianOfMedians(PerPacketResult result) =>
    Statistics.Median(Enumerable.Range(0, result.PerPacketNs.Length).Select(i => Statistics.Median(result.RepetitionNs.Select(r => r[i]).ToArray())).ToArray());
