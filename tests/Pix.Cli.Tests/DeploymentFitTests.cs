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

        Assert.Equal(DeploymentFitKind.FixedPlusScale, fit.Kind);
        Assert.Equal(5, fit.Coefficients[0].Value, 6);
        Assert.Equal(2, fit.Coefficients[1].Value, 9);
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

        TrainedForm fit = FitForm.Train(DeploymentFitKind.FixedPlusScale, points, points);

        Assert.Equal(0, fit.Coefficients[0].Value);
        Assert.True(fit.Coefficients[1].Value > 0);
    }

    [Fact]
    public void Two_training_sizes_fit_one_scale_without_a_choice()
    {
        // Four sizes, two to train on: leave-one-out would fit each form to a single size.
        ValidationPoint[] points = new[] { 4, 8, 16, 32 }.Select(n => TermPoint(n, measuredScale: 1)).ToArray();

        DeploymentFit fit = DeploymentFit.Fit(points)!;

        Assert.Equal(new[] { 4, 16 }, fit.TrainingSizes);
        Assert.Equal(DeploymentFitKind.Scale, fit.Kind);
        Assert.Empty(fit.Candidates);
        Assert.Contains("too few to choose", fit.ChosenBecause);
    }

    [Fact]
    public void Recovers_known_per_term_coefficients_from_the_training_sizes()
    {
        // Interface: 10 ns + 0.5 ns × n + 0.01 ns × n²; the machine: 2×, 0.8× and 1.5× each term.
        int[] sizes = { 4, 8, 16, 32, 64, 128, 256, 512, 1024 };
        ValidationPoint[] points = sizes.Select(n => TermPoint(n, measuredScale: 1)).ToArray();

        DeploymentFit fit = DeploymentFit.Fit(points)!;

        Assert.Equal(DeploymentFitKind.PerTerm, fit.Kind);
        Assert.Equal(new[] { "straight-line code", "loop over n", "nest over n, n" }, fit.Coefficients.Select(c => c.Label));
        Assert.Equal(2, fit.Coefficients[0].Value, 3);
        Assert.Equal(0.8, fit.Coefficients[1].Value, 3);
        Assert.Equal(1.5, fit.Coefficients[2].Value, 3);
        Assert.Equal(0, fit.HeldOutMapeAfter, 4);
        Assert.True(fit.HeldOutMapeBefore > 0.1);
    }

    [Fact]
    public void Judges_the_fit_on_held_out_sizes_only()
    {
        // Training sizes follow the per-term truth exactly; one held-out size (32) took twice as long.
        // The fit is unchanged, and that size's 50% error is averaged over the held-out sizes alone.
        int[] sizes = { 4, 8, 16, 32, 64, 128, 256 };
        ValidationPoint[] points = sizes.Select(n => TermPoint(n, measuredScale: n == 32 ? 2 : 1)).ToArray();

        DeploymentFit fit = DeploymentFit.Fit(points)!;

        Assert.Equal(new[] { 4, 16, 64, 256 }, fit.TrainingSizes);
        Assert.Equal(new[] { 8, 32, 128 }, fit.HeldOutSizes);
        Assert.Equal(2, fit.Coefficients[0].Value, 3);
        Assert.Equal(0.5 / 3, fit.HeldOutMapeAfter, 4);
    }

    [Fact]
    public void Terms_the_data_cannot_tell_apart_share_the_correction()
    {
        // Two terms that are both 0.5 ns × n: only their sum is determined (measured 1.2 × the sum); a
        // third, quadratic term measured 1.5 × makes one scale (or a fixed cost and a scale) miss.
        ValidationPoint[] points = new[] { 4, 8, 16, 32, 64, 128, 256 }.Select(n =>
        {
            var terms = new[]
            {
                new TermValue("0.0", "loop A", 0.5 * n),
                new TermValue("0.1", "loop B", 0.5 * n),
                new TermValue("0.2", "nest", 0.01 * n * n),
            };
            return Point(n, terms.Sum(t => t.Nanoseconds), (1.2 * n) + (1.5 * 0.01 * n * n)) with { Terms = terms };
        }).ToArray();

        DeploymentFit fit = DeploymentFit.Fit(points)!;

        Assert.Equal(DeploymentFitKind.PerTerm, fit.Kind);
        Assert.Equal(1.2, fit.Coefficients[0].Value, 3);
        Assert.Equal(1.2, fit.Coefficients[1].Value, 3);
        Assert.Equal(1.5, fit.Coefficients[2].Value, 3);
        Assert.Equal(0, fit.HeldOutMapeAfter, 4);
    }

    [Fact]
    public void Trains_on_at_most_eight_sizes()
    {
        ValidationPoint[] points = Enumerable.Range(1, 20).Select(i => TermPoint(i * 10, measuredScale: 1)).ToArray();

        DeploymentFit fit = DeploymentFit.Fit(points)!;

        Assert.Equal(DeploymentFit.MaxTrainingPoints, fit.TrainingSizes.Count);
        Assert.Equal(12, fit.HeldOutSizes.Count);
        Assert.Empty(fit.TrainingSizes.Intersect(fit.HeldOutSizes));
    }

    [Fact]
    public void Considers_no_per_term_form_when_a_point_has_no_terms()
    {
        ValidationPoint[] points = new[] { 4, 8, 16, 32, 64 }.Select(n => TermPoint(n, measuredScale: 1)).ToArray();
        points[2] = points[2] with { Terms = null };

        DeploymentFit fit = DeploymentFit.Fit(points)!;

        Assert.NotEqual(DeploymentFitKind.PerTerm, fit.Kind);
        Assert.Equal(
            new[] { DeploymentFitKind.AsGenerated, DeploymentFitKind.Scale, DeploymentFitKind.FixedPlusScale },
            fit.Candidates.Select(c => c.Kind));
    }

    [Fact]
    public void Leaves_out_sizes_measured_on_a_shared_core()
    {
        // The core's own speed follows the per-term truth; three sizes ran while another hardware thread
        // shared the core, 1.6x slower. A fit over the mix would describe neither speed.
        int[] sizes = { 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192 };
        int[] shared = { 16, 128, 512 };
        ValidationPoint[] points = sizes.Select(n => shared.Contains(n) ? SharedCore(TermPoint(n, measuredScale: 1.6)) : TermPoint(n, measuredScale: 1)).ToArray();

        DeploymentFit fit = DeploymentFit.Fit(points)!;

        Assert.Equal(shared, fit.SharedCoreSizesLeftOut);
        Assert.Empty(fit.SharedCoreSizesUsed);
        Assert.Empty(fit.TrainingSizes.Concat(fit.HeldOutSizes).Intersect(shared));
        Assert.Equal(new[] { 2, 0.8, 1.5 }, fit.Coefficients.Select(c => Math.Round(c.Value, 3)));
        Assert.Equal(0, fit.HeldOutMapeAfter, 4);
        Assert.Contains("16, 128, 512", fit.SharedCoreNote());
    }

    [Fact]
    public void Keeps_shared_core_sizes_when_too_few_sizes_had_a_core_of_their_own()
    {
        ValidationPoint[] points = new[] { 4, 8, 16, 32, 64 }.Select(n => TermPoint(n, measuredScale: 1)).ToArray();
        points[1] = SharedCore(points[1]);
        points[2] = SharedCore(points[2]);

        DeploymentFit fit = DeploymentFit.Fit(points)!;

        Assert.Empty(fit.SharedCoreSizesLeftOut);
        Assert.Equal(new[] { 8, 16 }, fit.SharedCoreSizesUsed);
        Assert.Equal(5, fit.TrainingSizes.Count + fit.HeldOutSizes.Count);
        Assert.Contains("kept", fit.SharedCoreNote());
    }

    [Fact]
    public void A_shared_core_outlier_does_not_move_a_fit_over_kept_shared_sizes()
    {
        // Every size but two ran on a shared core (so all are kept), at the core's own speed, except one
        // training size (4096) the sibling slowed 1.6x: the per-term coefficients are still recovered, and
        // the held-out sizes are predicted as if it had not been measured. (An outlier at a size that alone
        // pins a coefficient, 64 here, is another matter: it moves the leave-one-out choice, docs/accuracy.md.)
        int[] sizes = { 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384 };
        ValidationPoint[] points = sizes
            .Select(n => TermPoint(n, measuredScale: n == 4096 ? 1.6 : 1))
            .Select(p => p.Size is 4 or 8 ? p : SharedCore(p))
            .ToArray();

        DeploymentFit fit = DeploymentFit.Fit(points)!;

        Assert.Contains(4096, fit.TrainingSizes);
        Assert.Equal(sizes.Except(new[] { 4, 8 }), fit.SharedCoreSizesUsed);
        Assert.True(fit.Kind == DeploymentFitKind.PerTerm, fit.DescribeCandidates());
        Assert.Equal(new[] { 2, 0.8, 1.5 }, fit.Coefficients.Select(c => Math.Round(c.Value, 2)));
        Assert.Equal(0, fit.HeldOutMapeAfter, 3);
    }

    [Fact]
    public void Says_nothing_about_shared_cores_when_every_size_had_its_own()
    {
        DeploymentFit fit = DeploymentFit.Fit(new[] { 4, 8, 16, 32 }.Select(n => TermPoint(n, measuredScale: 1)).ToArray())!;

        Assert.Null(fit.SharedCoreNote());
    }

    [Fact]
    public void Mape_on_a_core_of_its_own_counts_only_those_sizes()
    {
        ValidationPoint[] points =
        {
            Point(1, predictedNs: 10, measuredNs: 10),
            Point(2, predictedNs: 10, measuredNs: 8),
            SharedCore(Point(3, predictedNs: 10, measuredNs: 20)),
        };
        var method = new MethodValidation("M", points, NotValidatedBecause: null);

        Assert.Equal(0.125, method.OwnCoreMape, 9);
        Assert.Equal((0 + 0.25 + 0.5) / 3, method.Mape, 9);
        Assert.True(double.IsNaN(new MethodValidation("M", new[] { points[2] }, null).OwnCoreMape));
    }

    [Fact]
    public void Prefers_one_scale_when_per_term_coefficients_only_fit_the_noise()
    {
        // Five terms, five training sizes, and the machine 1.3x the interface give or take 10% per size:
        // per-term coefficients fit every training size and miss the others; one scale does not.
        ValidationPoint[] points = Enumerable.Range(0, 10).Select(i =>
        {
            double n = 8 << i;
            var terms = new[]
            {
                new TermValue("0.0", "straight-line code", 10),
                new TermValue("0.1", "loop over n", 0.5 * n),
                new TermValue("0.2", "nest over n, n", 0.001 * n * n),
                new TermValue("0.3", "sort over n", 0.2 * n * Math.Log2(n)),
                new TermValue("0.4", "walk over sqrt n", 3 * Math.Sqrt(n)),
            };
            double predicted = terms.Sum(t => t.Nanoseconds);
            return Point((int)n, predicted, 1.3 * predicted * (i % 3 == 0 ? 1.1 : i % 3 == 1 ? 0.9 : 1.0)) with { Terms = terms };
        }).ToArray();

        DeploymentFit fit = DeploymentFit.Fit(points)!;

        Assert.Equal(DeploymentFitKind.Scale, fit.Kind);
        Assert.Contains("leave-one-out", fit.ChosenBecause);
        Assert.InRange(fit.Coefficients.Single().Value, 1.2, 1.45);
        Assert.True(fit.HeldOutMapeAfter < 0.1);
        FitCandidate perTerm = fit.Candidates.Single(c => c.Kind == DeploymentFitKind.PerTerm);
        Assert.True(perTerm.LeaveOneOutError > fit.Candidates.Single(c => c.Kind == DeploymentFitKind.Scale).LeaveOneOutError);
    }

    [Fact]
    public void Chooses_per_term_coefficients_when_only_they_describe_the_machine()
    {
        DeploymentFit fit = DeploymentFit.Fit(new[] { 4, 8, 16, 32, 64, 128, 256 }.Select(n => TermPoint(n, measuredScale: 1)).ToArray())!;

        Assert.Equal(DeploymentFitKind.PerTerm, fit.Kind);
        Assert.Contains("leave-one-out", fit.ChosenBecause);
        Assert.Equal(4, fit.Candidates.Count);
    }

    [Fact]
    public void Picks_one_scale_when_the_machine_is_a_constant_factor_off_the_interface()
    {
        // The right form is the simplest that fits: every term 1.25x, timings within ±2% (the per-term
        // form could fit it too, but gains nothing on sizes it has not seen).
        ValidationPoint[] points = new[] { 4, 8, 16, 32, 64, 128, 256, 512, 1024 }.Select((n, i) =>
        {
            ValidationPoint p = TermPoint(n, measuredScale: 1);
            return Point(n, p.Predicted.Nanoseconds, 1.25 * p.Predicted.Nanoseconds * (1 + (0.02 * ((i % 3) - 1)))) with { Terms = p.Terms };
        }).ToArray();

        DeploymentFit fit = DeploymentFit.Fit(points)!;

        Assert.Equal(DeploymentFitKind.Scale, fit.Kind);
        Assert.InRange(fit.Coefficients.Single().Value, 1.22, 1.28);
        Assert.True(fit.HeldOutMapeAfter < 0.025);
        Assert.True(fit.HeldOutMapeBefore > 0.15);
        Assert.StartsWith("1.2", fit.Describe());
    }

    [Fact]
    public void Keeps_the_interface_as_generated_when_the_sizes_show_only_noise()
    {
        // Measured = predicted, give or take 6% per size with no trend: no form can learn anything, and
        // a fitted one would only move the prediction by the noise of the sizes it saw.
        double[] noise = { 1.06, 0.94, 1.0, 0.94, 1.06, 1.0, 1.06, 0.94, 1.0 };
        ValidationPoint[] points = noise.Select((r, i) =>
        {
            ValidationPoint p = TermPoint(4 << i, measuredScale: 1);
            return Point(p.Size, p.Predicted.Nanoseconds, r * p.Predicted.Nanoseconds) with { Terms = p.Terms };
        }).ToArray();

        DeploymentFit fit = DeploymentFit.Fit(points)!;

        Assert.Equal(DeploymentFitKind.AsGenerated, fit.Kind);
        Assert.Empty(fit.Coefficients);
        Assert.Equal(fit.HeldOutMapeBefore, fit.HeldOutMapeAfter, 12);
        Assert.Equal("the interface as generated", fit.Describe());
    }

    [Fact]
    public void One_outlying_training_size_does_not_move_the_fit()
    {
        // The machine is 2x the interface; one training size (64) was timed 1.5x slower than that.
        // Least squares would meet it part-way and miss every other size; least absolute error does not.
        ValidationPoint[] points = new[] { 16, 32, 64, 128, 256, 512, 1024, 2048, 4096 }
            .Select(n => Point(n, predictedNs: n, measuredNs: (n == 64 ? 3 : 2) * n))
            .ToArray();

        DeploymentFit fit = DeploymentFit.Fit(points)!;

        Assert.Contains(64, fit.TrainingSizes);
        Assert.Equal(DeploymentFitKind.Scale, fit.Kind);
        Assert.Equal(2, fit.Coefficients.Single().Value, 4);   // within the solver's residual floor (1e-4)
        Assert.Equal(0, fit.HeldOutMapeAfter, 4);
    }

    [Fact]
    public void The_choice_never_sees_the_held_out_sizes()
    {
        // The same training sizes, held-out sizes measured 1x or 3x the interface: the chosen form and
        // its coefficients do not move; only the held-out error does.
        DeploymentFit Fitted(double heldOutScale) => DeploymentFit.Fit(new[] { 4, 8, 16, 32, 64, 128, 256 }
            .Select((n, i) => TermPoint(n, measuredScale: i % 2 == 0 ? 1 : heldOutScale)).ToArray())!;

        DeploymentFit one = Fitted(1);
        DeploymentFit three = Fitted(3);

        Assert.Equal(one.Kind, three.Kind);
        Assert.Equal(one.Coefficients, three.Coefficients);
        Assert.Equal(one.Candidates.Select(c => c.LeaveOneOutError), three.Candidates.Select(c => c.LeaveOneOutError));
        Assert.True(three.HeldOutMapeAfter > one.HeldOutMapeAfter + 0.5);
    }

    [Fact]
    public void A_repeated_size_goes_entirely_to_one_side()
    {
        // [PerformanceInputs(Sizes = …)] may list a size twice: 4, 4, 8, 8, 16, 16, 32.
        ValidationPoint[] points = new[] { 4, 4, 8, 8, 16, 16, 32 }.Select(n => Point(n, n, 5 + n)).ToArray();

        DeploymentFit fit = DeploymentFit.Fit(points)!;

        Assert.Empty(fit.TrainingSizes.Intersect(fit.HeldOutSizes));
        Assert.Equal(new[] { 8, 32 }, fit.HeldOutSizes.Distinct());
    }

    [Fact]
    public void A_median_of_zero_is_left_out_as_below_the_timers_resolution()
    {
        // The engine clamps max(0, sample − overhead): the smallest size can measure exactly 0 ns.
        ValidationPoint[] points = new[] { 1, 2, 4, 8, 16, 32, 64 }.Select(n => n == 1 ? new ValidationPoint(n, Latency.FromNanoseconds(n), Measured.BelowResolution()) : Point(n, n, 2 * n)).ToArray();
        Assert.Equal(0, points[0].Measured.Median.Nanoseconds);

        DeploymentFit fit = DeploymentFit.Fit(points)!;

        Assert.DoesNotContain(1, fit.TrainingSizes.Concat(fit.HeldOutSizes));
        Assert.Equal(new[] { 1 }, fit.UnmeasurableSizes);
        Assert.Contains("below the timer's resolution", fit.UnmeasurableNote());
        Assert.True(double.IsFinite(fit.HeldOutMapeBefore) && double.IsFinite(fit.HeldOutMapeAfter));
        Assert.All(fit.Candidates, c => Assert.True(double.IsFinite(c.LeaveOneOutError) && double.IsFinite(c.HeldOutMape)));
        Assert.True(fit.Coefficients.All(c => double.IsFinite(c.Value) && c.Value > 0));
        Assert.True(double.IsFinite(new MethodValidation("M", points, null).Mape));
    }

    [Fact]
    public void The_report_shows_the_dropped_first_measurement_and_labels_the_held_out_errors()
    {
        ValidationPoint[] points = new[] { 16, 32, 64, 128, 256, 512, 1024 }.Select(n => Point(n, n, 1.1 * n)).ToArray();
        var method = new MethodValidation("M", points, null) { DroppedFirstMeasurement = Measured.At(140) };
        var report = new ValidationReport("A", HardwareProfile.Reference, true, new[] { method }, MeasurementMode.Latency);

        string markdown = MarkdownReport.Write(report, null, "pix validate");

        Assert.Contains("size 16 was measured twice and its first measurement dropped", markdown);
        Assert.Contains("dropped 140", markdown);
        Assert.Contains("MAPE on the held-out sizes, not used to choose", markdown);
    }

    [Fact]
    public void Needs_at_least_four_sizes()
    {
        Assert.Null(DeploymentFit.Fit(new[] { Point(1, 1, 1), Point(2, 2, 2), Point(3, 3, 3) }));
    }

    private static ValidationPoint TermPoint(int n, double measuredScale)
    {
        var terms = new[]
        {
            new TermValue("0.0", "straight-line code", 10),
            new TermValue("0.1", "loop over n", 0.5 * n),
            new TermValue("0.2", "nest over n, n", 0.01 * n * n),
        };
        double measured = measuredScale * ((2 * 10) + (0.8 * 0.5 * n) + (1.5 * 0.01 * n * n));
        return Point(n, terms.Sum(t => t.Nanoseconds), measured) with { Terms = terms };
    }

    private static ValidationPoint Point(int size, double predictedNs, double measuredNs, bool coreShared = false) =>
        new(size, Latency.FromNanoseconds(predictedNs), Measured.At(measuredNs, coreShared));

    /// <summary>The same point, measured as if another hardware thread had shared the core.</summary>
    private static ValidationPoint SharedCore(ValidationPoint p) =>
        Point(p.Size, p.Predicted.Nanoseconds, p.Measured.Median.Nanoseconds, coreShared: true) with { Terms = p.Terms };
}
