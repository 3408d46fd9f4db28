using System;
using System.Linq;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Translation;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>
/// The NAT's expiry unlinks each expired flow from its bucket with a branch the table's contents decide (does a newer
/// flow share the bucket?). On the expiry storm's table the flows of one packet mix both ways, and the predictor misses:
/// the same loop with the branch made arithmetic costs 1.1–2.3 ns a flow less (bench/Pix.ExpiryStorm --branches,
/// docs/network-functions.md, twenty-sixth session). The branch's arm is a PCV (<c>expiredBucketHeads</c>), traced by
/// the scenario, and the interface prices min(heads, expired − heads) mispredictions a packet.
/// </summary>
public class NatExpiryMispredictionTests
{
    [Fact]
    public void The_storm_traces_which_expired_flows_headed_their_bucket_and_they_mix_within_a_packet()
    {
        PcvTrace storm = ScenarioCatalog.Create("nat", "expiry-storm").TracePcvs();
        int[] heads = storm.Column("expiredBucketHeads");
        int[] expired = storm.Column("expiredFlows");
        Assert.All(Enumerable.Range(0, heads.Length), i => Assert.InRange(heads[i], 0, expired[i]));

        // The table empties from 20,000 flows to ~2,500 over the storm: an expired flow finds no newer flow in its
        // bucket 9% of the time at the start and 74% at the end (e^(−flows/8,192)).
        double share = (double)heads.Sum() / expired.Sum();
        Assert.InRange(share, 0.15, 0.5);
        double rarer = Enumerable.Range(0, heads.Length).Average(i => Math.Min(heads[i], expired[i] - heads[i]));
        Assert.True(rarer > 1.5, $"{rarer} expired flows a packet on the rarer side of the branch");
    }

    // The trace replays the unlinking on the links alone, so the NAT's own expiry is measured as written: one bucket,
    // chain C → B → A (newest first), A touched last, so the age list is B, C, A. Expiring all three: B has C before it
    // (not a head; C's next becomes A); C then heads the chain; A, whose previous is now none, too.
    [Fact]
    public void The_traced_bucket_heads_follow_the_unlinks_of_one_expiry_call()
    {
        var table = new NatFlowTable(capacity: 8, bucketCount: 1);
        int a = table.Add(new FlowKey(1, 2, 3, 4, 17), hash: 0, now: 0);
        table.Add(new FlowKey(5, 6, 7, 8, 17), hash: 0, now: 1);
        table.Add(new FlowKey(9, 10, 11, 12, 17), hash: 0, now: 2);
        table.Touch(a, now: 3);
        Assert.Equal(0, table.BucketHeadsExpiringBefore(0));
        Assert.Equal(0, table.BucketHeadsExpiringBefore(2));   // B alone
        Assert.Equal(1, table.BucketHeadsExpiringBefore(3));   // B, then C
        Assert.Equal(2, table.BucketHeadsExpiringBefore(4));   // B, C, then A
        Assert.Equal(3, table.Count);                          // nothing removed
        Assert.Equal(3, table.ExpireSeenBefore(4));
    }

    [Fact]
    public void The_storms_interface_prices_a_miss_for_each_expired_flow_on_the_rarer_side()
    {
        var scenario = ScenarioCatalog.Create("nat", "expiry-storm");
        PcvTrace traced = scenario.TracePcvs();
        int heads = traced.Names.ToList().IndexOf("expiredBucketHeads");
        int expired = traced.Names.ToList().IndexOf("expiredFlows");
        var values = new int[traced.PacketCount, traced.Names.Count];
        for (int i = 0; i < traced.PacketCount; i++)
        {
            for (int p = 0; p < traced.Names.Count; p++)
            {
                values[i, p] = traced[i, p];
            }

            values[i, heads] = 0; // every expired flow on the other arm: the branch goes one way, learnt
        }

        double[] asTraced = scenario.PredictAll(HardwareProfile.Reference, traced)!;
        double[] oneWay = scenario.PredictAll(HardwareProfile.Reference, new PcvTrace(traced.Names, values))!;
        double miss = HardwareProfile.Reference.Price(BlockCounts.Of(branchMiss: 1));
        for (int i = 0; i < asTraced.Length; i++)
        {
            int rarer = Math.Min(traced[i, heads], traced[i, expired] - traced[i, heads]);
            // The misses, and the arms' own difference (the hinted arm writes the bucket head, the other its neighbour).
            Assert.InRange(asTraced[i] - oneWay[i], (rarer * miss) - 1e-6, (rarer * miss) + (traced[i, heads] * 1.0));
        }
    }

    [Fact]
    public void Typical_traffic_expires_too_few_flows_for_the_misses_to_move_its_prediction()
    {
        PcvTrace typical = ScenarioCatalog.Create("nat", "typical").TracePcvs();
        int[] heads = typical.Column("expiredBucketHeads");
        int[] expired = typical.Column("expiredFlows");
        double rarer = Enumerable.Range(0, heads.Length).Average(i => Math.Min(heads[i], expired[i] - heads[i]));
        Assert.True(rarer < 0.1, $"{rarer} expired flows a typical packet on the rarer side");
    }
}
