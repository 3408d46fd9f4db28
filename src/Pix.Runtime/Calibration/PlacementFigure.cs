using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Calibration;

/// <summary>
/// The figure of a kernel timed in several copies of its code (<see cref="Kernels.PlacementCopies"/>): each copy's own
/// figure under the kernel's rule (<see cref="KernelStatistic"/>), then the mean over the copies.
/// </summary>
/// <remarks>
/// The mean, not the fastest copy nor the median: the copies differ in where their code sits, not in how much
/// interference they met (each copy's own rule, the quietest batch for these kernels, already removes that), and a
/// user's loop lands at a placement drawn as the copies' were, so the cost it is expected to pay is the mean over
/// placements. The fastest copy would price every user's loop at the lucky placement, and the median of four copies
/// would ignore a slow one drawn once in four, the very case (about one process in six for the append kernel) that made
/// calibrations disagree.
/// </remarks>
internal static class PlacementFigure
{
    /// <summary>The mean over <paramref name="copies"/> (each copy's timings) of each copy's figure under <paramref name="rule"/>.</summary>
    public static double Of(IReadOnlyList<IReadOnlyCollection<TimingFigures>> copies, KernelFigure rule)
    {
        if (copies.Count == 0)
        {
            throw new ArgumentException("A kernel timed over placements has at least one copy.", nameof(copies));
        }

        return copies.Average(timings => KernelStatistic.Figure(timings, rule));
    }

    /// <summary>
    /// A pair's difference over placements: in each copy, the varied run's quietest batch less the learnt run's
    /// (<see cref="BranchMissPair.QuietestDifference"/>: both runs of a copy call the same copy of the code), then the mean
    /// over the copies; null when some copy lacks a timing of either run.
    /// </summary>
    public static double? PairDifference(IReadOnlyList<(IReadOnlyList<BranchMissPair.Timing> Learnt, IReadOnlyList<BranchMissPair.Timing> Varied)> copies)
    {
        if (copies.Count == 0)
        {
            return null;
        }

        double sum = 0;
        foreach ((IReadOnlyList<BranchMissPair.Timing> learnt, IReadOnlyList<BranchMissPair.Timing> varied) in copies)
        {
            if (BranchMissPair.QuietestDifference(learnt, varied) is not { } difference)
            {
                return null;
            }

            sum += difference;
        }

        return sum / copies.Count;
    }
}
