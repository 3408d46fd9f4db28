using System;
using Pix;

namespace Pix.Runtime.Tests;

/// <summary><see cref="BlockCounts.WithColdLoads"/> and <see cref="HardwareProfile.ColdLoadNs"/>: a miss priced by the memory-level curve.</summary>
public sealed class ColdLoadPricingTests
{
    private static readonly HardwareProfile Curve = HardwareProfile.Reference.WithMemoryLoads(new MemoryLoadLatency[]
    {
        new(32 << 10, 1.7),
        new(256 << 10, 5.4),
        new(2 << 20, 16.8),
    });

    private static readonly HardwareProfile NoCurve = HardwareProfile.Reference.WithMemoryLoads(Array.Empty<MemoryLoadLatency>());

    [Fact]
    public void A_miss_costs_the_curve_at_the_footprint_minus_a_loads_latency()
    {
        Assert.Equal(16.8 - Curve.LatencyNs(OperationClass.Load), Curve.ColdLoadNs(2 << 20), 12);
        Assert.Equal(Curve.LoadNs(160 << 10) - Curve.LatencyNs(OperationClass.Load), Curve.ColdLoadNs(160 << 10), 12);
    }

    [Fact]
    public void A_miss_is_never_cheaper_than_a_hit_and_free_without_a_curve()
    {
        HardwareProfile fastCurve = HardwareProfile.Reference.WithMemoryLoads(new[] { new MemoryLoadLatency(1 << 20, 0.01) });
        Assert.Equal(0, fastCurve.ColdLoadNs(4096));
        Assert.Equal(0, NoCurve.ColdLoadNs(1 << 30));
    }

    [Fact]
    public void A_blocks_cold_loads_add_count_times_the_miss_to_its_price()
    {
        BlockCounts walk = BlockCounts.Of(integerAlu: 2, load: 3, branch: 1).WithChain(load: 1);
        BlockCounts missing = walk.WithColdLoads(160 << 10, 7).WithColdLoads(2 << 20);

        Assert.Equal(Curve.Price(walk) + (7 * Curve.ColdLoadNs(160 << 10)) + Curve.ColdLoadNs(2 << 20), Curve.Price(missing), 12);
        Assert.Equal(NoCurve.Price(walk), NoCurve.Price(missing));
        Assert.Equal(new double[] { 160 << 10, 2 << 20 }, missing.ColdLoadFootprints.ToArray());
        Assert.Equal(new double[] { 7, 1 }, missing.ColdLoadCounts.ToArray());
        Assert.Contains("7 cold loads in 163840 bytes", missing.ToString());
    }

    [Fact]
    public void The_other_builders_keep_the_cold_loads()
    {
        BlockCounts block = BlockCounts.Of(load: 1).WithColdLoads(1 << 20, 2).WithChain(load: 1).WithFoldedLoads(1).WithTakenBranches(1).WithOpaque("X");
        Assert.Equal(new double[] { 2 }, block.ColdLoadCounts.ToArray());
    }

    [Fact]
    public void Mismatched_spans_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Curve.PriceColdLoads(new double[] { 1, 2 }, new double[] { 1 }));
    }
}
