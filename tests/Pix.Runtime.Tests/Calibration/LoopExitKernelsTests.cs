using System.Linq;
using Pix.Calibration;
using Pix.Calibration.Kernels;
using Timing = Pix.Calibration.BranchMissPair.Timing;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>
/// The loop-exit pair (<see cref="LoopExitKernels"/>): both runs search the same items on average, so their difference is
/// the exit's miss alone, recovered from each run's quietest batch as the branch-miss pair's is.
/// </summary>
public sealed class LoopExitKernelsTests
{
    [Fact]
    public void The_fixed_run_stops_at_its_item_every_search()
    {
        var kernels = new LoopExitKernels(seed: 23023);

        Assert.Equal(32L * LoopExitKernels.FixedPosition, kernels.Predicted(32));
    }

    [Fact]
    public void The_random_run_stops_at_each_of_its_items_and_on_average_where_the_fixed_run_does()
    {
        var kernels = new LoopExitKernels(seed: 23023);
        int[] positions = kernels.RandomPositions.ToArray();

        int first = LoopExitKernels.FixedPosition - (LoopExitKernels.ExitPositions / 2);
        Assert.Equal(Enumerable.Range(first, LoopExitKernels.ExitPositions), positions.Distinct().OrderBy(p => p));
        // 65,536 draws of 9 equally likely items: the mean's standard error is 0.01 item.
        Assert.Equal(LoopExitKernels.FixedPosition, positions.Average(), 0.05);

        // The searches return the positions they stopped at: a whole stream's sum is the positions' sum.
        Assert.Equal(positions.Sum(p => (long)p), kernels.Mispredicted(LoopExitKernels.StreamLength));
    }

    [Fact]
    public void A_known_exit_cost_is_recovered_from_noisy_timings_of_the_pair()
    {
        // Per search: 61 items at 0.28 ns (17.08 ns) when the exit is learnt, 7.7 ns more when it is not; every timing's
        // batches slowed by interference but one quiet batch in some timing of each run.
        const double searchNs = 17.08;
        const double exitNs = 7.7;
        Timing[] learnt = { new(new[] { searchNs + 2.1, searchNs + 0.9, searchNs + 3.0 }), new(new[] { searchNs + 1.2, searchNs, searchNs + 0.4 }) };
        Timing[] moving = { new(new[] { searchNs + exitNs, searchNs + exitNs + 1.5 }), new(new[] { searchNs + exitNs + 4.0, searchNs + exitNs + 0.2 }) };

        double difference = BranchMissPair.QuietestDifference(learnt, moving)!.Value;

        Assert.Equal(exitNs, LoopExitKernels.MissNs(difference), 9);
    }

    [Fact]
    public void Noise_that_makes_the_random_run_faster_prices_no_exit_not_a_negative_one()
    {
        Assert.Equal(0, LoopExitKernels.MissNs(-0.4));
    }

    [Theory]
    [InlineData(-0.4)]
    [InlineData(0.0)]
    public void A_pair_that_measured_no_miss_prices_the_exit_at_the_branch_miss_not_at_zero(double difference)
    {
        (double ns, bool measured) = LoopExitKernels.MissNsOrBranchMiss(difference, branchMissNs: 5.6);

        Assert.Equal(5.6, ns);
        Assert.False(measured);
    }

    [Fact]
    public void A_pair_that_measured_a_miss_keeps_its_own_figure()
    {
        (double ns, bool measured) = LoopExitKernels.MissNsOrBranchMiss(9.1 * LoopExitKernels.MissesPerIteration, branchMissNs: 5.6);

        Assert.Equal(9.1, ns, 9);
        Assert.True(measured);
    }
}
