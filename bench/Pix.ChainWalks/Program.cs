using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Bench;
using Pix.ChainWalks;

// What one entry of a hash-chain walk costs, per element layout and address form, timed as the network
// functions' driver times a packet: one call at a time, a load fence after each. Each call looks up a
// hash at a random depth of a 1,500-entry chain (750 entries on average, as the colliding workloads);
// the result is ns per entry walked (call overhead spread over the entries). Variants alternate pass by
// pass, so a burst of load on the machine hits all of them alike; the fastest and the median pass print.
//
//   dotnet run -c Release --project bench/Pix.ChainWalks -- [--passes 101] [--calls 400]
// Compare the per-entry figures with a profile's Load, IntegerAlu and IntegerMultiply latencies
// (docs/accuracy.md, "Chain walks and expiry, seventh session").
int passes = 101, calls = 400;
if (!AlternatingVariants.TryReadOptions(args, ref passes, ref calls))
{
    return 2;
}

const int Length = 1_500;
var chains = new Chains(Length);
var random = new Random(20261130);
uint[] targets = Enumerable.Range(0, calls).Select(_ => (uint)random.Next(Length)).ToArray();
Key[] keys = targets.Select(t => Chains.KeyOf((int)t)).ToArray();
double walked = targets.Average(t => (double)(Length - t));

var variants = new List<(string Name, Func<int, int> Call)>
{
    ("int[] next: the load alone", i => chains.NextOnly(targets[i])),
    ("16 B entry: next only (shl)", i => chains.Entry16NextOnly(targets[i])),
    ("40 B entry: next only (lea, folded address)", i => chains.Entry40NextOnly(targets[i])),
    ("40 B entry: hash, next (address in a register)", i => chains.Entry40HashNext(targets[i])),
    ("40 B entry: firewall Find (4 fields, out steps)", i => chains.Entry40Firewall(in keys[i], targets[i], 1, out int steps) + steps),
    ("40 B entry: firewall Find, local steps", i => chains.Entry40FirewallLocalSteps(in keys[i], targets[i], 1)),
    ("56 B entry: next only", i => chains.Entry56NextOnly(targets[i])),
    ("56 B entry: NAT Find (hash, key, next)", i => chains.Entry56Nat(in keys[i], targets[i], out int steps) + steps),
};

// 64 entries per call on one random cycle over tables of 512 entries (28 KB, in L1), 4,096 (the
// bridge's table size; 229 KB, in L2) and 32,768 (the NAT's; 1.8 MB), and in address order over the
// largest (prefetched): ns per entry as above, with walked = 64.
const int Steps = 64;
var tables = new[] { (512, true), (4_096, true), (32_768, true), (32_768, false) }
    .Select(t => (t.Item1, t.Item2, Chains: new RandomChains(t.Item1, random, t.Item2))).ToArray();
var perEntry = variants.Select(_ => walked).ToList();
foreach (var (size, shuffled, table) in tables)
{
    variants.Add(($"56 B entry: {Steps} per call, {(shuffled ? "random" : "in order")} over {size:N0}", _ => table.Walk(Steps)));
    perEntry.Add(Steps);
}

(List<double>[] times, long sink) = AlternatingVariants.Time(variants.Select(v => v.Call).ToList(), perEntry, passes, calls);
Console.WriteLine($"{calls} calls x {passes} passes, {walked:F1} entries walked per call on average ({Steps} for the random-order tables); ns per entry (call overhead included); checksum {sink}");
AlternatingVariants.Print(variants.Select(v => v.Name).ToList(), times, "F3");

return 0;
