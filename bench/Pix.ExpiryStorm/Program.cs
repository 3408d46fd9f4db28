using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Translation;
using Pix.Samples.NetworkFunctions.Workloads;

// The expiry storm's table work by table size. N flows are opened one tick apart (the timeout is N ticks), then
// packets arrive 8 ticks apart: each first expires the ~8 flows that timed out (ExpireSeenBefore: unlink from the
// age list and from the bucket chain, which writes the chain neighbours, push on the free list), then looks its new
// flow up and adds it (Find, Add). The "add only" run is the same with nothing expiring (the pool twice N), so
// (expiring − add only) / 8 is what one expired flow costs. The pool is 2N entries of 56 bytes, buckets about
// N / 2.44 (the storm's 20,000 flows in 8,192 buckets); the last row is the storm's own table (32,768 entries).
// Each case is timed PASSES times, the cases alternating, after a 2 s warm-up (Tier-1 code); fastest pass.
//
// With --branches: whether the storm's loop pays mispredicted branches on the table's contents (BranchProbe.cs).
//
//   dotnet run -c Release --project bench/Pix.ExpiryStorm -- [--branches] [--passes 21]
bool branches = args.Length > 0 && args[0] == "--branches";
string[] rest = branches ? args[1..] : args;
int passes = 21;
if (rest.Length == 2 && rest[0] == "--passes" && int.TryParse(rest[1], out int requested) && requested > 0)
{
    passes = requested;
}
else if (rest.Length != 0)
{
    Console.Error.WriteLine("Usage: [--branches] [--passes N] (N > 0)");
    return 2;
}

if (branches)
{
    Pix.ExpiryStorm.BranchProbe.Run(passes);
    return 0;
}

var cases = new List<(int Flows, int Pool, int Buckets)>();
foreach (int flows in new[] { 1_000, 2_000, 4_000, 8_000, 16_000, 20_000, 32_000, 64_000, 128_000 })
{
    cases.Add((flows, 2 * flows, BucketsFor(flows)));
}

cases.Add((20_000, Nat.ProvisionedFlows, 8_192));

// The storm's table with 32 times its buckets (twenty-fifth session, store25): chains of ~0.08, so an expired flow nearly
// never has a bucket neighbour; its unlinking's two branches on table contents (PreviousInBucket, NextInBucket != None) go
// one way and are learnt, and it stores into the 1 MiB of bucket heads instead. Against the row above (2.44 flows a bucket,
// the branches unpredictable, stores into random entries of the 1.75 MiB table) it shows which of the two the loop pays.
// (Fewer buckets would not show the converse: the add-only run keeps every flow, so its lookups walk longer chains.)
cases.Add((20_000, Nat.ProvisionedFlows, 262_144));

var fastest = new Dictionary<(int, bool), double>();
var clock = Stopwatch.StartNew();
while (clock.Elapsed < TimeSpan.FromSeconds(2))
{
    foreach ((int flows, int pool, int buckets) in cases.Where(c => c.Flows <= 4_000))
    {
        Storm(flows, pool, buckets, expire: true);
        Storm(flows, pool, buckets, expire: false);
    }
}

for (int pass = 0; pass < passes; pass++)
{
    for (int c = 0; c < cases.Count; c++)
    {
        foreach (bool expire in new[] { true, false })
        {
            double ns = Storm(cases[c].Flows, cases[c].Pool, cases[c].Buckets, expire);
            fastest[(c, expire)] = fastest.TryGetValue((c, expire), out double best) ? Math.Min(best, ns) : ns;
        }
    }
}

Console.WriteLine($"fastest of {passes} passes, ns per packet");
Console.WriteLine("  flows    pool (KiB)  buckets  expiring  add only  per expired flow");
for (int c = 0; c < cases.Count; c++)
{
    double expiring = fastest[(c, true)], addOnly = fastest[(c, false)];
    Console.WriteLine($"{cases[c].Flows,7} {cases[c].Pool,7} ({cases[c].Pool * NatFlowTable.EntryBytes / 1024,6}) {cases[c].Buckets,8} {expiring,8:F1} {addOnly,9:F1} {(expiring - addOnly) / 8,12:F2}");
}

return 0;

// Buckets for about 2.44 flows each, a power of two (the storm's 20,000 flows in 8,192).
static int BucketsFor(int flows)
{
    int buckets = 1;
    while (buckets * 2.44 < flows)
    {
        buckets *= 2;
    }

    return buckets;
}

// One storm on a fresh table; ns per packet of the timed part (the packets after the table is full).
static double Storm(int flows, int pool, int buckets, bool expire)
{
    var table = new NatFlowTable(pool, buckets);
    var random = new SplitMix64(20261130);
    for (int i = 0; i < flows; i++)
    {
        FlowKey key = FlowFactory.Random(ref random, 0x0A000000);
        table.Add(in key, key.Hash(), now: i);
    }

    // At most one timeout's worth of packets (each expires 8 of the N flows), and no more than the storm's 2,500.
    var keys = new FlowKey[Math.Min(flows / 8, 2_500)];
    for (int i = 0; i < keys.Length; i++)
    {
        keys[i] = FlowFactory.Random(ref random, 0x0A000000);
    }

    long timeout = flows;
    long start = Stopwatch.GetTimestamp();
    for (int i = 0; i < keys.Length; i++)
    {
        long now = timeout + (8L * i);
        if (expire)
        {
            table.ExpireSeenBefore(now - timeout);
        }

        uint hash = keys[i].Hash();
        if (table.Find(in keys[i], hash, out _) < 0)
        {
            table.Add(in keys[i], hash, now);
        }
    }

    return (Stopwatch.GetTimestamp() - start) * 1e9 / Stopwatch.Frequency / keys.Length;
}
