using System.Linq;
using Pix.Calibration;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>Which of a kernel's timings gives its figure (<see cref="KernelStatistic"/>).</summary>
public sealed class KernelStatisticTests
{
    // The 2 KB allocation kernel's five timings in one calibration at load ~25 (ns an iteration, the branch point's
    // run 2 of the allocstate section): the memory system's moment moved under it 1.8x.
    private static readonly double[] AllocationTimings = { 567, 502, 774, 740, 921 };

    [Fact]
    public void The_allocation_kernels_and_only_they_take_the_median()
    {
        string[] median = CalibrationKernels.All.Where(KernelStatistic.TakesMedian).Select(k => k.Name).ToArray();

        Assert.Equal(new[] { "alloc 16 B x4", "alloc 256 B x4", "alloc 2 KB x4" }, median);
    }

    [Fact]
    public void A_kernel_without_a_catalogue_entry_keeps_the_quietest()
    {
        // The bulk (copy, compare, hash), chase, branch, issue and load-port probes have no CalibrationKernel.
        Assert.False(KernelStatistic.TakesMedian(null));
    }

    [Fact]
    public void An_allocation_kernels_figure_is_the_median_of_its_timings()
    {
        Assert.Equal(740, KernelStatistic.Figure(AllocationTimings, median: true), 9);
    }

    [Fact]
    public void An_even_number_of_timings_gives_the_middle_two_means_median()
    {
        Assert.Equal(657, KernelStatistic.Figure(new double[] { 567, 502, 774, 747 }, median: true), 9);
    }

    [Fact]
    public void Every_other_kernels_figure_is_its_quietest_timing()
    {
        Assert.Equal(502, KernelStatistic.Figure(AllocationTimings, median: false), 9);
    }
}
