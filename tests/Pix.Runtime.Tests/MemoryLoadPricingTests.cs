using System;
using Pix;

namespace Pix.Runtime.Tests;

/// <summary>
/// Loads served by memory (a <c>PixHint.ColdLoads</c> hint's <c>{name}FromMemory</c> PCV): the L3's reach read from the
/// curve (halfway, geometrically, between its L3 level and its largest point), the memory plateau at four times that
/// reach, each such load priced at the plateau less what the cold load already charged; 0, never NaN, where the profile
/// cannot say (no L2 size, no curve, a curve without a memory level, a structure that already pays memory).
/// </summary>
public sealed class MemoryLoadPricingTests
{
    // L2 512 KiB: the L3 level is the curve at 1 MiB, 16 ns; the largest point 144 ns; halfway sqrt(16 · 144) = 48 ns,
    // halfway between the 8 MiB (32 ns) and 16 MiB (64 ns) points: a reach of 8 · 2^0.5 MiB. Four times it, 45.25 MiB, is
    // halfway (in log2) between 32 MiB (100 ns) and 64 MiB (120 ns): a plateau of 110 ns.
    private static readonly MemoryLoadLatency[] Curve =
    {
        new(32 << 10, 1.6),
        new(256 << 10, 4.0),
        new(1 << 20, 16.0),
        new(4 << 20, 16.0),
        new(8 << 20, 32.0),
        new(16 << 20, 64.0),
        new(32 << 20, 100.0),
        new(64 << 20, 120.0),
        new(256 << 20, 144.0),
    };

    private static readonly HardwareProfile WithoutL2 = HardwareProfile.Reference.WithMemoryLoads(Curve);

    private static readonly HardwareProfile Profile = WithoutL2.WithMachine(WithoutL2.Machine with { L2CacheBytes = 512 << 10 });

    [Fact]
    public void The_L3_reach_is_where_the_curve_is_halfway_between_its_L3_level_and_its_largest_point()
    {
        Assert.Equal(8 * Math.Sqrt(2) * (1 << 20), Profile.EffectiveL3Bytes!.Value, 3);
        Assert.Equal(110.0, Profile.MemoryPlateauNs!.Value, 9);
    }

    [Fact]
    public void A_load_memory_served_costs_the_plateau_less_the_load_and_the_cold_load_already_counted()
    {
        // 2 MiB: the curve says 16 ns (the L3 level), so a load memory served there costs 110 − 16 more.
        Assert.Equal(110.0 - 16.0, Profile.MemoryLoadNs(2 << 20), 9);
        Assert.Equal(110.0, Profile.LatencyNs(OperationClass.Load) + Profile.ColdLoadNs(2 << 20) + Profile.MemoryLoadNs(2 << 20), 9);

        // A structure far beyond the reach already pays more than the plateau at its footprint: nothing more.
        Assert.Equal(0, Profile.MemoryLoadNs(256L << 20));
    }

    [Fact]
    public void Without_the_L2_size_a_curve_or_a_memory_level_the_price_is_0_and_never_NaN()
    {
        Assert.Null(WithoutL2.EffectiveL3Bytes);
        Assert.Equal(0, WithoutL2.MemoryLoadNs(2 << 20));
        HardwareProfile noCurve = HardwareProfile.Reference.WithMemoryLoads(Array.Empty<MemoryLoadLatency>()).WithMachine(Profile.Machine);
        Assert.Equal(0, noCurve.MemoryLoadNs(2 << 20));
        // A flat curve beyond L2 measured no memory level: no reach, no plateau.
        HardwareProfile flat = Profile.WithMemoryLoads(new MemoryLoadLatency[] { new(32 << 10, 1.6), new(1 << 20, 16), new(256 << 20, 16) });
        Assert.Null(flat.EffectiveL3Bytes);
        Assert.Equal(0, flat.MemoryLoadNs(2 << 20));

        Assert.Equal(Profile.MemoryLoadNs(1), Profile.MemoryLoadNs(double.NaN));
        Assert.False(double.IsNaN(Profile.MemoryLoadNs(-1)));
    }

    [Fact]
    public void A_blocks_memory_loads_add_count_times_their_price_and_a_block_without_them_prices_to_the_bit_as_before()
    {
        BlockCounts misses = BlockCounts.Of(load: 2, branch: 1).WithColdLoads(2 << 20, 3).WithL2Loads(1);
        BlockCounts served = misses.WithMemoryLoads(2 << 20, 2).WithMemoryLoads(1 << 20);

        Assert.Equal(Profile.Price(misses) + (2 * Profile.MemoryLoadNs(2 << 20)) + Profile.MemoryLoadNs(1 << 20), Profile.Price(served), 9);
        Assert.Equal(WithoutL2.Price(misses), WithoutL2.Price(served));
        Assert.Equal(
            Profile.PriceColdLoads(misses.ColdLoadFootprints, misses.ColdLoadCounts, 1),
            Profile.PriceColdLoads(misses.ColdLoadFootprints, misses.ColdLoadCounts, 1, ReadOnlySpan<double>.Empty, ReadOnlySpan<double>.Empty));
        Assert.Throws<ArgumentException>(() => Profile.PriceColdLoads(default, default, 0, new double[] { 1 }, default));
        Assert.Contains("2 loads served by memory in 2097152 bytes", served.ToString());
    }

    [Fact]
    public void The_other_builders_keep_the_memory_loads()
    {
        BlockCounts block = BlockCounts.Of(load: 1).WithMemoryLoads(1 << 21, 2).WithChain(load: 1).WithFoldedLoads(1).WithTakenBranches(1)
            .WithOpaque("X").WithColdLoads(1 << 20).WithL2Loads(1);
        Assert.Equal(new double[] { 1 << 21 }, block.MemoryLoadFootprints.ToArray());
        Assert.Equal(new double[] { 2 }, block.MemoryLoadCounts.ToArray());
    }
}
