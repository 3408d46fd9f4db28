using System;
using System.Linq;
using Pix.Cli.Validation;

namespace Pix.Cli.Tests;

public sealed class DeploymentFitTests
{
    [Fact]
    public void Recovers_a_fixed_cost_and_scale_and_predicts_the_held_out_sizes()
    {
        // The machine takes 5 ns + 2 x what the interface says, at every size.
        ValidationPoint[] points = new[] { 16, 64, 256, 1024, 4096, 16384, 65536 }
            .Select(n => Point(n, predictedNs: n * 0.5, measuredNs: 5 + (2 * n * 0.5)))
            .ToArray();

        DeploymentFit fit = DeploymentFit.Fit(points)!;

        Assert.Equal(5, fit.FixedNs, 6);
        Assert.Equal(2, fit.Scale, 9);
        Assert.Equal(new[] { 16, 256, 4096, 65536 }, fit.TrainingSizes);
        Assert.Equal(new[] { 64, 1024, 16384 }, fit.HeldOutSizes);
        Assert.Equal(0, fit.HeldOutMapeAfter, 9);
        Assert.True(fit.HeldOutMapeBefore > 0.4);
    }

    [Fact]
    public void Never_fits_a_negative_fixed_cost()
    {
        // Measured below the prediction by a constant: the best affine fit wants a negative intercept.
        ValidationPoint[] points = new[] { 10, 20, 40, 80 }.Select(n => Point(n, n, n - 5)).ToArray();

        DeploymentFit fit = DeploymentFit.Fit(points)!;

        Assert.Equal(0, fit.FixedNs);
        Assert.True(fit.Scale > 0);
    }

    [Fact]
    public void Needs_at_least_four_sizes()
    {
        Assert.Null(DeploymentFit.Fit(new[] { Point(1, 1, 1), Point(2, 2, 2), Point(3, 3, 3) }));
    }

    private static ValidationPoint Point(int size, double predictedNs, double measuredNs)
    {
        // A measurement result with a known median, from the harness's own engine on a fake clock.
        var clock = new FixedCostClock((long)Math.Round(measuredNs * 1000));
        var engine = new MeasurementEngine(new MeasurementOptions { WarmupTime = TimeSpan.Zero, BatchCount = 3, SubtractOverhead = false }, clock);
        MeasurementResult measured = engine.Run(BatchRunner.For(() => clock.Advance()));
        return new ValidationPoint(size, Latency.FromNanoseconds(predictedNs), measured);
    }

    /// <summary>A clock in picosecond ticks where each call of the body costs a fixed number of ticks.</summary>
    private sealed class FixedCostClock : TimeSource
    {
        private readonly long _ticksPerCall;
        private long _now;

        public FixedCostClock(long ticksPerCall) => _ticksPerCall = ticksPerCall;

        public override long Frequency => 1_000_000_000_000;

        public override long GetTimestamp() => _now;

        public void Advance() => _now += _ticksPerCall;
    }
}
