using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pix.RouterBranch;
using Pix.Samples.NetworkFunctions.Driver;
using Pix.Samples.NetworkFunctions.Workloads;

// dotnet run -c Release --project bench/Pix.RouterBranch -- [--rounds N] [--repetitions N] [--warmup-ms N] [--workload typical|long-prefixes|short-prefixes]
// The router's workload timed per packet by the driver's measurement through the router itself, a copy of its lookup as
// written, the copy with the direction branch made branch-free, and the branch-free copy with a branch on the same bit
// that only guards a store (the directions back in the branch history; LookupVariant); variants alternate round by round.
// Per variant and round: the median over packets of the windowed mean per packet, less the empty entry point's of the
// same round, then the same by nodes visited, with the line through those groups. As written − branch-free is what the
// direction branch costs a packet; over the direction branches a packet runs (half of them missed if the address bits are
// coin flips) it is what one costs, and twice that what one miss costs. The line's constant with and without the
// directions in the history says whether the loop's exit is learnt from them (docs/network-functions.md, offchain28).
int rounds = 5, repetitions = 7, warmUpMs = 1000;
string workloadName = "typical";
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--repetitions": repetitions = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--warmup-ms": warmUpMs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--workload": workloadName = args[++i]; break;
        default: throw new ArgumentException($"Unknown option '{args[i]}'.");
    }
}

var scenario = (RouterScenario)ScenarioCatalog.Create("router", workloadName);
LookupVariant[] variants = Enum.GetValues<Lookup>().Select(l => new LookupVariant(scenario, l)).ToArray();
Workload workload = scenario.Workload;
(int Branches, int Visited)[] walks = Enumerable.Range(workload.SetupCount, workload.Count - workload.SetupCount)
    .Select(i => variants[0].Walk(workload.Packet(i))).ToArray();
double branches = walks.Average(w => w.Branches);
// Per round, per variant, per packet: for the breakdown by nodes visited after the rounds.
var perPacket = new List<double[][]>();
Console.WriteLine($"router {workloadName}: {branches:0.00} direction branches a packet (mean); ns per packet less the empty entry point's (median over packets of the windowed mean of {repetitions} replays)");
Console.WriteLine($"{"round",5} " + string.Join(" ", variants.Skip(1).Select(v => $"{v.Lookup,10}")) + "  branch/pkt  per branch  per miss  empty(abs)  load");
for (int round = 1; round <= rounds; round++)
{
    double[][] packets = variants.Select(v => PerPacketMeasurement.Run(v, TimeSpan.FromMilliseconds(warmUpMs), repetitions).PerPacketNs).ToArray();
    perPacket.Add(packets);
    double[] medians = packets.Select(p => Statistics.Median(p)).ToArray();
    double branch = medians[(int)Lookup.AsWritten] - medians[(int)Lookup.BranchFree];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{round,5} {string.Join(" ", medians.Skip(1).Select(m => $"{m - medians[0],10:0.0}"))}  {branch,10:0.0}  {branch / branches,10:0.00}  {2 * branch / branches,8:0.00}  {medians[0],10:0.0}  {System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
}

// By nodes visited (the router's trieDepth), groups of at least 500 packets: per variant the median over rounds of the
// group's median less the empty entry point's. The step from one group to the next is what a node costs the walk; what
// is left at 0 nodes (the line through the groups) is the packet's parse and the loop's way in and out, its exit included.
var groups = new List<(int Nodes, double[] Ns)>();
Console.WriteLine("nodes  packets " + string.Join(" ", variants.Skip(1).Select(v => $"{v.Lookup,10}")));
foreach (IGrouping<int, int> group in Enumerable.Range(0, walks.Length).GroupBy(i => walks[i].Visited).OrderBy(g => g.Key))
{
    int[] members = group.ToArray();
    if (members.Length < 500)
    {
        continue;
    }

    double GroupNs(int variant) => Statistics.Median(perPacket
        .Select(round => Statistics.Median(members.Select(i => round[variant][i]).ToArray()) - Statistics.Median(members.Select(i => round[0][i]).ToArray()))
        .ToArray());
    double[] row = variants.Skip(1).Select(v => GroupNs((int)v.Lookup)).ToArray();
    groups.Add((group.Key, row));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{group.Key,5} {members.Length,8} {string.Join(" ", row.Select(ns => $"{ns,10:0.0}"))}"));
}

// The least-squares line through the groups (each group one point): ns a node, and the constant at 0 nodes.
if (groups.Count >= 2)
{
    double meanNodes = groups.Average(g => g.Nodes);
    double spread = groups.Sum(g => (g.Nodes - meanNodes) * (g.Nodes - meanNodes));
    string Line(int column)
    {
        double meanNs = groups.Average(g => g.Ns[column]);
        double slope = groups.Sum(g => (g.Nodes - meanNodes) * (g.Ns[column] - meanNs)) / spread;
        return string.Create(CultureInfo.InvariantCulture, $"{slope,5:0.00}+{meanNs - (slope * meanNodes),4:0.0}");
    }

    Console.WriteLine("line: ns a node + ns at 0 nodes");
    Console.WriteLine($"{"",14} {string.Join(" ", variants.Skip(1).Select((_, c) => $"{Line(c),10}"))}");
}
