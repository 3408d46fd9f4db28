using System;
using System.Linq;
using Pix.Samples.NetworkFunctions.Driver;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>
/// How the driver turns a packet's timed repetitions into one latency (<see cref="Statistics.WindowedMeanPerItem"/>; the
/// trimmed mean it replaced, <see cref="Statistics.TrimmedMeanPerItem"/>, is kept for comparison): read through a clock
/// that advances in 10 ns steps, as AMD Zen's TSC does under KVM.
/// </summary>
public class PacketEstimateTests
{
    private const double Step = 10;

    [Fact]
    public void Readings_of_a_coarse_clock_average_back_to_what_lies_between_its_steps()
    {
        // 2,000 packets of 54 ns, 7 repetitions each, each started at a uniformly random point of the clock's step.
        var random = new Random(3);
        double[][] repetitions = Enumerable.Range(0, 7).Select(_ => Enumerable.Range(0, 2000).Select(_ => Read(54, random)).ToArray()).ToArray();

        double estimate = Statistics.Median(Statistics.TrimmedMeanPerItem(repetitions));

        // The median of the readings is a whole step (50 or 60); the trimmed means' median lies within 1 ns of 54.
        Assert.InRange(estimate, 53, 55);
    }

    [Fact]
    public void Two_interrupted_repetitions_in_seven_do_not_move_a_packet()
    {
        double[][] repetitions =
        {
            new[] { 40.0 }, new[] { 50.0 }, new[] { 9000.0 }, new[] { 40.0 }, new[] { 50.0 }, new[] { 400.0 }, new[] { 40.0 },
        };

        // Sorted 40 40 40 50 50 400 9000: the two lowest and the two highest dropped, 40 50 50 averaged.
        Assert.Equal(140.0 / 3, Statistics.TrimmedMeanPerItem(repetitions)[0], 9);
    }

    [Fact]
    public void Packets_that_read_alike_are_estimated_within_a_nanosecond_wherever_they_lie_in_the_clocks_step()
    {
        // Every packet of a workload taking one code path has the same length: the median over packets does not average
        // the per-packet rounding out, so the per-packet figure itself must be unbiased. 2,000 packets x 7 repetitions
        // at each length from 50 to 60 ns by 0.5 ns; the windowed mean's median stays within 1 ns (its grid is 10/7 ns).
        var random = new Random(11);
        double worstTrimmed = 0;
        for (double length = 50; length <= 60; length += 0.5)
        {
            double[][] repetitions = Enumerable.Range(0, 7).Select(_ => Enumerable.Range(0, 2000).Select(_ => Read(length, random)).ToArray()).ToArray();

            double estimate = Statistics.Median(Statistics.WindowedMeanPerItem(repetitions, 2 * Step));

            Assert.InRange(estimate, length - 1, length + 1);
            worstTrimmed = Math.Max(worstTrimmed, Math.Abs(Statistics.Median(Statistics.TrimmedMeanPerItem(repetitions)) - length));
        }

        // What the driver read before: a length 3 ns past a step read the step.
        Assert.True(worstTrimmed > 2.5, $"the trimmed mean's worst error was {worstTrimmed:0.00} ns");
    }

    [Fact]
    public void Readings_beyond_two_steps_of_the_median_do_not_move_a_packet()
    {
        double[][] repetitions =
        {
            new[] { 40.0 }, new[] { 50.0 }, new[] { 9000.0 }, new[] { 40.0 }, new[] { 50.0 }, new[] { 400.0 }, new[] { 40.0 },
        };

        // Median 40: 40 50 40 50 40 are within 20 ns of it and averaged; 400 and 9000 (a repetition that lost the core) are not.
        Assert.Equal(44.0, Statistics.WindowedMeanPerItem(repetitions, 2 * Step)[0], 9);
    }

    [Fact]
    public void A_window_that_is_not_a_non_negative_number_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.WindowedMeanPerItem(new[] { new[] { 1.0 } }, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.WindowedMeanPerItem(new[] { new[] { 1.0 } }, double.NaN));
    }

    [Fact]
    public void Repetitions_that_time_different_packets_are_rejected_by_the_windowed_mean() =>
        Assert.Throws<ArgumentException>(() => Statistics.WindowedMeanPerItem(new[] { new[] { 1.0, 2.0 }, new[] { 1.0 } }, Step));

    [Fact]
    public void The_clocks_step_is_how_far_apart_its_readings_jump_beyond_the_conversions_rounding()
    {
        // A 10 ns clock converted to ns by a multiply and a shift: 30 and 40 ns regions, each now and then a unit more;
        // 30 and 31 are the two most frequent readings.
        double[] readings = { 30, 31, 30, 31, 40, 30, 31, 30, 41, 30, 31, 40, 31, 30, 40 };

        Assert.Equal(10.0, Statistics.Step(readings, resolution: 1), 9);
    }

    [Fact]
    public void A_clock_whose_readings_never_jump_beyond_a_unit_steps_by_its_unit()
    {
        Assert.Equal(1.0, Statistics.Step(new[] { 20.0, 20.0, 21.0, 20.0 }, resolution: 1));
        Assert.Equal(100.0, Statistics.Step(new[] { 0.0, 100.0, 100.0, 0.0 }, resolution: 100));
    }

    [Fact]
    public void Repetitions_that_time_different_packets_are_rejected() =>
        Assert.Throws<ArgumentException>(() => Statistics.TrimmedMeanPerItem(new[] { new[] { 1.0, 2.0 }, new[] { 1.0 } }));

    [Fact]
    public void Repetitions_that_time_different_packets_are_rejected_when_the_first_timed_none() =>
        Assert.Throws<ArgumentException>(() => Statistics.TrimmedMeanPerItem(new[] { Array.Empty<double>(), new[] { 1.0 } }));

    // What a region of trueNs reads on a clock whose reading advances every Step ns, started at a random phase.
    private static double Read(double trueNs, Random random)
    {
        double start = random.NextDouble() * Step;
        return (Math.Floor((start + trueNs) / Step) - Math.Floor(start / Step)) * Step;
    }
}
