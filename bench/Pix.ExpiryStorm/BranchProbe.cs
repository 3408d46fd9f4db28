using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Translation;
using Pix.Samples.NetworkFunctions.Workloads;
using static FencedTimestamp;

namespace Pix.ExpiryStorm;

/// <summary>
/// Whether the expiry storm's loop pays mispredicted branches on the table's contents (twenty-sixth session, nat26).
/// The storm as <c>NatScenario.ExpiryStorm</c> makes it: 20,000 random flows opened one tick apart in 32,768 entries
/// and 8,192 buckets, then 2,500 packets 8 ticks apart, each expiring the flows that timed out and then opening its
/// own (off the clock). Only the expiry call is timed, each call alone between fenced timestamps, as the driver times
/// a packet; per pass the mean of the calls without the slowest tenth, less an empty call's; per case the median pass,
/// divided by the flows a call expired. Cases: the sample's own <c>NatFlowTable.ExpireSeenBefore</c>, and the copy
/// in <see cref="ProbeTable"/> with its bucket unlink branchy (as the NAT's) or branchless (same stores, no branch
/// on the neighbours); both again with 262,144 buckets, where an expired flow nearly never has a neighbour and the
/// branches go one way. Then the branches' outcomes, counted over one storm.
/// </summary>
internal static class BranchProbe
{
    private const int Flows = 20_000, Packets = 2_500, Buckets = 8_192;

    public static void Run(int passes)
    {
        var cases = new (string Name, int Buckets, Func<int, Func<long, int>> Make)[]
        {
            ("NatFlowTable.ExpireSeenBefore (the sample's)", Buckets, buckets => Sample(buckets)),
            ("copy, bucket unlink branchy (as the sample)", Buckets, buckets => Copy(buckets, branchless: false)),
            ("copy, bucket unlink branchless", Buckets, buckets => Copy(buckets, branchless: true)),
            ("copy, branchy, 262,144 buckets", 262_144, buckets => Copy(buckets, branchless: false)),
            ("copy, branchless, 262,144 buckets", 262_144, buckets => Copy(buckets, branchless: true)),
        };

        var perPass = cases.Select(_ => new List<double>()).ToArray();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(2))
        {
            foreach (var c in cases)
            {
                Storm(c.Make(c.Buckets));
            }
        }

        for (int pass = 0; pass < passes; pass++)
        {
            for (int c = 0; c < cases.Length; c++)
            {
                perPass[c].Add(Storm(cases[c].Make(cases[c].Buckets)));
            }
        }

        Console.WriteLine($"ns an expired flow, each expiry call timed alone (median of {passes} passes; per pass, the mean call without its slowest tenth, less an empty call)");
        for (int c = 0; c < cases.Length; c++)
        {
            double[] sorted = perPass[c].Order().ToArray();
            Console.WriteLine($"  {cases[c].Name,-48} {sorted[sorted.Length / 2],6:F2}   (passes {sorted[0]:F2} … {sorted[^1]:F2})");
        }

        foreach (int buckets in new[] { Buckets, 262_144 })
        {
            var (expired, withoutPrevious, withNext, calls, misfits) = CountStorm(buckets);
            Console.WriteLine($"outcomes, {buckets:N0} buckets: {expired:N0} flows expired in {calls:N0} calls ({misfits} calls not 8); "
                + $"no previous entry in the bucket {100.0 * withoutPrevious / expired:F1}%, a next entry {100.0 * withNext / expired:F1}%");
        }
    }

    private static Func<long, int> Sample(int buckets)
    {
        var table = new NatFlowTable(Nat.ProvisionedFlows, buckets);
        return Fill(table.Add, (in FlowKey k, uint h) => table.Find(in k, h, out _), table.ExpireSeenBefore);
    }

    private static Func<long, int> Copy(int buckets, bool branchless)
    {
        var table = new ProbeTable(Nat.ProvisionedFlows, buckets);
        return Fill(table.Add, table.Find, branchless ? table.ExpireBranchless : table.ExpireBranchy);
    }

    private delegate int AddFlow(in FlowKey key, uint hash, long now);

    private delegate int FindFlow(in FlowKey key, uint hash);

    // The table filled with the storm's first 20,000 flows; returns one call that, for packet i (a negative i: an
    // empty call), expires what timed out and, off the clock, opens the packet's flow; it returns the ticks of the expiry.
    private static Func<long, int> Fill(AddFlow add, FindFlow find, Func<long, int> expire)
    {
        var random = new SplitMix64(20261202);
        for (int i = 0; i < Flows; i++)
        {
            FlowKey key = FlowFactory.Random(ref random, 0x0A000000);
            add(in key, key.Hash(), now: i);
        }

        var keys = new FlowKey[Packets];
        for (int i = 0; i < keys.Length; i++)
        {
            keys[i] = FlowFactory.Random(ref random, 0x0A000000);
        }

        Func<long, int> noop = _ => 0;
        return packet =>
        {
            if (packet < 0)
            {
                long a = Start();
                noop(0);
                return (int)(End() - a);
            }

            long now = Flows + (8L * packet);
            long start = Start();
            expire(now - Flows);
            long ticks = End() - start;
            int i = (int)packet;
            uint hash = keys[i].Hash();
            if (find(in keys[i], hash) < 0)
            {
                add(in keys[i], hash, now);
            }

            return (int)ticks;
        };
    }

    // One storm: ns an expired flow (the first packet expires nothing; every later one 8).
    private static double Storm(Func<long, int> packet)
    {
        var calls = new List<double>(Packets);
        var empty = new List<double>(Packets);
        for (int i = 0; i < Packets; i++)
        {
            empty.Add(packet(-1));
            double ticks = packet(i);
            if (i > 0)
            {
                calls.Add(ticks);
            }
        }

        double tickNs = 1e9 / Stopwatch.Frequency;
        double emptyMedian = empty.Order().ElementAt(empty.Count / 2);
        double trimmed = calls.Order().Take(calls.Count * 9 / 10).Average();
        return (trimmed - emptyMedian) * tickNs / 8;
    }

    private static (long, long, long, long, long) CountStorm(int buckets)
    {
        var table = new ProbeTable(Nat.ProvisionedFlows, buckets);
        Func<long, int> packet = Fill(table.Add, table.Find, table.CountOutcomes);
        for (int i = 0; i < Packets; i++)
        {
            packet(i);
        }

        var o = table.Outcomes;
        // The first packet's call expires nothing: not a storm packet.
        return (o.Expired, o.WithoutPrevious, o.WithNext, o.Calls - 1, o.Misfits - 1);
    }
}
