using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Pix.Cli.Validation;

namespace Pix.Cli.Tests.Validation;

/// <summary>
/// The end of a sweep judges every measurement against the quiet rate known then and measures again the sizes that turn
/// out shared; the probe is a fake sequence of issue rates, the clock a fake one.
/// </summary>
public sealed class FinalJudgementTests
{
    private static readonly MeasurementOptions OneRound = new() { WarmupTime = TimeSpan.Zero, BatchCount = 3, SubtractOverhead = false, MaxSettleRounds = 1 };

    /// <summary>A fake core whose probe reads <paramref name="rates"/> in turn, then its last one ever after.</summary>
    private static (CoreMonitor Core, Func<Action, MeasurementResult?> Measure) Machine(Queue<double> rates)
    {
        var core = new CoreMonitor(() => rates.Count > 1 ? rates.Dequeue() : rates.Peek());
        var clock = new FakeClock();
        return (core, body => new MeasurementEngine(OneRound, clock, core).Run(BatchRunner.For(() => { body(); clock.Advance(10); })));
    }

    /// <summary>Sizes 1..count measured in turn, as a sweep's first pass measures them.</summary>
    private static List<SweptSize> Sweep(int count, Func<Action, MeasurementResult?> measure, List<int> calls)
    {
        var sizes = new List<SweptSize>();
        for (int size = 1; size <= count; size++)
        {
            int s = size;
            var swept = new SweptSize("M", s, () => calls.Add(s));
            swept.Measurements.Add(measure(swept.Call)!);
            sizes.Add(swept);
        }

        calls.Clear();
        return sizes;
    }

    [Fact]
    public void A_busy_first_cluster_is_judged_shared_at_the_end_and_measured_again()
    {
        // Three sizes probed at 4.0 (two probes each, agreeing: the busy rate is the quiet rate known then), then three at 4.7.
        var rates = new Queue<double>(new[] { 4.0, 4.0, 4.01, 4.0, 4.0, 4.02, 4.7, 4.7, 4.71, 4.7, 4.7, 4.7 });
        var (core, measure) = Machine(rates);
        var calls = new List<int>();
        List<SweptSize> sizes = Sweep(6, measure, calls);
        Assert.All(sizes, s => Assert.False(s.Measurements[0].CoreShared));   // as each was judged when it ran

        FinalJudgementLog log = FinalJudgement.Run(sizes, core, measure, () => TimeSpan.Zero, TimeSpan.FromSeconds(1), TextWriter.Null);

        Assert.Equal(new[] { 1, 2, 3 }, log.Remeasured.Select(r => r.Size));
        Assert.Equal(new[] { 1, 2, 3 }, log.SizesJudgedShared.Select(s => s.Size));
        Assert.All(log.Remeasured, r => Assert.Equal(4.0, r.ProbedRate, 1));
        Assert.All(log.Remeasured, r => Assert.Equal(1, r.Times));
        Assert.All(log.Remeasured, r => Assert.False(r.StillShared));
        Assert.Equal(new[] { 1, 2, 3 }, calls.Distinct());
        Assert.Equal(4.7, log.QuietRate, 1);
        Assert.All(sizes.Take(3), s => Assert.True(s.Measurements[0].CoreShared));   // the first measurement, judged again
        Assert.All(sizes.Take(3), s => Assert.False(s.Measurements[1].CoreShared));
        Assert.All(sizes.Skip(3), s => Assert.Single(s.Measurements));
    }

    [Fact]
    public void A_quiet_sweep_measures_nothing_again()
    {
        var (core, measure) = Machine(new Queue<double>(new[] { 4.7, 4.69, 4.71, 4.7, 4.68, 4.7 }));
        var calls = new List<int>();
        List<SweptSize> sizes = Sweep(3, measure, calls);

        FinalJudgementLog log = FinalJudgement.Run(sizes, core, measure, () => TimeSpan.Zero, TimeSpan.FromSeconds(1), TextWriter.Null);

        Assert.Empty(log.Remeasured);
        Assert.Empty(log.SizesJudgedShared.Select(s => s.Size));
        Assert.Empty(calls);
        Assert.False(log.CapReached);
        Assert.All(sizes, s => Assert.Single(s.Measurements));
    }

    [Fact]
    public void A_size_shared_in_every_try_is_measured_again_at_most_the_retries_and_kept_marked()
    {
        // Quiet at 4.7 first, then the sibling stays: every later probe reads 3.5.
        var (core, measure) = Machine(new Queue<double>(new[] { 4.7, 4.7, 4.7, 4.7, 3.5 }));
        var calls = new List<int>();
        List<SweptSize> sizes = Sweep(3, measure, calls);

        FinalJudgementLog log = FinalJudgement.Run(sizes, core, measure, () => TimeSpan.Zero, TimeSpan.FromSeconds(1), TextWriter.Null);

        SweptSize shared = Assert.Single(sizes, s => s.Measurements[0].CoreShared);
        Assert.Equal(3, shared.Size);
        Remeasurement r = Assert.Single(log.Remeasured);
        Assert.Equal(FinalJudgement.RetriesPerSize, r.Times);
        Assert.True(r.StillShared);
        Assert.Equal(1 + FinalJudgement.RetriesPerSize, shared.Measurements.Count);
        Assert.All(shared.Measurements, m => Assert.True(m.CoreShared));
    }

    [Fact]
    public void Measuring_again_stops_at_the_time_cap()
    {
        var rates = new Queue<double>(new[] { 4.0, 4.0, 4.01, 4.0, 4.0, 4.02, 4.7, 4.7, 4.71, 4.7, 4.7, 4.7 });
        var (core, measure) = Machine(rates);
        var calls = new List<int>();
        List<SweptSize> sizes = Sweep(6, measure, calls);
        TimeSpan now = TimeSpan.Zero;

        // Each measurement takes 2 s of the judgement's clock; the cap is 3 s: the second starts at 2 s, the third would at 4 s.
        FinalJudgementLog log = FinalJudgement.Run(sizes, core, body => { now += TimeSpan.FromSeconds(2); return measure(body); }, () => now, TimeSpan.FromSeconds(3), TextWriter.Null);

        Assert.True(log.CapReached);
        Assert.Equal(new[] { 1, 2 }, log.Remeasured.Select(r => r.Size));
        Assert.Equal(new[] { 1, 2, 3 }, log.SizesJudgedShared.Select(s => s.Size));
        Assert.True(sizes[2].Measurements.Single().CoreShared);   // not measured again: kept, and marked
    }

    /// <summary>A clock in nanosecond ticks that moves only when told.</summary>
    private sealed class FakeClock : TimeSource
    {
        private long _now;

        public override long Frequency => 1_000_000_000;

        public override long GetTimestamp() => _now;

        public void Advance(long ticks) => _now += ticks;
    }
}
