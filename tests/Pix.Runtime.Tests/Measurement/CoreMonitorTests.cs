using System;
using System.Collections.Generic;
using Pix;

namespace Pix.Runtime.Tests.Measurement;

/// <summary>Rounds measured on a shared core are measured again; the probe is a fake sequence of issue rates.</summary>
public sealed class CoreMonitorTests
{
    private static readonly MeasurementOptions Fast = new() { WarmupTime = TimeSpan.FromMilliseconds(1), BatchCount = 3 };

    private static (MeasurementResult Result, int Probes) Measure(params double[] rates)
    {
        var queue = new Queue<double>(rates);
        int probes = 0;
        var core = new CoreMonitor(() =>
        {
            probes++;
            return queue.Count > 1 ? queue.Dequeue() : queue.Peek();
        });
        var clock = new FakeClock();
        MeasurementResult result = new MeasurementEngine(Fast, clock, core).Run(BatchRunner.For(() => clock.Advance(10)));
        return (result, probes);
    }

    [Fact]
    public void A_round_on_a_core_of_its_own_is_kept()
    {
        var (result, probes) = Measure(4.6, 4.5);

        Assert.Equal(1, result.Rounds);
        Assert.Equal(2, probes);
        Assert.Equal(4.5, result.IssueRate);
        Assert.False(result.CoreShared);
    }

    [Fact]
    public void A_round_on_a_shared_core_is_measured_again()
    {
        // Round 1: 4.6 before, 3.2 after (a neighbour arrived): shared. Round 2: 4.5 and 4.6.
        var (result, probes) = Measure(4.6, 3.2, 4.5, 4.6);

        Assert.Equal(2, result.Rounds);
        Assert.Equal(4, probes);
        Assert.Equal(4.5, result.IssueRate);
        Assert.False(result.CoreShared);
    }

    [Fact]
    public void When_every_round_is_shared_the_quietest_is_kept_and_flagged()
    {
        var (result, _) = Measure(4.6, 3.0, 3.6, 3.5, 3.1, 3.3);

        Assert.Equal(3, result.Rounds);
        Assert.Equal(3.5, result.IssueRate);
        Assert.True(result.CoreShared);
        Assert.EndsWith("(core shared)", result.ToString());
    }

    [Fact]
    public void Shared_means_under_nine_tenths_of_the_highest_rate_seen()
    {
        var core = new CoreMonitor(() => 4.0);
        Assert.False(core.IsShared(1.0)); // nothing probed yet: nothing to compare with
        core.Probe();

        Assert.False(core.IsShared(3.6));
        Assert.True(core.IsShared(3.59));
    }
}
