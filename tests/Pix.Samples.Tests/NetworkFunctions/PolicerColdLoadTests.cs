using System.Collections.Generic;
using System.Linq;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>
/// The policer's cold-load PCVs (its bucket table, <c>PixHint.ColdLoads("bucketMisses", …)</c>), traced on small crafted
/// traffic and worked out by hand: one bucket line a policed packet, missed the first time, then cached until other
/// traffic evicts it (the twenty-fourth session's inferred cause of typical's unpriced cost, which random buckets pay and
/// a burst's single bucket does not).
/// </summary>
public class PolicerColdLoadTests
{
    // Small simulated caches (L1 64 lines in 8 sets, L2 256 lines in 32): the 1 MiB bucket table outgrows L2.
    private static readonly MachineCaches Small = new(4 << 10, 8, 16 << 10, 8, "test: 4 KiB L1, 16 KiB L2");

    private const int Misses = 0, FromL2 = 1, FromMemory = 2;

    [Fact]
    public void The_policer_scenario_traces_the_bucket_misses_its_interface_names()
    {
        Assert.Equal(new[] { "bucketMisses", "bucketMissesFromL2", "bucketMissesFromMemory" }, ScenarioCatalog.Create("policer", "typical", seed: 5).PcvNames);
    }

    [Fact]
    public void A_bucket_misses_once_then_stays_cached_until_other_buckets_evict_it_from_L1()
    {
        // Setup: nothing. Packets: subscriber 0 (cold), 0 again (cached), 20 buckets four to a line (5 lines; with their
        // frames' 20-40 lines, well under 64), 0 (still in L1), 80 more buckets (20 lines, none 0's) and their 80-160
        // frame lines, then 0: out of the 64-line L1, still in the 256-line L2 (at most about 6 of 8 ways of a set).
        var packets = new List<uint> { 0, 0 };
        packets.AddRange(Enumerable.Range(4, 20).Select(i => (uint)i));
        packets.Add(0);
        packets.AddRange(Enumerable.Range(1_600, 80).Select(i => (uint)i));
        packets.Add(0);

        PcvTrace trace = Trace(packets.ToArray());

        Assert.Equal((1, 0), Row(trace, 0));
        Assert.Equal((0, 0), Row(trace, 1));
        Assert.Equal((0, 0), Row(trace, 22));
        Assert.Equal((0, 1), Row(trace, packets.Count - 1));
    }

    [Fact]
    public void A_burst_on_one_bucket_misses_at_most_once()
    {
        PcvTrace trace = ScenarioCatalog.Create("policer", "burst", seed: 5).TracePcvs();

        Assert.InRange(trace.Column("bucketMisses").Sum() + trace.Column("bucketMissesFromL2").Sum(), 0, 1);
    }

    [Fact]
    public void Typical_traffic_over_a_thousand_buckets_traces_some_misses_on_small_caches()
    {
        Scenario typical = ScenarioCatalog.Create("policer", "typical", seed: 5);
        typical.Caches = Small;

        PcvTrace trace = typical.TracePcvs();

        // 250 lines of buckets, revisited about every 250 packets, in a 64-line L1: most revisits miss it.
        Assert.True(trace.Column("bucketMisses").Sum() + trace.Column("bucketMissesFromL2").Sum() > trace.PacketCount / 2, trace.Summarize());
        Assert.All(trace.Column("bucketMissesFromMemory"), m => Assert.Equal(0, m));
    }

    private static (int Misses, int FromL2) Row(PcvTrace trace, int packet) => (trace[packet, Misses], trace[packet, FromL2]);

    // 64-byte packets to subscriber buckets, 1 µs apart after an empty setup, traced on the small caches.
    private static PcvTrace Trace(uint[] buckets)
    {
        var builder = new WorkloadBuilder();
        builder.EndSetup();
        for (int i = 0; i < buckets.Length; i++)
        {
            builder.Add(new FlowKey(0x0B000001, PolicerScenario.Subscribers | buckets[i], 443, 50000, Wire.ProtocolTcp), time: i, length: 64, tcpFlags: Wire.TcpAck);
        }

        PolicerScenario scenario = PolicerScenario.Of(builder.Build("crafted", "test traffic"));
        scenario.Caches = Small;
        return scenario.TracePcvs();
    }
}
