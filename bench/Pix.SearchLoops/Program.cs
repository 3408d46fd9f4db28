using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Bench;
using Pix.SearchLoops;

// What a search loop's failing iterations and its exit cost, timed as the network functions' driver
// times a packet: one call at a time, a load fence after each (nothing of one call overlaps the next).
// Each variant runs CALLS calls per pass, PASSES passes after a warm-up that lets tiered compilation
// reach Tier-1; it prints the fastest pass and the median pass, in ns per call. Variants alternate
// pass by pass, so a burst of load on the machine hits all of them alike.
//
//   dotnet run -c Release --project bench/Pix.SearchLoops -- [--passes 301] [--calls 4000]
// Short passes (4,000 calls, about 0.1–0.7 ms) let the fastest and the median agree on a loaded machine.
int passes = 301, calls = 4_000;
if (!AlternatingVariants.TryReadOptions(args, ref passes, ref calls))
{
    return 2;
}

var random = new Random(20261130);
Packet[] packets = Enumerable.Range(0, calls).Select(_ => RuleScan.RandomPacket(random)).ToArray();
var variants = new List<(string Name, Func<int, int> Call)>();
void AddScan(string name, Rule[] rules)
{
    var scan = new RuleScan(rules);
    variants.Add((name, i => scan.FirstMatchAllows(in packets[i], out int scanned) ? -scanned : scanned));
}

AddScan("rules: 0 (loop overhead, 0 rules)", Array.Empty<Rule>());
AddScan("rules: 100 fail at operand 1 (source)", RuleScan.FailingAt(1, 100, random));
AddScan("rules: 100 fail at operand 2 (destination)", RuleScan.FailingAt(2, 100, random));
AddScan("rules: 100 fail at operand 3 (first port)", RuleScan.FailingAt(3, 100, random));
AddScan("rules: 100 fail at operand 4 (last port)", RuleScan.FailingAt(4, 100, random));
AddScan("rules: 100 fail at operand 1-4 (random per rule)", RuleScan.FailingAt(0, 100, random));
AddScan("rules: the sample's (2 at operand 4, 98 at 1)", RuleScan.LikeTheSample(random));

// Probe windows over 1,024 slots (32 KB, in L1/L2). The planted table holds the key looked up in
// every 8th slot (index ≡ 7 mod 8), so the home slot decides at which probe the search hits.
const uint Hash = 0x5EED;
var empty = new ProbeWindow(1024);
empty.FillColliding(Hash);
var planted = new ProbeWindow(1024);
planted.FillColliding(Hash);
for (int slot = 7; slot < 1024; slot += 8)
{
    planted.Plant(slot, Hash);
}

int[] anyHome = Enumerable.Range(0, calls).Select(_ => random.Next(1024)).ToArray();
int[] homeAt8 = anyHome.Select(h => h & ~7).ToArray();          // hits at probe 8, every call
int[] homeAt4 = anyHome.Select(h => (h & ~7) | 4).ToArray();    // hits at probe 4, every call
int[] window789 = Enumerable.Range(0, calls).Select(_ => random.Next(7, 10)).ToArray();
variants.Add(("probes: const window 8, runs out every call", i => empty.FindConstant(Hash, anyHome[i], 1_000)));
variants.Add(("probes: window 8 read from a parameter, runs out", i => empty.FindVariable(Hash, anyHome[i], 1_000, 8)));
variants.Add(("probes: window 7, 8 or 9 at random, runs out", i => empty.FindVariable(Hash, anyHome[i], 1_000, window789[i])));
variants.Add(("probes: const window 8, hit at probe 8 every call", i => planted.FindConstant(Hash, homeAt8[i], 1_000)));
variants.Add(("probes: const window 8, hit at probe 4 every call", i => planted.FindConstant(Hash, homeAt4[i], 1_000)));
variants.Add(("probes: const window 8, hit at probe 1-8 at random", i => planted.FindConstant(Hash, anyHome[i], 1_000)));

(List<double>[] times, long sink) = AlternatingVariants.Time(variants.Select(v => v.Call).ToList(), variants.Select(_ => 1.0).ToList(), passes, calls);
Console.WriteLine($"{calls} calls x {passes} passes, ns per call (delegate call and fence included); checksum {sink}");
AlternatingVariants.Print(variants.Select(v => v.Name).ToList(), times, "F2");

return 0;
