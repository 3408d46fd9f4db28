using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Cli.Validation;

/// <summary>The forms a <see cref="DeploymentFit"/> can take, fewest coefficients first.</summary>
internal enum DeploymentFitKind
{
    /// <summary>No coefficient changed: the training sizes gave no form a clear gain over the interface as generated.</summary>
    AsGenerated,

    /// <summary><c>measured ≈ scale · predicted</c>: the whole interface off by one factor on this deployment.</summary>
    Scale,

    /// <summary><c>measured ≈ fixed + scale · predicted</c>: a constant cost the interface does not carry, plus one factor.</summary>
    FixedPlusScale,

    /// <summary>One non-negative coefficient per term of the interface: <c>measured ≈ Σ cₖ · termₖ</c> (needs the terms, <c>--project</c>).</summary>
    PerTerm,
}

/// <summary>One fitted coefficient: a term of the interface (or, for the coarser forms, the fixed cost in ns or the scale).</summary>
internal sealed record FittedCoefficient(string Label, double Value);

/// <summary>A form fitted to some sizes: its coefficients and its prediction for any size.</summary>
internal sealed record TrainedForm(DeploymentFitKind Kind, IReadOnlyList<FittedCoefficient> Coefficients, Func<ValidationPoint, double> Predict)
{
    /// <summary>Mean |predicted − measured| / measured over <paramref name="points"/>.</summary>
    public double Mape(IEnumerable<ValidationPoint> points) => points.Average(p => Math.Abs(Predict(p) - FitForm.Measured(p)) / FitForm.Measured(p));
}

/// <summary>
/// Fits each <see cref="DeploymentFitKind"/> to training sizes by least absolute relative error
/// (<see cref="LeastAbsoluteRelativeError"/>), and estimates how well it predicts sizes it did not see by leave-one-out.
/// </summary>
internal static class FitForm
{
    /// <summary>
    /// Weight of the pull of every per-term coefficient towards 1 (the interface as generated), in
    /// units of one training size's weight. Terms whose counts grow alike over the sweep
    /// (<c>count</c>, <c>count × word.Length</c> and <c>builderLength</c> when the word is fixed)
    /// cannot be told apart by the data; without the pull, the solver gives one of them everything
    /// and the others 0. With it, such terms share the correction, and a coefficient moves from 1 only
    /// as far as the measurements ask.
    /// </summary>
    public const double PullTowardsGenerated = 1e-6;

    /// <summary>The display name of a form.</summary>
    public static string Name(DeploymentFitKind kind) => kind switch
    {
        DeploymentFitKind.AsGenerated => "as generated",
        DeploymentFitKind.Scale => "scale",
        DeploymentFitKind.FixedPlusScale => "fixed + scale",
        _ => "per term",
    };

    /// <summary>
    /// <paramref name="kind"/> fitted to <paramref name="training"/>. Per-term coefficients are listed
    /// for every term <paramref name="labelled"/> carries; a term none of the training sizes exercises
    /// keeps its coefficient 1.
    /// </summary>
    public static TrainedForm Train(DeploymentFitKind kind, IReadOnlyList<ValidationPoint> training, IEnumerable<ValidationPoint> labelled) => kind switch
    {
        DeploymentFitKind.AsGenerated => new TrainedForm(kind, [], p => p.Predicted.Nanoseconds),
        DeploymentFitKind.Scale => Scale(training),
        DeploymentFitKind.FixedPlusScale => FixedPlusScale(training),
        _ => PerTerm(training, labelled),
    };

    /// <summary>
    /// Mean relative error on each training size of the form fitted to the others: how well the form
    /// predicts a size it did not see, estimated without looking at any held-out size.
    /// </summary>
    public static double LeaveOneOutError(DeploymentFitKind kind, IReadOnlyList<ValidationPoint> training) =>
        training.Select(left =>
        {
            // A size listed twice is left out whole: its twin would otherwise predict it.
            TrainedForm fit = Train(kind, training.Where(p => p.Size != left.Size).ToArray(), training);
            return Math.Abs(fit.Predict(left) - Measured(left)) / Measured(left);
        }).Average();

    internal static double Measured(ValidationPoint p) => p.Measured.Median.Nanoseconds;

    private static TrainedForm Scale(IReadOnlyList<ValidationPoint> training)
    {
        double[] x = LeastAbsoluteRelativeError.Solve(
            training.Select(p => new[] { p.Predicted.Nanoseconds / Measured(p) }).ToArray(),
            training.Select(_ => 1.0).ToArray());
        return new TrainedForm(DeploymentFitKind.Scale, [new("scale", x[0])], p => x[0] * p.Predicted.Nanoseconds);
    }

    private static TrainedForm FixedPlusScale(IReadOnlyList<ValidationPoint> training)
    {
        double[] x = LeastAbsoluteRelativeError.Solve(
            training.Select(p => new[] { 1 / Measured(p), p.Predicted.Nanoseconds / Measured(p) }).ToArray(),
            training.Select(_ => 1.0).ToArray());
        return new TrainedForm(
            DeploymentFitKind.FixedPlusScale,
            [new("fixed ns", x[0]), new("scale", x[1])],
            p => x[0] + (x[1] * p.Predicted.Nanoseconds));
    }

    private static TrainedForm PerTerm(IReadOnlyList<ValidationPoint> training, IEnumerable<ValidationPoint> labelled)
    {
        // Columns: the terms the training sizes exercise (a term that is zero on all of them, or one of
        // a piece only held-out sizes reach, cannot be fitted and keeps its coefficient 1).
        string[] keys = training.SelectMany(p => p.Terms!).Where(t => t.Nanoseconds != 0).Select(t => t.Key).Distinct().ToArray();
        double pull = Math.Sqrt(PullTowardsGenerated);
        double[][] a = training.Select(p => keys.Select(k => TermNs(p, k) / Measured(p)).ToArray())
            .Concat(keys.Select((_, i) => keys.Select((_, j) => i == j ? pull : 0).ToArray()))
            .ToArray();
        double[] b = training.Select(_ => 1.0).Concat(keys.Select(_ => pull)).ToArray();
        double[] x = LeastAbsoluteRelativeError.Solve(a, b, penaltyRows: keys.Length);
        var coefficient = keys.Select((k, i) => (k, x[i])).ToDictionary(p => p.k, p => p.Item2, StringComparer.Ordinal);

        var labels = training.Concat(labelled).SelectMany(p => p.Terms!).GroupBy(t => t.Key).ToDictionary(g => g.Key, g => g.First().Label, StringComparer.Ordinal);
        FittedCoefficient[] listed = labels.OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => new FittedCoefficient(l.Value, coefficient.TryGetValue(l.Key, out double c) ? c : 1))
            .ToArray();
        return new TrainedForm(
            DeploymentFitKind.PerTerm,
            listed,
            p => p.Terms!.Sum(t => (coefficient.TryGetValue(t.Key, out double c) ? c : 1) * t.Nanoseconds));
    }

    private static double TermNs(ValidationPoint p, string key) => p.Terms!.Where(t => t.Key == key).Sum(t => t.Nanoseconds);
}
