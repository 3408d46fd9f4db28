using Pix.Calibration;
using Timing = Pix.Calibration.BranchMissPair.Timing;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>The branch-miss pair's difference comes from timings made side by side (<see cref="BranchMissPair"/>).</summary>
public sealed class BranchMissPairTests
{
    [Fact]
    public void The_difference_is_of_timings_in_one_pass_not_of_each_kernels_quietest()
    {
        // Pass 1: the equal run on a core of its own, the random run shared; passes 2 and 3 shared for both.
        // Each kernel's quietest (1.03 and 4.60) would give 3.57; the smallest pair (pass 1) 3.68.
        Timing[] equal = { new(1, 1.03), new(2, 2.00), new(3, 1.90) };
        Timing[] random = { new(1, 4.71), new(2, 4.71), new(3, 4.60) };

        Assert.Equal(2.71, BranchMissPair.MedianDifference(equal, random)!.Value, 9);
    }

    [Fact]
    public void Timings_of_one_pass_pair_in_the_order_they_were_made()
    {
        // A kernel timed three times in a pass (its timings disagreed): the k-th of each make a pair, so the pass's
        // differences are 2.7, 2.9, 2.9; each kernel's quietest within the pass would give 2.7.
        Timing[] equal = { new(1, 1.0), new(1, 2.0), new(1, 2.1) };
        Timing[] random = { new(1, 3.7), new(1, 4.9), new(1, 5.0) };

        Assert.Equal(2.9, BranchMissPair.MedianDifference(equal, random)!.Value, 9);
    }

    [Fact]
    public void A_timing_without_a_partner_in_its_pass_is_left_out()
    {
        Timing[] equal = { new(1, 1.0), new(2, 1.0), new(2, 9.0) };
        Timing[] random = { new(1, 3.6), new(2, 3.8), new(3, 2.0) };

        Assert.Equal(2.7, BranchMissPair.MedianDifference(equal, random)!.Value, 9);
        Assert.Null(BranchMissPair.MedianDifference(new[] { new Timing(1, 1.0) }, new[] { new Timing(2, 3.0) }));
    }
}
