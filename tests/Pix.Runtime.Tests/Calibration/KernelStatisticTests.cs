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
