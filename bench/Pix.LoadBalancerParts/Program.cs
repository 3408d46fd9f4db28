using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pix.LoadBalancerParts;
using Pix.Samples.NetworkFunctions.Driver;
using Pix.Samples.NetworkFunctions.LoadBalancer;
using Pix.Samples.NetworkFunctions.Workloads;

// dotnet run -c Release --project bench/Pix.LoadBalancerParts -- [--rounds N] [--repetitions N] [--warmup-ms N] [--workload typical|colliding] [--slot-warm]
//     [--parts Find,FindStored,...] [--backings fresh,small,huge] [--inlining FlowKey,ConnectionTable]
// dotnet run -c Release --project bench/Pix.LoadBalancerParts -- --chase [--rounds N] [--lines 4,16,...] [--loads N] [--passes N]
// The load balancer's packets in parts (Part), the balancer's state advanced untimed to where the driver's packet
// finds it, then the part timed by the driver's per-packet measurement; parts alternate round by round. Per part and
// round: the median over packets of the windowed mean per packet, less the empty entry point's of the same round
// (the driver's dispatch and timer). --slot-warm: the packet's own step runs untimed first (its slot in L1).
// --backings: each part also over a connection table whose slots are one pinned array kept across replays, in 4 KiB
// pages (small) or collapsed into 2 MiB ones (huge) (SlotBacking). --chase: PageSpreadChase instead, the same lines
// dense or one per page, in 4 KiB or 2 MiB pages. --inlining: after the rounds, the JIT's inlining decisions (and
// its reason for each refusal) in methods whose names contain one of the given strings (InliningEvents).
int rounds = 3, repetitions = 7, warmUpMs = 1000;
long loads = 1 << 16;
int passes = 15;
bool chase = false;
InliningEvents? inlining = null;
string workloadName = "typical";
Part[] parts = Enum.GetValues<Part>().Where(p => p <= Part.Whole).ToArray();
Backing[] backings = { Backing.Fresh };
int[] lineCounts = { 4, 16, 64, 256, 640, 1024, 2048, 4096, 8192 };
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--repetitions": repetitions = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--warmup-ms": warmUpMs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--workload": workloadName = args[++i]; break;
        case "--slot-warm": PartVariant.SlotWarm = true; break;
        case "--parts": parts = args[++i].Split(',').Select(Enum.Parse<Part>).ToArray(); break;
        case "--backings": backings = args[++i].Split(',').Select(b => Enum.Parse<Backing>(b, ignoreCase: true)).ToArray(); break;
        case "--chase": chase = true; break;
        case "--inlining": inlining = new InliningEvents(args[++i].Split(',')); break;
        case "--lines": lineCounts = args[++i].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToArray(); break;
        case "--loads": loads = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--passes": passes = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default: throw new ArgumentException($"Unknown option '{args[i]}'.");
    }
}

if (chase)
{
    PageSpreadChase.Run(rounds, lineCounts, loads, passes);
    return;
}

Workload workload = ScenarioCatalog.Create("lb", workloadName).Workload;
var variants = new List<PartVariant> { new(workload, Part.Empty) };
var kept = new List<SlotBacking>();
var spacers = new List<byte[]>();
foreach (Backing backing in backings)
{
    SlotBacking? slots = backing == Backing.Fresh ? null : new SlotBacking(LoadBalancerScenario.ConnectionCapacity, huge: backing == Backing.Huge);
    if (slots is not null)
    {
        kept.Add(slots);
        // So the next backing's array shares no 2 MiB page with this one (their advice would mix).
        spacers.Add(GC.AllocateArray<byte>(4 << 20, pinned: true));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{backing}: {slots.Collapse}; slots at 2 MiB offset {slots.Offset2M}; huge-page share {slots.HugeShare:0.00}"));
    }

    variants.AddRange(parts.Where(p => p != Part.Empty).Select(p => new PartVariant(workload, p, slots)));
}

Console.WriteLine($"lb {workloadName}, {(PartVariant.SlotWarm ? "each packet's own step run first (its slot in L1)" : "the table as the driver's packet finds it")}; ns per packet less the empty entry point's (median over packets of the windowed mean of {repetitions} replays)");
string Name(PartVariant v) => v.Backing == Backing.Fresh ? v.Part.ToString() : $"{v.Part}@{v.Backing}";
Console.WriteLine($"{"round",5} " + string.Join(" ", variants.Skip(1).Select(v => $"{Name(v),12}")) + "  empty(abs)  load");
var all = variants.Select(_ => new List<double>()).ToArray();
for (int round = 1; round <= rounds; round++)
{
    double[] medians = variants.Select(v => Statistics.Median(PerPacketMeasurement.Run(v, TimeSpan.FromMilliseconds(warmUpMs), repetitions).PerPacketNs)).ToArray();
    for (int v = 0; v < medians.Length; v++)
    {
        all[v].Add(v == 0 ? medians[0] : medians[v] - medians[0]);
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{round,5} {string.Join(" ", medians.Skip(1).Select(m => $"{m - medians[0],12:0.0}"))}  {medians[0],10:0.0}  {System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{"median",5} {string.Join(" ", all.Skip(1).Select(l => $"{Statistics.Median(l.ToArray()),12:0.0}"))}  {Statistics.Median(all[0].ToArray()),10:0.0}"));
GC.KeepAlive(spacers);
inlining?.Print();
foreach (SlotBacking slots in kept)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"after: {slots.Collapse}; huge-page share {slots.HugeShare:0.00}"));
}
