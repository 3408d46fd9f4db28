using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Calibration;
using Pix.Calibration.Kernels;
using Timing = Pix.Calibration.BranchMissPair.Timing;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>
/// A placement-sensitive kernel timed in several copies of its code (<see cref="PlacementCopies"/>): its figure is the
/// mean over the copies of each copy's own figure, the expected cost of code the JIT places at random, and a pair's
/// difference is taken copy by copy (each copy's two runs share their code) before the mean.
/// </summary>
public sealed class PlacementFigureTests
{
    /// <summary>One copy's timings, each a timing's batch median and quietest batch (ns an append).</summary>
    private static TimingFigures[] Copy(params (double Median, double Quietest)[] timings) =>
        timings.Select(t => new TimingFigures(t.Median, t.Quietest)).ToArray();

    [Fact]
    public void A_kernels_figure_over_placements_is_the_mean_of_each_copys_figure_not_the_fastest_copy()
    {
        // Four copies of the append loop in one process, as append24 saw them: three placed fast (1.40-1.43 ns), one slow
        // (1.95), every copy slowed in some timings by interference.
        TimingFigures[][] copies =
        {
            Copy((2.5, 1.45), (1.6, 1.42)),
            Copy((2.4, 1.97), (2.1, 1.95)),
            Copy((1.41, 1.40), (3.0, 1.44)),
            Copy((1.6, 1.43), (1.5, 1.46)),
        };

        double figure = PlacementFigure.Of(copies, KernelFigure.QuietestBatch);

        Assert.Equal((1.42 + 1.95 + 1.40 + 1.43) / 4, figure, 12);
        // Neither the quietest batch of all copies together (the fast placement only) nor the median copy (1.425).
        Assert.NotEqual(copies.SelectMany(c => c).Min(t => t.QuietestBatchNs), figure);
    }

    [Fact]
    public void Each_copy_keeps_its_kernels_own_rule()
    {
        TimingFigures[][] copies = { Copy((2.0, 1.0), (3.0, 1.5)), Copy((4.0, 2.0), (5.0, 0.5)) };

        Assert.Equal((2.0 + 4.0) / 2, PlacementFigure.Of(copies, KernelFigure.QuietestTiming), 12);
        Assert.Equal((1.0 + 0.5) / 2, PlacementFigure.Of(copies, KernelFigure.QuietestBatch), 12);
        Assert.Equal((2.5 + 4.5) / 2, PlacementFigure.Of(copies, KernelFigure.MedianTiming), 12);
    }

    [Fact]
    public void One_copy_is_the_kernels_figure_as_before()
    {
        TimingFigures[] timings = Copy((2.0, 1.2), (1.8, 1.3));

        Assert.Equal(KernelStatistic.Figure(timings, KernelFigure.QuietestBatch), PlacementFigure.Of(new[] { timings }, KernelFigure.QuietestBatch));
    }

    [Fact]
    public void No_copy_is_an_error_not_a_zero_cost()
    {
        Assert.Throws<ArgumentException>(() => PlacementFigure.Of(Array.Empty<TimingFigures[]>(), KernelFigure.QuietestBatch));
    }

    [Fact]
    public void A_pairs_difference_is_taken_in_each_copy_then_averaged()
    {
        // The loop-exit pair in two copies: copy 0 placed so its learnt search runs 19.5 ns, copy 1 so it runs 29.3 (the
        // twenty-fourth close's two speeds); the random search costs the same 7.7 ns more in both.
        const double exitNs = 7.7;
        var copies = new List<(IReadOnlyList<Timing> Learnt, IReadOnlyList<Timing> Varied)>
        {
            (new[] { new Timing(new[] { 20.1, 19.5 }) }, new[] { new Timing(new[] { 19.5 + exitNs, 19.5 + exitNs + 2 }) }),
            (new[] { new Timing(new[] { 29.3, 30.0 }) }, new[] { new Timing(new[] { 29.3 + exitNs + 1, 29.3 + exitNs }) }),
        };

        Assert.Equal(exitNs, PlacementFigure.PairDifference(copies)!.Value, 9);
    }

    [Fact]
    public void A_pair_without_timings_in_every_copy_gives_no_difference()
    {
        var copies = new List<(IReadOnlyList<Timing> Learnt, IReadOnlyList<Timing> Varied)>
        {
            (new[] { new Timing(new[] { 20.0 }) }, new[] { new Timing(new[] { 28.0 }) }),
            (Array.Empty<Timing>(), new[] { new Timing(new[] { 28.0 }) }),
        };

        Assert.Null(PlacementFigure.PairDifference(copies));
    }

    [Fact]
    public void The_copies_are_one_method_instantiated_over_distinct_value_types_so_each_is_compiled_and_placed_apart()
    {
        // The runtime shares the code of instantiations over reference types, never over value types: each copy below is
        // its own native method (docs/accuracy.md, `copies25`, shows each copy's own start in the JIT's summary).
        var appends = new LibraryCopyCallKernel();
        var exits = new LoopExitKernels(seed: 1);
        IReadOnlyList<Func<int, long>>[] kernels = { appends.Copies, exits.PredictedCopies, exits.MispredictedCopies };

        foreach (IReadOnlyList<Func<int, long>> copies in kernels)
        {
            Assert.Equal(PlacementCopies.Count, copies.Count);
            Type[] markers = copies.Select(c => Assert.Single(c.Method.GetGenericArguments())).ToArray();
            Assert.All(markers, m => Assert.True(m.IsValueType));
            Assert.Equal(markers.Length, markers.Distinct().Count());
            Assert.Single(copies.Select(c => c.Method.GetGenericMethodDefinition()).Distinct());
        }
    }

    [Fact]
    public void Every_copy_does_the_kernels_work()
    {
        var appends = new LibraryCopyCallKernel();
        var exits = new LoopExitKernels(seed: 23023);

        Assert.All(appends.Copies, run => Assert.Equal(16L * LibraryCopyCallKernel.WordCharacters, run(16)));
        Assert.All(exits.PredictedCopies, run => Assert.Equal(32L * LoopExitKernels.FixedPosition, run(32)));
    }
}
