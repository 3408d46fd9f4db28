using System;

namespace Pix.Cli.Tests;

/// <summary>Measurement results with a known median, from the harness's own engine on a fake clock.</summary>
internal static class Measured
{
    /// <summary>
    /// A result whose median is <paramref name="nanoseconds"/>; a shared core is a fake probe that read
    /// 4.6 operations per cycle twice (a quiet rate the monitor believes needs a second reading to agree with it)
    /// and <paramref name="sharedIssueRate"/> (below 90% of 4.6) ever after;
    /// a core of its own is probed at <paramref name="ownIssueRate"/> when given (else not probed, rate 0).
    /// </summary>
    public static MeasurementResult At(double nanoseconds, bool coreShared = false, double sharedIssueRate = 3.0, double? ownIssueRate = null)
    {
        var clock = new FixedCostClock((long)Math.Round(nanoseconds * 1000));
        CoreMonitor? core = null;
        if (coreShared)
        {
            bool quiet = true;
            core = new CoreMonitor(() => quiet ? 4.6 : sharedIssueRate);
            core.Probe();
            core.Probe();
            quiet = false;
        }
        else if (ownIssueRate is double rate)
        {
            core = new CoreMonitor(() => rate);
        }

        var options = new MeasurementOptions { WarmupTime = TimeSpan.Zero, BatchCount = 3, SubtractOverhead = false, ProbeIssueRate = coreShared || ownIssueRate is not null };
        MeasurementResult measured = new MeasurementEngine(options, clock, core).Run(BatchRunner.For(() => clock.Advance()));
        Assert.Equal(coreShared, measured.CoreShared);
        return measured;
    }

    /// <summary>
    /// A measurement whose median is 0: the body costs nothing beyond the timing overhead (here each
    /// reading of the clock costs 1 ms), which the engine subtracts and clamps at 0.
    /// </summary>
    public static MeasurementResult BelowResolution()
    {
        var clock = new FixedCostClock(0, ticksPerReading: 1_000_000_000);
        var options = new MeasurementOptions { WarmupTime = TimeSpan.Zero, BatchCount = 3, SubtractOverhead = true, ProbeIssueRate = false };
        return new MeasurementEngine(options, clock, null).Run(BatchRunner.For(() => clock.Advance()));
    }

    /// <summary>A clock in picosecond ticks where each call of the body costs a fixed number of ticks.</summary>
    private sealed class FixedCostClock : TimeSource
    {
        private readonly long _ticksPerCall;
        private long _now;

        private readonly long _ticksPerReading;

        public FixedCostClock(long ticksPerCall, long ticksPerReading = 0)
        {
            _ticksPerCall = ticksPerCall;
            _ticksPerReading = ticksPerReading;
        }

        public override long Frequency => 1_000_000_000_000;

        public override long GetTimestamp() => _now += _ticksPerReading;

        public void Advance() => _now += _ticksPerCall;
    }
}
