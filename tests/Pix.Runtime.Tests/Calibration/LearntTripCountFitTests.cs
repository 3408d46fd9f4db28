using System.Collections.Generic;
using System.Linq;
using Pix.Calibration;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>
/// The largest trip count the predictor learns, from a search's ns a call at trip counts of a ladder
/// (<see cref="LearntTripCountFit"/>): synthetic calls of 0.3 ns an item plus 12 ns, and one more loop-exit miss
/// (8 ns) past the learnt count.
/// </summary>
public sealed class LearntTripCountFitTests
{
    private const double PerItem = 0.3;
    private const double Fixed = 12;
    private const double Miss = 8;

    private static readonly int[] Coarse = { 64, 96, 128, 160, 192, 224, 256, 288, 320 };

    /// <summary>ns a call at each of <paramref name="trips"/>: the line, a miss past <paramref name="learnt"/>, and up to <paramref name="noise"/> ns of interference (only ever slower).</summary>
    private static List<TripTiming> Ladder(IEnumerable<int> trips, int learnt, double noise = 0)
    {
        var random = new System.Random(28);
        return trips.Select(n => new TripTiming(n, Fixed + (PerItem * n) + (n > learnt ? Miss : 0) + (noise * random.NextDouble()))).ToList();
    }

    [Fact]
    public void The_slope_is_the_items_line_though_one_interval_holds_the_step()
    {
        Assert.Equal(PerItem, LearntTripCountFit.Slope(Ladder(Coarse, learnt: 128)), 12);
    }

    [Fact]
    public void A_step_is_found_between_the_points_it_falls_between()
    {
        List<TripTiming> points = Ladder(Coarse, learnt: 150);

        TripStep? step = LearntTripCountFit.Step(points, minimumStepNs: Miss / 2);

        Assert.NotNull(step);
        Assert.Equal(128, step!.LastLearnt);
        Assert.Equal(160, step.FirstMissed);
        Assert.Equal(Miss, step.StepNs, 9);
        Assert.Equal(PerItem, step.SlopeNs, 12);
    }

    [Fact]
    public void A_step_is_found_through_noise_smaller_than_it()
    {
        List<TripTiming> points = Ladder(Coarse, learnt: 200, noise: 1.5);

        TripStep? step = LearntTripCountFit.Step(points, minimumStepNs: Miss / 2);

        Assert.Equal(192, step!.LastLearnt);
    }

    [Fact]
    public void No_step_is_not_found()
    {
        List<TripTiming> points = Ladder(Coarse, learnt: 1000, noise: 1.5);

        Assert.Null(LearntTripCountFit.Step(points, minimumStepNs: Miss / 2));
    }

    [Fact]
    public void A_single_slow_point_is_not_a_step()
    {
        // One noisy timing in the middle of the ladder: the points after it are back on the line.
        List<TripTiming> points = Ladder(Coarse, learnt: 1000);
        points[4] = points[4] with { Ns = points[4].Ns + (3 * Miss) };

        Assert.Null(LearntTripCountFit.Step(points, minimumStepNs: Miss / 2));
    }

    [Fact]
    public void The_fine_ladder_spans_the_coarse_step()
    {
        // Two points beyond each end, so a step anywhere inside has at least two points on either side.
        Assert.Equal(new[] { 112, 120, 128, 136, 144, 152, 160, 168, 176 }, LearntTripCountFit.FineLadder(new TripStep(128, 160, Miss, PerItem)));
    }

    [Fact]
    public void Coarse_then_fine_recovers_the_learnt_count_to_the_fine_resolution()
    {
        const int learnt = 150;
        TripStep first = LearntTripCountFit.Step(Ladder(LearntTripCountFit.CoarseLadder, learnt), Miss / 2)!;

        TripStep? fine = LearntTripCountFit.Step(Ladder(LearntTripCountFit.FineLadder(first), learnt), Miss / 2);

        Assert.Equal(144, fine!.LastLearnt);
        Assert.Equal(152, fine.FirstMissed);
    }

    [Fact]
    public void The_first_step_of_a_staircase_is_the_learnt_count()
    {
        // The Zen 5 guest: one more miss from 144 iterations, then a second step from 176 on.
        List<TripTiming> Staircase(IEnumerable<int> trips) =>
            Ladder(trips, learnt: 140).Select(t => t with { Ns = t.Ns + (t.Trips > 170 ? 2 * Miss : 0) }).ToList();

        TripStep coarse = LearntTripCountFit.Step(Staircase(Coarse), Miss / 2)!;
        TripStep fine = LearntTripCountFit.Step(Staircase(LearntTripCountFit.FineLadder(coarse)), Miss / 2)!;

        Assert.Equal((128, 160), (coarse.LastLearnt, coarse.FirstMissed));
        Assert.Equal((136, 144), (fine.LastLearnt, fine.FirstMissed));
    }

    [Fact]
    public void A_step_needs_two_points_on_either_side()
    {
        // Only the last point is slow: one timing, which noise alone can make; not a step.
        List<TripTiming> points = Ladder(Coarse, learnt: 300);

        Assert.Null(LearntTripCountFit.Step(points, minimumStepNs: Miss / 2));
    }

    [Fact]
    public void The_coarse_ladder_finds_every_count_from_64_to_320()
    {
        foreach (int learnt in new[] { 64, 100, 128, 150, 192, 250, 319 })
        {
            List<TripTiming> points = Ladder(LearntTripCountFit.CoarseLadder, learnt);

            TripStep? step = LearntTripCountFit.Step(points, minimumStepNs: Miss / 2);

            Assert.True(step is not null && step.LastLearnt <= learnt && learnt < step.FirstMissed, $"learnt {learnt}: {step}");
        }
    }

    [Fact]
    public void A_step_below_the_ladder_is_not_found()
    {
        // Every point already past the learnt count: no step inside the ladder, so nothing to report.
        List<TripTiming> points = Ladder(Coarse, learnt: 10);

        Assert.Null(LearntTripCountFit.Step(points, minimumStepNs: Miss / 2));
    }
}
