using System;
using System.Linq;
using Pix.Samples.NetworkFunctions.Driver;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>
/// How the driver turns a packet's timed repetitions into one latency (<see cref="Statistics.TrimmedMeanPerItem"/>):
/// read through a clock that advances in 10 ns steps, as AMD Zen's TSC does.
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
