using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Pix.ExpiryChain;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Translation;
using Pix.Samples.NetworkFunctions.Workloads;

// Per expired flow, ns: the NAT's own NatFlowTable.ExpireSeenBefore on the expiry storm's table (20,000 flows in
// 32,768 entries, 8,192 buckets), 8 flows a call, each call timed alone (latency: less an empty timed region) or
// all calls under one timer (throughput); and the age list alone (AgeList.cs, the pool of 32,768 56-byte entries),
// its head through a field or a local, then with a random neighbour's link written per expired entry, anywhere in
// the pool (1.75 MiB, beyond this machine's L2) or among its first 2,048 entries (112 KiB).
// Each case PASSES times, alternating, after a 2 s warm-up; the median pass.
//
// With --storm, the expiry storm's packets split instead (StormSplit.cs), with Process also timed after the expiry's stores
// have drained (a fence, or ~300 ns of register work, off the clock).
//
//   dotnet run -c Release --project bench/Pix.ExpiryChain -- [--storm] [--passes 15]
bool storm = args.Length > 0 && args[0] == "--storm";
string[] rest = storm ? args[1..] : args;
int passes = 15;
if (rest.Length == 2 && rest[0] == "--passes" && int.TryParse(rest[1], out int requested) && requested > 0)
{
    passes = requested;
}
else if (rest.Length != 0)
{
    Console.Error.WriteLine("Usage: [--storm] [--passes N] (N > 0)");
    return 2;
}

if (storm)
{
    StormSplit.Run(passes);
    return 0;
}

const int Flows = 20_000, PerCall = 8, Calls = 2_000;
var cases = new (string Name, Func<bool, double> Run)[]
{
    ("NatFlowTable.ExpireSeenBefore", timedEach => NatExpiry(timedEach)),
    ("age list, head in a field", timedEach => AgeListExpiry(timedEach, throughField: true, unlinkNeighbour: false)),
    ("age list, head in a local", timedEach => AgeListExpiry(timedEach, throughField: false, unlinkNeighbour: false)),
    ("  + a neighbour's link written", timedEach => AgeListExpiry(timedEach, throughField: true, unlinkNeighbour: true)),
    ("  + one within 112 KiB", timedEach => AgeListExpiry(timedEach, throughField: true, unlinkNeighbour: true, neighbourRange: 2_048)),
};

var results = new Dictionary<(int, bool), List<double>>();
var clock = Stopwatch.StartNew();
while (clock.Elapsed < TimeSpan.FromSeconds(2))
{
    foreach (var c in cases)
    {
        c.Run(true);
        c.Run(false);
    }
}

for (int pass = 0; pass < passes; pass++)
{
    for (int c = 0; c < cases.Length; c++)
    {
        foreach (bool timedEach in new[] { true, false })
        {
            double ns = cases[c].Run(timedEach);
            if (!results.TryGetValue((c, timedEach), out List<double>? list))
            {
                results[(c, timedEach)] = list = new List<double>();
            }

            list.Add(ns);
        }
    }
}

Console.WriteLine($"ns per expired flow, median of {passes} passes ({PerCall} flows a call, {Calls} calls)");
Console.WriteLine($"  {"case",-32} {"latency",8} {"throughput",10}");
for (int c = 0; c < cases.Length; c++)
{
    Console.WriteLine($"  {cases[c].Name,-32} {Median(results[(c, true)]),8:F2} {Median(results[(c, false)]),10:F2}");
}

return 0;

static double Median(List<double> values)
{
    var sorted = values.OrderBy(v => v).ToList();
    return sorted[sorted.Count / 2];
}

// The empty timed region's cost, subtracted from each timed call.
static double EmptyRegion()
{
    long total = 0;
    for (int i = 0; i < Calls; i++)
    {
        long start = Stopwatch.GetTimestamp();
        total += Stopwatch.GetTimestamp() - start;
    }

    return (double)total / Calls;
}

// Calls expire(1..Calls): each timed alone, less the empty region (latency), or all under one timer (throughput).
// The delegate call is in both, as it is in the empty region's absence: about 1 ns a call, an eighth of that a flow.
static double Time(bool timedEach, Func<int, int> expire)
{
    long ticks = 0;
    if (timedEach)
    {
        double empty = EmptyRegion();
        for (int call = 1; call <= Calls; call++)
        {
            long start = Stopwatch.GetTimestamp();
            expire(call);
            ticks += Stopwatch.GetTimestamp() - start;
        }

        return (ticks - empty * Calls) * 1e9 / Stopwatch.Frequency / (Calls * PerCall);
    }

    long outer = Stopwatch.GetTimestamp();
    for (int call = 1; call <= Calls; call++)
    {
        expire(call);
    }

    return (Stopwatch.GetTimestamp() - outer) * 1e9 / Stopwatch.Frequency / (Calls * PerCall);
}

static double NatExpiry(bool timedEach)
{
    var table = new NatFlowTable(Nat.ProvisionedFlows, 8_192);
    var random = new SplitMix64(20261201);
    for (int i = 0; i < Flows; i++)
    {
        FlowKey key = FlowFactory.Random(ref random, 0x0A000000);
        table.Add(in key, key.Hash(), now: i);
    }

    return Time(timedEach, call => table.ExpireSeenBefore(call * PerCall));
}

static double AgeListExpiry(bool timedEach, bool throughField, bool unlinkNeighbour, int neighbourRange = Nat.ProvisionedFlows)
{
    var list = new AgeList(Nat.ProvisionedFlows, unlinkNeighbour, neighbourRange);
    return throughField
        ? Time(timedEach, call => list.ExpireThroughField(call * PerCall))
        : Time(timedEach, call => list.ExpireThroughLocal(call * PerCall));
}
