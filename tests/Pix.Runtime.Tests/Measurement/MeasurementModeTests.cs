using System;
using System.Runtime.InteropServices;
using Pix;

namespace Pix.Runtime.Tests.Measurement;

/// <summary>
/// The latency mode's plumbing: which loop runs, what the result says it measured. Whether the fence
/// changes timings is a measurement (docs/accuracy.md), not a unit test.
/// </summary>
public sealed class MeasurementModeTests
{
    private static readonly MeasurementOptions Fast = new() { WarmupTime = TimeSpan.FromMilliseconds(1), BatchCount = 3 };

    private static bool IsX86 => RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86;

    [Fact]
    public void Latency_is_the_default()
    {
        Assert.Equal(MeasurementMode.Latency, MeasurementOptions.Default.Mode);
    }

    [Fact]
    public void The_fence_is_available_exactly_on_x86()
    {
        Assert.Equal(IsX86, LoadFence.IsAvailable);
    }

    [Fact]
    public void The_effective_mode_is_what_the_engine_measures()
    {
        foreach (MeasurementMode requested in new[] { MeasurementMode.Latency, MeasurementMode.Throughput })
        {
            var engine = new MeasurementEngine(Fast with { Mode = requested }, new FakeClock());
            Assert.Equal(engine.Mode, global::Pix.Measurement.EffectiveMode(requested));
        }

        Assert.Equal(IsX86 ? MeasurementMode.Latency : MeasurementMode.Throughput, global::Pix.Measurement.EffectiveMode(MeasurementMode.Latency));
        Assert.Equal(MeasurementMode.Throughput, global::Pix.Measurement.EffectiveMode(MeasurementMode.Throughput));
    }

    [Fact]
    public void A_latency_measurement_says_what_it_measured()
    {
        var clock = new FakeClock();
        var engine = new MeasurementEngine(Fast, clock);

        MeasurementResult result = engine.Run(BatchRunner.For(() => clock.Advance(10)));

        MeasurementMode expected = IsX86 ? MeasurementMode.Latency : MeasurementMode.Throughput;
        Assert.Equal(expected, engine.Mode);
        Assert.Equal(expected, result.Mode);
    }

    [Fact]
    public void A_throughput_measurement_runs_back_to_back()
    {
        var clock = new FakeClock();
        var engine = new MeasurementEngine(Fast with { Mode = MeasurementMode.Throughput }, clock);

        MeasurementResult result = engine.Run(BatchRunner.For(() => clock.Advance(10)));

        Assert.Equal(MeasurementMode.Throughput, result.Mode);
        Assert.Equal(10, result.Median.Nanoseconds, 9);
    }

    [Fact]
    public void Both_loops_call_the_code_once_per_call_and_the_empty_loops_never()
    {
        var clock = new FakeClock();
        int calls = 0;
        BatchRunner runner = BatchRunner.For(() => calls++);

        runner.Run<LoadFence>(1_000, clock);
        runner.Run<BackToBack>(500, clock);
        runner.RunEmpty<LoadFence>(1_000, clock);
        runner.RunEmpty<BackToBack>(1_000, clock);

        Assert.Equal(1_500, calls);
    }

    [Fact]
    public void Every_delegate_shape_is_fenced_the_same_way()
    {
        var clock = new FakeClock();
        int plain = 0, withResult = 0, withState = 0;

        BatchRunner.For(() => { plain++; }).Run<LoadFence>(7, clock);
        BatchRunner.For(() => ++withResult).Run<LoadFence>(7, clock);
        BatchRunner stateful = BatchRunner.For(() => 3, state => withState += state);
        stateful.Setup();
        stateful.Run<LoadFence>(7, clock);

        Assert.Equal((7, 7, 21), (plain, withResult, withState));
    }

    [Fact]
    public void An_undefined_mode_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new MeasurementEngine(MeasurementOptions.Default with { Mode = (MeasurementMode)7 }, new FakeClock()));
    }

    [Fact]
    public void The_issue_rate_is_probed_around_the_batches_unless_switched_off()
    {
        // Structural: a probed measurement reports a positive rate, an unprobed one 0. Its value is a
        // property of the machine at that moment (docs/accuracy.md), not something a test can fix.
        var clock = new FakeClock();
        MeasurementResult probed = new MeasurementEngine(Fast, clock).Run(BatchRunner.For(() => clock.Advance(10)));
        MeasurementResult unprobed = new MeasurementEngine(Fast with { ProbeIssueRate = false }, clock).Run(BatchRunner.For(() => clock.Advance(10)));

        Assert.True(probed.IssueRate > 0);
        Assert.Equal(0, unprobed.IssueRate);
    }

    [Fact]
    public void Calibration_kernels_are_timed_back_to_back_without_probing()
    {
        Assert.Equal(MeasurementMode.Throughput, CalibrationOptions.Default.Measurement.Mode);
        Assert.False(CalibrationOptions.Default.Measurement.ProbeIssueRate);
    }
}
