using System;
using System.Collections.Generic;
using Pix;

namespace Pix.Runtime.Tests.Measurement;

/// <summary>A measurement judged again against a quiet rate known later (MeasurementResult.JudgedAgainst).</summary>
public sealed class JudgedAgainstTests
{
    private static readonly MeasurementOptions OneRound = new() { WarmupTime = TimeSpan.FromMilliseconds(1), BatchCount = 3, MaxSettleRounds = 1 };

    private static MeasurementResult MeasuredAt(params double[] rates)
    {
        var queue = new Queue<double>(rates);
        var core = new CoreMonitor(() => queue.Count > 1 ? queue.Dequeue() : queue.Peek());
        var clock = new FakeClock();
        return new MeasurementEngine(OneRound, clock, core).Run(BatchRunner.For(() => clock.Advance(10)));
    }

    [Fact]
    public void A_rate_that_passed_against_a_busy_reference_is_shared_against_the_quiet_one()
    {
        MeasurementResult measured = MeasuredAt(4.0, 4.0);   // the first readings of the process: 4.0 is the reference
        Assert.False(measured.CoreShared);

        MeasurementResult judged = measured.JudgedAgainst(4.7);

        Assert.True(judged.CoreShared);
        Assert.Equal(measured.Median, judged.Median);
        Assert.Equal(measured.Samples, judged.Samples);
        Assert.Equal(measured.IssueRate, judged.IssueRate);
        Assert.Equal(measured.Rounds, judged.Rounds);
        Assert.EndsWith("(core shared)", judged.ToString());
    }

    [Fact]
    public void A_rate_flagged_against_a_stray_reference_is_own_against_a_lower_one()
    {
        MeasurementResult measured = MeasuredAt(5.2, 4.0);
        Assert.True(measured.CoreShared);

        Assert.False(measured.JudgedAgainst(4.1).CoreShared);
    }

    [Fact]
    public void The_same_verdict_returns_the_same_result_and_a_measurement_not_probed_is_never_shared()
    {
        MeasurementResult measured = MeasuredAt(4.7, 4.7);
        Assert.Same(measured, measured.JudgedAgainst(4.8));

        var clock = new FakeClock();
        MeasurementResult notProbed = new MeasurementEngine(OneRound with { ProbeIssueRate = false }, clock).Run(BatchRunner.For(() => clock.Advance(10)));
        Assert.False(notProbed.JudgedAgainst(4.7).CoreShared);
    }
}
