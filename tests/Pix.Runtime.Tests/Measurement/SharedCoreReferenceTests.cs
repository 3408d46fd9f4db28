using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pix;

namespace Pix.Runtime.Tests.Measurement;

/// <summary>
/// What the shared-core flag is judged against, on synthetic sequences of issue rates: a stray fast reading does
/// not make a quiet process "shared", a real neighbour still does (CoreMonitor's reference, QuietIssueRate).
/// </summary>
public sealed class SharedCoreReferenceTests
{
    private const double Quiet = 4.67;

    private static CoreMonitor After(params double[] readings)
    {
        var queue = new Queue<double>(readings);
        var core = new CoreMonitor(() => queue.Dequeue());
        for (int i = 0; i < readings.Length; i++)
        {
            core.Probe();
        }

        return core;
    }

    private static double[] Repeat(double rate, int count) => Enumerable.Repeat(rate, count).ToArray();

    [Fact]
    public void A_stale_fast_reading_does_not_flag_the_quiet_rate()
    {
        // 6.75 in a process that otherwise read 4.67: against the highest reading, 4.67 (69% of it) was shared.
        CoreMonitor core = After([.. Repeat(Quiet, 5), 6.75, .. Repeat(Quiet, 5)]);

        Assert.False(core.IsShared(Quiet));
        Assert.False(core.IsShared(4.21));
        Assert.Equal(Quiet, core.Reference);
    }

    [Fact]
    public void A_fast_first_reading_stops_counting_once_the_quiet_rate_is_read_twice()
    {
        Assert.True(After(6.75, Quiet).IsShared(Quiet));   // nothing confirms either yet: the higher is taken
        Assert.False(After(6.75, Quiet, 4.66).IsShared(Quiet));
    }

    [Fact]
    public void A_real_neighbour_still_flags()
    {
        CoreMonitor core = After([.. Repeat(Quiet, 10), 3.9, 4.1, 4.0]);

        Assert.True(core.IsShared(4.1));
        Assert.True(core.IsShared(3.9));
        Assert.False(core.IsShared(4.21));
    }

    [Fact]
    public void A_neighbour_in_the_first_round_still_flags()
    {
        // One probe before the round, one after: the lower (3.9) is the round's rate, and nothing agrees with either.
        Assert.True(After(Quiet, 3.9).IsShared(3.9));
    }

    [Fact]
    public void A_neighbour_most_of_the_time_does_not_hide_the_quiet_rate()
    {
        double[] busy = Enumerable.Range(0, 30).Select(i => 3.9 + (i % 7) * 0.1).ToArray();   // 3.9 .. 4.5
        CoreMonitor core = After([.. busy, Quiet, 4.66, Quiet]);

        Assert.Equal(Quiet, core.Reference);
        Assert.True(core.IsShared(4.1));
    }

    [Fact]
    public void After_a_slow_start_the_quiet_rate_takes_over()
    {
        CoreMonitor core = After(3.9, 3.92, 3.88, 3.9);
        Assert.False(core.IsShared(3.9));   // no quiet reading yet: nothing to compare with

        core = After(3.9, 3.92, 3.88, 3.9, Quiet, 4.66);
        Assert.True(core.IsShared(3.9));
    }

    [Fact]
    public void Fast_readings_that_agree_with_each_other_are_still_strays_in_a_long_process()
    {
        // Two strays 1% apart among 100 quiet readings: fewer than one reading in twenty, no cluster.
        CoreMonitor core = After([.. Repeat(Quiet, 50), 6.75, .. Repeat(4.66, 50), 6.8]);

        Assert.Equal(Quiet, core.Reference);
        Assert.False(core.IsShared(4.66));
    }

    [Fact]
    public void A_process_probed_on_this_machine_keeps_its_quiet_rate()
    {
        // 60 readings of one process on the Zen 5 guest (load 38; /tmp/monitor21/probe, 21:07 UTC), with a 6.75, a 4.84
        // and two readings of a busy sibling (3.60, 3.06).
        const string Readings = "4.67 4.67 4.67 4.67 4.67 4.67 4.67 6.75 4.67 4.67 4.67 4.66 4.67 4.67 4.67 4.67 4.66 4.67 4.67 4.67 "
            + "4.67 4.67 4.67 4.66 4.66 4.67 4.66 4.66 4.67 4.67 4.66 4.67 4.67 4.67 4.67 4.67 4.66 4.67 4.67 4.67 4.67 4.66 3.60 4.67 "
            + "4.67 4.67 4.67 4.67 4.67 4.67 4.67 4.67 4.66 4.66 4.64 4.84 3.06 4.34 4.67 4.67";
        double[] rates = Readings.Split(' ').Select(r => double.Parse(r, CultureInfo.InvariantCulture)).ToArray();
        var queue = new Queue<double>(rates);
        var core = new CoreMonitor(() => queue.Dequeue());
        var shared = new List<double>();
        foreach (double _ in rates)
        {
            double rate = core.Probe();
            if (core.IsShared(rate))
            {
                shared.Add(rate);
            }
        }

        Assert.Equal([3.60, 3.06], shared);
    }

    [Fact]
    public void A_measurement_after_a_stray_fast_reading_is_kept_on_its_first_round()
    {
        // Two measurements at the quiet rate, one stray reading, a third measurement at the quiet rate again.
        var queue = new Queue<double>([Quiet, Quiet, 4.66, Quiet, 6.75, Quiet, 4.66, Quiet, Quiet, Quiet, Quiet]);
        var core = new CoreMonitor(() => queue.Count > 1 ? queue.Dequeue() : queue.Peek());
        var options = new MeasurementOptions { WarmupTime = TimeSpan.FromMilliseconds(1), BatchCount = 3 };
        MeasurementResult last = null!;
        for (int m = 0; m < 2; m++)
        {
            var clock = new FakeClock();
            last = new MeasurementEngine(options, clock, core).Run(BatchRunner.For(() => clock.Advance(10)));
        }

        core.Probe();   // the stray
        var third = new FakeClock();
        last = new MeasurementEngine(options, third, core).Run(BatchRunner.For(() => third.Advance(10)));

        Assert.Equal(1, last.Rounds);
        Assert.False(last.CoreShared);
    }
}
