using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Calibration;

/// <summary>A search's cost at one trip count of the ladder: ns a call, the search running <see cref="Trips"/> iterations.</summary>
public sealed record TripTiming(int Trips, double Ns);

/// <summary>Where the cost a call steps up: learnt at <see cref="LastLearnt"/> iterations, not at <see cref="FirstMissed"/>, by <see cref="StepNs"/> a call, on a line of <see cref="SlopeNs"/> an iteration.</summary>
public sealed record TripStep(int LastLearnt, int FirstMissed, double StepNs, double SlopeNs);

/// <summary>
/// The largest trip count the branch predictor learns (<see cref="HardwareProfile.LearntTripCount"/>) from a search's
/// ns a call at the trip counts of a ladder (<see cref="Kernels.LearntTripCountKernel"/>). Below the learnt count a call
/// costs a line in the trips (the items' slope); past it, one more loop-exit miss on the same line (and, on the Zen 5
/// guest, more steps further on). The fit finds the first split of the ladder where the residuals off the line step
/// up (<see cref="Step"/>). Medians, not means: a batch the neighbour slowed moves one point, and one point moves no median of
/// more. A split needs two points on either side (<see cref="MinimumSide"/>), and a step smaller than
/// <c>minimumStepNs</c> (half a loop-exit miss) is no step: the profile then keeps its default.
/// </summary>
internal static class LearntTripCountFit
{
    /// <summary>The coarse ladder: 32 to 352 iterations, 32 apart; with two points a side it finds a count from 64 to 320.</summary>
    public static IReadOnlyList<int> CoarseLadder { get; } = Enumerable.Range(1, 11).Select(i => 32 * i).ToArray();

    /// <summary>The fine ladder's spacing: the resolution of the figure.</summary>
    public const int FineSpacing = 8;

    /// <summary>The least step that counts, as a share of the profile's loop-exit miss: the step is one such miss a call.</summary>
    public const double MinimumStepShare = 0.5;

    /// <summary>Points a split needs on either side: one point alone is a timing noise can make.</summary>
    public const int MinimumSide = 2;

    /// <summary>The fine ladder through a coarse step: its two points, every <see cref="FineSpacing"/> between, and two more beyond each end.</summary>
    public static IReadOnlyList<int> FineLadder(TripStep coarse)
    {
        var ladder = new List<int>();
        for (int n = coarse.LastLearnt - (MinimumSide * FineSpacing); n <= coarse.FirstMissed + (MinimumSide * FineSpacing); n += FineSpacing)
        {
            if (n >= 1)
            {
                ladder.Add(n);
            }
        }

        return ladder;
    }

    /// <summary>
    /// ns a call per iteration: the median of the slopes between neighbouring points (in increasing trips). The steps
    /// sit in a few of the intervals (one or two of the coarse ladder's ten), so the median is the items' line.
    /// </summary>
    public static double Slope(IReadOnlyList<TripTiming> points)
    {
        List<TripTiming> sorted = points.OrderBy(p => p.Trips).ToList();
        var slopes = new List<double>();
        for (int i = 1; i < sorted.Count; i++)
        {
            int trips = sorted[i].Trips - sorted[i - 1].Trips;
            if (trips > 0)
            {
                slopes.Add((sorted[i].Ns - sorted[i - 1].Ns) / trips);
            }
        }

        return slopes.Count == 0 ? 0 : Median(slopes);
    }

    /// <summary>
    /// The first place the calls of <paramref name="points"/> step up, off their line (<see cref="Slope"/>), by
    /// <paramref name="minimumStepNs"/> or more, or null when none does. The first, not the highest: past the learnt
    /// count the Zen 5 guest's search climbs a staircase (one step at 136–144 iterations, another at 168–176, 30 ns above
    /// the line by 192: docs/accuracy.md, <c>loopn28</c>), and the learnt count is where it starts. A split needs
    /// <see cref="MinimumSide"/> points a side, and its step is counted the cautious way: the lowest residual of the
    /// <see cref="MinimumSide"/> points from it on less the upper median of those before. Interference only slows a
    /// batch, so one slow point moves neither: both points after the split must show the step.
    /// </summary>
    public static TripStep? Step(IReadOnlyList<TripTiming> points, double minimumStepNs)
    {
        List<TripTiming> sorted = points.OrderBy(p => p.Trips).ToList();
        double slope = Slope(sorted);
        double[] residuals = sorted.Select(p => p.Ns - (slope * p.Trips)).ToArray();
        for (int split = MinimumSide; split <= sorted.Count - MinimumSide; split++)
        {
            double step = residuals.Skip(split).Take(MinimumSide).Min() - UpperMedian(residuals.Take(split).ToList());
            if (step >= minimumStepNs)
            {
                return new TripStep(sorted[split - 1].Trips, sorted[split].Trips, step, slope);
            }
        }

        return null;
    }

    private static double UpperMedian(IReadOnlyCollection<double> values) => values.OrderBy(v => v).ElementAt(values.Count / 2);

    private static double Median(IReadOnlyCollection<double> values)
    {
        double[] sorted = values.OrderBy(v => v).ToArray();
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
