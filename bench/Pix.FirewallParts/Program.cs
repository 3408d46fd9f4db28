using System;
using System.Globalization;
using System.Linq;
using Pix.FirewallParts;
using Pix.Samples.NetworkFunctions.Driver;
using Pix.Samples.NetworkFunctions.Workloads;

// dotnet run -c Release --project bench/Pix.FirewallParts -- [--rounds N] [--repetitions N] [--warmup-ms N] [--workload typical|rule-scan|colliding] [--page-warm]
// The firewall's packets in parts (Part), the firewall's state advanced untimed to where the driver's packet finds it
// (the previous packet's Filter), then the part timed by the driver's per-packet measurement; parts alternate round by
// round. Per part and round: the median over packets of the windowed mean per packet, less the empty entry point's of
// the same round (the driver's dispatch and timer). --page-warm: a byte 2 KiB from the packet's connection entry, in
// the same 4 KiB page, is read off the clock first (the page's translation in the TLB, the entry's line not in L1).
int rounds = 3, repetitions = 7, warmUpMs = 1000;
string workloadName = "typical";
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--repetitions": repetitions = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--warmup-ms": warmUpMs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--workload": workloadName = args[++i]; break;
        case "--page-warm": PartVariant.PageWarm = true; break;
        default: throw new ArgumentException($"Unknown option '{args[i]}'.");
    }
}

Workload workload = ScenarioCatalog.Create("firewall", workloadName).Workload;
PartVariant[] variants = Enum.GetValues<Part>().Select(p => new PartVariant(workload, p)).ToArray();
Console.WriteLine($"firewall {workloadName}, the table as the driver's packet finds it{(PartVariant.PageWarm ? ", the entry's page touched first" : "")}; ns per packet less the empty entry point's (median over packets of the windowed mean of {repetitions} replays)");
Console.WriteLine($"{"round",5} " + string.Join(" ", variants.Select(v => $"{v.Part,8}")) + "  empty(abs)  load");
for (int round = 1; round <= rounds; round++)
{
    double[] medians = variants.Select(v => Statistics.Median(PerPacketMeasurement.Run(v, TimeSpan.FromMilliseconds(warmUpMs), repetitions).PerPacketNs)).ToArray();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{round,5} {string.Join(" ", medians.Select(m => $"{m - medians[0],8:0.0}"))}  {medians[0],10:0.0}  {System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
}
