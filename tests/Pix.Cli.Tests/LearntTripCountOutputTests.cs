using System;
using System.Collections.Generic;
using System.IO;
using Pix.Calibration;
using Pix.Cli.Commands;

namespace Pix.Cli.Tests;

/// <summary>What <c>pix calibrate</c> says about the learnt trip count (<see cref="HardwareProfile.LearntTripCount"/>).</summary>
public sealed class LearntTripCountOutputTests
{
    private static readonly TripTiming[] Coarse = { new(96, 28.7), new(128, 38.1), new(160, 63.1), new(192, 88.1) };
    private static readonly TripTiming[] Fine = { new(128, 38.0), new(136, 50.5) };

    private static string Summary(LearntTripCountTiming trips)
    {
        HardwareProfile profile = trips.LearntTripCount is { } n ? HardwareProfile.Reference.WithLearntTripCount(n) : HardwareProfile.Reference;
        var result = new CalibrationResult(profile, new[] { new KernelTiming("alu chain", "latency", 1, 1, 0, 0) }, new Dictionary<OperationClass, string>(), 0, 1, TimeSpan.Zero)
        {
            LearntTripCount = trips,
        };
        var output = new StringWriter();
        CalibrateCommand.WriteSummary(result, output);
        return output.ToString();
    }

    [Fact]
    public void A_step_found_is_the_learnt_count_with_its_ladders()
    {
        string summary = Summary(new LearntTripCountTiming(new TripStep(128, 136, 9.7, 0.29), 3.8, Coarse, Fine, new TripStep(128, 160, 15, 0.29), TimeSpan.FromMilliseconds(176)));

        Assert.Contains("Learnt trip count: 128 iterations", summary, StringComparison.Ordinal);
        Assert.Contains("steps 9.700 ns between 128 and 136", summary, StringComparison.Ordinal);
        Assert.Contains("128: 38.100, 160: 63.100", summary, StringComparison.Ordinal);
        Assert.Contains("Took 176 ms.", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void No_step_says_the_default()
    {
        string summary = Summary(new LearntTripCountTiming(null, 3.8, Coarse, Array.Empty<TripTiming>(), null, TimeSpan.FromMilliseconds(90)));

        Assert.Contains("Learnt trip count: no step of 3.800 ns or more found; the default, 128.", summary, StringComparison.Ordinal);
    }
}
