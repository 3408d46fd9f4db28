using Pix.Calibration;
using Timing = Pix.Calibration.BranchMissPair.Timing;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>The branch-miss pair's difference is of each kernel's quietest batch (<see cref="BranchMissPair"/>).</summary>
public sealed class BranchMissPairTests
{
    [Fact]
    public void The_difference_is_of_the_quietest_batches_not_of_the_quietest_timings()
    {
        // The equal run slowed in every timing but for one batch (as at load 47); the random run quiet in pass 1.
        // Quietest timings (medians): 3.70 - 1.66 = 2.04; median of the passes' pairs: 2.435; quietest batches: 2.63.
        Timing[] equal = { new(new[] { 1.60, 1.66, 1.70 }), new(new[] { 1.03, 1.67, 1.70 }) };
        Timing[] random = { new(new[] { 3.66, 3.70, 3.72 }), new(new[] { 4.40, 4.50, 4.60 }) };

        Assert.Equal(2.63, BranchMissPair.QuietestDifference(equal, random)!.Value, 9);
    }

    [Fact]
    public void Without_a_timing_of_each_kernel_there_is_no_difference()
    {
        Assert.Null(BranchMissPair.QuietestDifference(new[] { new Timing(new[] { 1.0 }) }, new Timing[0]));
    }
}
