using System;
using System.Linq;
using Pix.Samples.NetworkFunctions.Driver;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>
/// The driver's <c>levels</c> command: which level served a traced load, told apart by simulating the caches three
/// ways, and the packets grouped by it. Worked by hand on 4 KiB / 16 KiB caches (4-way: 16 and 64 sets; the
/// workloads' simulation keeps the whole L2, half of it 32 sets).
/// </summary>
public sealed class LevelBreakdownTests
{
    private static readonly MachineCaches Small = new(4 << 10, 4, 16 << 10, 4, "test");

    // Loads `lines` lines three apart (no two adjacent: the stride prefetcher stays out), then the first again:
    // whether that reload counts, in a structure larger than every level.
    private static bool ReloadIsCold(MachineCaches caches, int lines)
    {
        CacheSimulation simulation = caches.NewSimulation();
        for (int i = 0; i < lines; i++)
        {
            simulation.LoadEntry(3 * i, CacheLevel.LineBytes, 1 << 20, site: 0);
        }

        return simulation.LoadEntry(0, CacheLevel.LineBytes, 1 << 20, site: 1).Misses == 1;
    }

    [Fact]
    public void A_reload_after_96_lines_is_an_L1_miss_served_by_the_simulated_half_of_L2()
    {
        // 96 lines: 6 a set in L1's 16 (evicted), 3 in the half-L2's 32 and 1.5 in the whole L2's 64 (kept).
        Assert.True(ReloadIsCold(Small.ServingL1Only(), 96));
        Assert.False(ReloadIsCold(Small.ServingHalfL2(), 96));
        Assert.False(ReloadIsCold(Small, 96));
    }

    [Fact]
    public void A_reload_after_192_lines_misses_the_simulated_half_of_L2_but_not_the_whole_L2()
    {
        // 192 lines: 6 a set in the half-L2's 32 sets (evicted), 3 in the whole L2's 64 (kept).
        Assert.True(ReloadIsCold(Small.ServingL1Only(), 192));
        Assert.True(ReloadIsCold(Small.ServingHalfL2(), 192));
        Assert.False(ReloadIsCold(Small, 192));
    }

    [Fact]
    public void Packets_are_grouped_by_their_four_counts_with_their_medians_and_small_groups_left_out()
    {
        // 100 packets: 60 with one L2 hit, 20 whose load memory served, 19 with none, 1 (under 2%) with an L3 hit.
        int[] l1 = Enumerable.Range(0, 100).Select(i => i <= 80 ? 1 : 0).ToArray();
        int[] half = Enumerable.Range(0, 100).Select(i => i == 0 || i > 60 && i <= 80 ? 1 : 0).ToArray();
        int[] whole = half.ToArray();
        int[] memory = Enumerable.Range(0, 100).Select(i => i > 60 && i <= 80 ? 1 : 0).ToArray();
        double[] measured = Enumerable.Range(0, 100).Select(i => i <= 60 ? 50.0 + (i % 3) : i <= 80 ? 150.0 : 40.0).ToArray();
        double[] predicted = Enumerable.Range(0, 100).Select(i => i == 0 ? 80.0 : i > 60 && i <= 80 ? 140.0 : 45.0).ToArray();

        var groups = LevelBreakdown.Group(l1, half, whole, memory, measured, predicted);

        Assert.Equal(new[] { (0, 0, 0, 0, 0.19, 40.0, 45.0), (1, 0, 0, 0, 0.60, 51.0, 45.0), (1, 1, 1, 1, 0.20, 150.0, 140.0) },
            groups.Select(g => (g.BeyondL1, g.BeyondHalfL2, g.BeyondL2, g.BeyondL3, Math.Round(g.Share, 2), g.MeasuredNs, g.PredictedNs)));
        Assert.Throws<ArgumentException>(() => LevelBreakdown.Group(l1, half, whole, memory, measured, predicted.Take(99).ToArray()));
        Assert.Throws<ArgumentException>(() => LevelBreakdown.Group(l1, half, whole, memory.Take(99).ToArray(), measured, predicted));
    }
}
