using System;
using System.Collections.Generic;
using System.Linq;
using Pix;
using Pix.Calibration;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>Which of a kernel's timings, or batches, gives its figure (<see cref="KernelStatistic"/>).</summary>
public sealed class KernelStatisticTests
{
    // The 2 KB allocation kernel's five timings in one calibration at load ~25 (ns an iteration, the branch point's
    // run 2 of the allocstate section): the memory system's moment moved under it 1.8x. Quietest batches: 5% under each.
    private static readonly TimingFigures[] AllocationTimings = new double[] { 567, 502, 774, 740, 921 }.Select(m => new TimingFigures(m, m * 0.95)).ToArray();

    [Fact]
    public void The_allocation_kernels_and_only_they_take_the_median()
    {
        string[] median = CalibrationKernels.All.Where(KernelStatistic.TakesMedian).Select(k => k.Name).ToArray();

        Assert.Equal(new[] { "alloc 16 B x4", "alloc 256 B x4", "alloc 2 KB x4" }, median);
        Assert.All(CalibrationKernels.All.Where(KernelStatistic.TakesMedian), k => Assert.Equal(KernelFigure.MedianTiming, KernelStatistic.For(k, fixedWork: false)));
    }

    [Fact]
    public void Every_other_fitted_kernel_and_the_issue_and_load_port_kernels_take_the_quietest_batch()
    {
        Assert.All(CalibrationKernels.All.Where(k => !KernelStatistic.TakesMedian(k)), k => Assert.Equal(KernelFigure.QuietestBatch, KernelStatistic.For(k, fixedWork: false)));
        Assert.Equal(KernelFigure.QuietestBatch, KernelStatistic.For(null, fixedWork: true));
    }

    [Fact]
    public void A_bulk_or_memory_level_probe_keeps_the_quietest_timing()
    {
        // The copy, compare, hash and chase probes have no CalibrationKernel and time work beyond a fixed L1 body.
        Assert.Equal(KernelFigure.QuietestTiming, KernelStatistic.For(null, fixedWork: false));
    }

    [Fact]
    public void An_allocation_kernels_figure_is_the_median_of_its_timings()
    {
        Assert.Equal(740, KernelStatistic.Figure(AllocationTimings, KernelFigure.MedianTiming), 9);
    }

    // The 2 KB allocation kernel (ns an iteration) in the shape of the twenty-third closing's first calibration: two
    // timings on a core of its own (issue rate 4.7), three while the sibling hardware thread was busy (3.5-3.6), 1.4-1.6x
    // slower, as calib24's alloc-batch-probe ran beside a busy loop on the other vCPU.
    private static readonly TimingFigures[] PartlySharedTimings =
    {
        new(320, 300, 4.70), new(470, 440, 3.5), new(330, 305, 4.69), new(500, 460, 3.5), new(480, 450, 3.6),
    };

    [Fact]
    public void An_allocation_kernels_figure_is_the_median_of_its_timings_on_a_core_of_their_own()
    {
        Assert.Equal(325, KernelStatistic.Figure(PartlySharedTimings, KernelFigure.MedianTiming, quietRate: 4.7), 9);
    }

    [Fact]
    public void Two_calibrations_one_partly_on_a_shared_core_price_allocation_alike()
    {
        TimingFigures[] allQuiet = { new(318, 300, 4.7), new(326, 304, 4.7), new(322, 301, 4.7), new(335, 310, 4.69) };

        double first = KernelStatistic.Figure(PartlySharedTimings, KernelFigure.MedianTiming, quietRate: 4.7);
        double second = KernelStatistic.Figure(allQuiet, KernelFigure.MedianTiming, quietRate: 4.7);

        Assert.InRange(Math.Abs(first - second) / Math.Min(first, second), 0, 0.05);
    }

    [Fact]
    public void Timings_are_judged_against_the_quiet_rate_they_are_given_not_the_one_known_when_they_ran()
    {
        // At 4.2 a timing is shared against the final 4.7 (under 90% of it), whatever the process had seen before it.
        TimingFigures[] timings = { new(320, 300, 4.7), new(480, 450, 4.2), new(490, 455, 4.2) };

        Assert.Equal(320, KernelStatistic.Figure(timings, KernelFigure.MedianTiming, quietRate: 4.7), 9);
        Assert.Equal(480, KernelStatistic.Figure(timings, KernelFigure.MedianTiming, quietRate: 4.2), 9);
    }

    [Fact]
    public void With_no_timing_on_a_core_of_its_own_every_timing_counts()
    {
        Assert.Equal(480, KernelStatistic.Figure(PartlySharedTimings.Where(t => t.IssueRate < 4).ToArray(), KernelFigure.MedianTiming, quietRate: 4.7), 9);
    }

    [Fact]
    public void A_timing_whose_core_was_not_probed_counts_as_a_core_of_its_own()
    {
        // The figures without a rate (0): the median of them all, as before the rates were probed.
        Assert.Equal(740, KernelStatistic.Figure(AllocationTimings, KernelFigure.MedianTiming, quietRate: 4.7), 9);
    }

    [Fact]
    public void An_even_number_of_timings_gives_the_middle_two_means_median()
    {
        Assert.Equal(657, KernelStatistic.Figure(AllocationTimings.Take(4).Select((t, i) => i == 3 ? new TimingFigures(747, 700) : t).ToArray(), KernelFigure.MedianTiming), 9);
    }

    [Fact]
    public void The_quietest_timing_is_the_lowest_median_and_the_quietest_batch_the_lowest_batch()
    {
        Assert.Equal(502, KernelStatistic.Figure(AllocationTimings, KernelFigure.QuietestTiming), 9);
        Assert.Equal(502 * 0.95, KernelStatistic.Figure(AllocationTimings, KernelFigure.QuietestBatch), 9);
    }

    /// <summary>
    /// Two calibrations of one machine whose stream kernels ran at two speeds, as the nineteenth session's did (a busy
    /// hyperthread sibling doubles the <c>loop</c> kernel's 0.335 ns): each kernel's timings have most batches at the slow
    /// speed and, in some timings, a batch at the fast one, in another timing of each calibration. Both calibrations must fit
    /// the machine's own costs, and the same ones.
    /// </summary>
    [Fact]
    public void Two_calibrations_whose_kernels_switched_speed_in_different_timings_fit_the_same_costs()
    {
        HardwareProfile truth = HardwareProfile.Reference;
        var fitted = new[] { 0, 1 }.Select(calibration =>
        {
            var random = new Random(calibration);
            List<KernelObservation> kernels = CalibrationKernels.All.Where(k => !KernelStatistic.TakesMedian(k)).Select(k =>
            {
                double quiet = CostFitTests.Price(k, truth);
                // Three timings; each batch slowed 1.3-2x but the one batch at the quiet speed, in a timing that differs by
                // kernel and calibration. Every timing's median is slowed: the quietest timing cannot find the quiet speed.
                int quietTiming = random.Next(3);
                TimingFigures[] timings = Enumerable.Range(0, 3).Select(t =>
                {
                    double median = quiet * (1.3 + (random.NextDouble() * 0.7));
                    return new TimingFigures(median, t == quietTiming ? quiet : median * 0.98);
                }).ToArray();
                return new KernelObservation(k.Name, k.Bound, k.CountsPerIteration, KernelStatistic.Figure(timings, KernelStatistic.For(k, fixedWork: false)));
            }).ToList();
            return (Latency: CostFit.Fit(kernels, KernelBound.Latency).Costs, Throughput: CostFit.Fit(kernels, KernelBound.Throughput).Costs);
        }).ToArray();

        foreach ((OperationClass c, double cost) in fitted[0].Latency)
        {
            Assert.Equal(truth.LatencyNs(c), cost, 9);
            Assert.Equal(cost, fitted[1].Latency[c], 9);
        }

        foreach ((OperationClass c, double cost) in fitted[0].Throughput)
        {
            Assert.Equal(truth.ThroughputNs(c), cost, 9);
            Assert.Equal(cost, fitted[1].Throughput[c], 9);
        }
    }
}
