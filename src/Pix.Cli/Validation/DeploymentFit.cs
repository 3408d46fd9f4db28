using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Calibration;

namespace Pix.Cli.Validation;

/// <summary>How a <see cref="DeploymentFit"/> corrects the interface.</summary>
internal enum DeploymentFitKind
{
    /// <summary>One non-negative coefficient per term of the interface: <c>measured ≈ Σ cₖ · termₖ</c>.</summary>
    PerTerm,

    /// <summary>
    /// <c>measured ≈ fixed + scale · predicted</c>: when the terms are not known (no <c>--project</c> to
    /// extract the model from), only the whole prediction can be rescaled.
    /// </summary>
    FixedPlusScale,
}

/// <summary>One fitted coefficient: a term of the interface (or, for <see cref="DeploymentFitKind.FixedPlusScale"/>, the fixed cost in ns or the scale).</summary>
internal sealed record FittedCoefficient(string Label, double Value);

/// <summary>
/// A deployment-specific version of one interface: its structure kept (pieces, guards, terms), its
/// coefficients fitted to measurements of the method on this machine by non-negative least squares
/// (relative error) on at most <see cref="MaxTrainingPoints"/> sizes — every other size of the sorted
/// sweep — and judged only on the sizes it did not see.
/// </summary>
/// <remarks>
/// Sizes measured while another hardware thread shared the core (<see cref="MeasurementResult.CoreShared"/>)
/// are left out when at least <see cref="MinPoints"/> sizes had a core of their own: on this kind of
/// machine a shared core runs the same code 1.3–2x slower, so a sweep whose sizes straddle the two
/// speeds is fitted by coefficients that describe neither (held-out errors of 13–28% where the
/// unshared sizes alone fit within 1%). The deployment the fit describes is the core on its own.
/// </remarks>
/// <param name="Kind">Per term, or fixed + scale.</param>
/// <param name="Coefficients">The fitted coefficients, in a stable order.</param>
/// <param name="TrainingSizes">The sizes the coefficients were fitted to.</param>
/// <param name="HeldOutSizes">The sizes the fit is judged on.</param>
/// <param name="HeldOutMapeBefore">MAPE on the held-out sizes with the interface as generated.</param>
/// <param name="HeldOutMapeAfter">MAPE on the held-out sizes after the fit.</param>
/// <param name="SharedCoreSizesLeftOut">Sizes measured on a shared core that took no part (neither trained on nor judged).</param>
/// <param name="SharedCoreSizesUsed">Sizes measured on a shared core that took part because too few had a core of their own.</param>
internal sealed record DeploymentFit(
    DeploymentFitKind Kind,
    IReadOnlyList<FittedCoefficient> Coefficients,
    IReadOnlyList<int> TrainingSizes,
    IReadOnlyList<int> HeldOutSizes,
    double HeldOutMapeBefore,
    double HeldOutMapeAfter,
    IReadOnlyList<int> SharedCoreSizesLeftOut,
    IReadOnlyList<int> SharedCoreSizesUsed)
{
    /// <summary>Why a fixed cost and a scale were fitted although the points carry their terms; null otherwise.</summary>
    public string? ChosenBecause { get; init; }

    /// <summary>At most this many sizes train the fit (the rest are held out).</summary>
    public const int MaxTrainingPoints = 8;

    /// <summary>
    /// How much lower (relative error) fixed + scale's leave-one-out error must be to replace per-term
    /// coefficients: where both fit alike, the per-term fit says more (which term is off).
    /// </summary>
    public const double ClearlyBetter = 0.01;

    /// <summary>Fewer sizes than this leave nothing to judge a fit with: no fit.</summary>
    public const int MinPoints = 4;

    /// <summary>
    /// Weight of the pull of every per-term coefficient towards 1 (the interface as generated), in
    /// units of one training size's squared relative error. Terms whose counts grow alike over the
    /// sweep (<c>count</c>, <c>count × word.Length</c> and <c>builderLength</c> when the word is fixed)
    /// cannot be told apart by the data; without the pull, least squares gives one of them everything
    /// and the others 0. With it, such terms share the correction, and a coefficient moves from 1 only
    /// as far as the measurements ask: the bias is about 1e-6 relative where the data decides.
    /// </summary>
    public const double PullTowardsGenerated = 1e-6;

    /// <summary>
    /// Fits per term when every point carries its terms, else fixed + scale. Null when fewer than
    /// <see cref="MinPoints"/> points (nothing would be left to judge the fit with).
    /// </summary>
    public static DeploymentFit? Fit(IReadOnlyList<ValidationPoint> points)
    {
        ValidationPoint[] sorted = points.OrderBy(p => p.Size).ToArray();
        ValidationPoint[] ownCore = sorted.Where(p => !p.Measured.CoreShared).ToArray();
        ValidationPoint[] basis = ownCore.Length >= MinPoints ? ownCore : sorted;
        if (basis.Length < MinPoints)
        {
            return null;
        }

        ValidationPoint[] training = basis.Where((_, i) => i % 2 == 0).Take(MaxTrainingPoints).ToArray();
        ValidationPoint[] heldOut = basis.Except(training).ToArray();
        double before = heldOut.Average(p => p.AbsoluteError);
        DeploymentFit fit = basis.All(p => p.Terms is { Count: > 0 })
            ? Choose(training, heldOut, before)
            : FixedPlusScale(training, heldOut, before);
        return fit with
        {
            SharedCoreSizesLeftOut = Sizes(sorted.Except(basis)),
            SharedCoreSizesUsed = Sizes(basis.Where(p => p.Measured.CoreShared)),
        };
    }

    /// <summary>
    /// Per term, unless a fixed cost and one scale predict the training sizes better under
    /// leave-one-out: with about as many terms as training sizes, per-term coefficients can fit every
    /// training size exactly and still miss the sizes between them (a sweep timed partly on a shared
    /// core gave 48% on held-out sizes per term where the interface as generated had 25%). The choice
    /// sees the training sizes only; the held-out sizes still judge whichever is chosen.
    /// </summary>
    private static DeploymentFit Choose(ValidationPoint[] training, ValidationPoint[] heldOut, double before)
    {
        DeploymentFit perTerm = PerTerm(training, heldOut, before);
        if (training.Length < 3)
        {
            return perTerm;
        }

        double perTermError = LeaveOneOutError(training, t => PerTermPredictor(t));
        double scaleError = LeaveOneOutError(training, t => FixedPlusScalePredictor(t));
        return scaleError < perTermError - ClearlyBetter
            ? FixedPlusScale(training, heldOut, before) with
            {
                ChosenBecause = $"chosen over per-term coefficients by leave-one-out on the training sizes ({Output.Format.Percent(scaleError)} against {Output.Format.Percent(perTermError)})",
            }
            : perTerm;
    }

    /// <summary>Mean relative error on each training size of a fit to the others.</summary>
    private static double LeaveOneOutError(ValidationPoint[] training, Func<ValidationPoint[], Func<ValidationPoint, double>> fit) =>
        training.Select((left, i) =>
        {
            Func<ValidationPoint, double> predict = fit(training.Where((_, j) => j != i).ToArray());
            return Math.Abs(predict(left) - Measured(left)) / Measured(left);
        }).Average();

    private static DeploymentFit PerTerm(ValidationPoint[] training, ValidationPoint[] heldOut, double before)
    {
        Dictionary<string, double> coefficient = PerTermCoefficients(training);
        Func<ValidationPoint, double> corrected = p => PerTermCorrected(coefficient, p);
        double after = heldOut.Average(p => Math.Abs(corrected(p) - Measured(p)) / Measured(p));

        var labels = training.Concat(heldOut).SelectMany(p => p.Terms!).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.First().Label, StringComparer.Ordinal);
        var coefficients = labels.OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => new FittedCoefficient(l.Value, coefficient.TryGetValue(l.Key, out double c) ? c : 1))
            .ToArray();
        return new DeploymentFit(DeploymentFitKind.PerTerm, coefficients, Sizes(training), Sizes(heldOut), before, after, [], []);
    }

    private static Func<ValidationPoint, double> PerTermPredictor(ValidationPoint[] training)
    {
        Dictionary<string, double> coefficient = PerTermCoefficients(training);
        return p => PerTermCorrected(coefficient, p);
    }

    private static Dictionary<string, double> PerTermCoefficients(ValidationPoint[] training)
    {
        // Columns: the terms the training sizes exercise (a term that is zero on all of them, or one of
        // a piece only held-out sizes reach, cannot be fitted and keeps its coefficient 1).
        string[] keys = training.SelectMany(p => p.Terms!).Where(t => t.Nanoseconds != 0).Select(t => t.Key).Distinct().ToArray();
        double pull = Math.Sqrt(PullTowardsGenerated);
        double[][] a = training.Select(p => keys.Select(k => TermNs(p, k) / Measured(p)).ToArray())
            .Concat(keys.Select((_, i) => keys.Select((_, j) => i == j ? pull : 0).ToArray()))
            .ToArray();
        double[] b = training.Select(_ => 1.0).Concat(keys.Select(_ => pull)).ToArray();
        double[] x = NonNegativeLeastSquares.Solve(a, b);
        return keys.Select((k, i) => (k, x[i])).ToDictionary(p => p.k, p => p.Item2, StringComparer.Ordinal);
    }

    private static double PerTermCorrected(Dictionary<string, double> coefficient, ValidationPoint p) =>
        p.Terms!.Sum(t => (coefficient.TryGetValue(t.Key, out double c) ? c : 1) * t.Nanoseconds);

    private static DeploymentFit FixedPlusScale(ValidationPoint[] training, ValidationPoint[] heldOut, double before)
    {
        double[] x = FixedPlusScaleCoefficients(training);
        double after = heldOut.Average(p => Math.Abs(x[0] + (x[1] * p.Predicted.Nanoseconds) - Measured(p)) / Measured(p));
        var coefficients = new[] { new FittedCoefficient("fixed ns", x[0]), new FittedCoefficient("scale", x[1]) };
        return new DeploymentFit(DeploymentFitKind.FixedPlusScale, coefficients, Sizes(training), Sizes(heldOut), before, after, [], []);
    }

    private static Func<ValidationPoint, double> FixedPlusScalePredictor(ValidationPoint[] training)
    {
        double[] x = FixedPlusScaleCoefficients(training);
        return p => x[0] + (x[1] * p.Predicted.Nanoseconds);
    }

    private static double[] FixedPlusScaleCoefficients(ValidationPoint[] training)
    {
        double[][] a = training.Select(p => new[] { 1 / Measured(p), p.Predicted.Nanoseconds / Measured(p) }).ToArray();
        double[] b = training.Select(_ => 1.0).ToArray();
        return NonNegativeLeastSquares.Solve(a, b);
    }

    /// <summary>One line: <c>0.93 × loop over data.Length + 1.4 × straight-line code</c>, or <c>5.5 ns + 1.02 × predicted</c>.</summary>
    public string Describe() => Kind == DeploymentFitKind.FixedPlusScale
        ? $"{Output.Format.Ns(Coefficients[0].Value)} ns + {Output.Format.Number(Coefficients[1].Value, "0.###")} × predicted"
        : string.Join(" + ", Coefficients.Select(c => $"{Output.Format.Number(c.Value, "0.###")} × [{c.Label}]"));

    /// <summary>What the fit did with sizes measured on a shared core; null when every size had a core of its own.</summary>
    public string? SharedCoreNote() =>
        SharedCoreSizesLeftOut.Count > 0
            ? $"sizes {string.Join(", ", SharedCoreSizesLeftOut)} were measured on a shared core and left out"
            : SharedCoreSizesUsed.Count > 0
                ? $"sizes {string.Join(", ", SharedCoreSizesUsed)} were measured on a shared core and kept: fewer than {MinPoints} sizes had a core of their own"
                : null;

    private static double TermNs(ValidationPoint p, string key) => p.Terms!.Where(t => t.Key == key).Sum(t => t.Nanoseconds);

    private static int[] Sizes(IEnumerable<ValidationPoint> points) => points.Select(p => p.Size).ToArray();

    private static double Measured(ValidationPoint p) => p.Measured.Median.Nanoseconds;
}
