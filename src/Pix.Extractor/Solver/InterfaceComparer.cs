using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Pix.Model;

namespace Pix.Solver;

/// <summary>An input where two interfaces differ beyond the tolerance, with both predictions.</summary>
/// <param name="Witness">The input (quantity values by name).</param>
/// <param name="Baseline">The baseline's prediction there.</param>
/// <param name="Current">The current interface's prediction there.</param>
/// <param name="Engine">Which engine found it.</param>
public sealed record Difference(IReadOnlyDictionary<string, double> Witness, Latency Baseline, Latency Current, string Engine)
{
    /// <summary>The relative change, current / baseline − 1 (infinity when the baseline is 0).</summary>
    public double RelativeChange => Baseline.Nanoseconds == 0 ? double.PositiveInfinity : Current.Nanoseconds / Baseline.Nanoseconds - 1;

    /// <summary><c>data.Length = 4096: 1.21 µs → 1.63 µs (+35%)</c>.</summary>
    public override string ToString()
    {
        string inputs = Witness.Count == 0
            ? "every input"
            : string.Join(", ", Witness.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => p.Key + " = " + p.Value.ToString("0", CultureInfo.InvariantCulture)));
        string change = double.IsInfinity(RelativeChange)
            ? "from zero"
            : (RelativeChange >= 0 ? "+" : "−") + Math.Abs(RelativeChange * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
        return $"{inputs}: {Baseline} → {Current} ({change})";
    }
}

/// <summary>How a method's current interface compares with its baseline.</summary>
/// <param name="Slower">An input where it is slower beyond the tolerance (null: none found or proved none).</param>
/// <param name="Faster">An input where it is faster beyond the tolerance.</param>
/// <param name="Growth">Quantities whose complexity class grew.</param>
/// <param name="Engine">The engine that answered.</param>
/// <param name="SlowerOpen">
/// Why "is there an input where it is slower?" stayed open (the engine's detail: a timeout, arithmetic out of its reach);
/// null when it was settled. <see cref="Slower"/> is then null without meaning "no regression".
/// </param>
/// <param name="FasterOpen">The same for "is there an input where it is faster?".</param>
public sealed record InterfaceComparison(
    Difference? Slower,
    Difference? Faster,
    IReadOnlyList<(string Quantity, ComplexityClass Before, ComplexityClass After)> Growth,
    string Engine,
    string? SlowerOpen,
    string? FasterOpen)
{
    /// <summary>True when the current interface regressed (slower or grew).</summary>
    public bool IsRegression => Slower is not null || Growth.Count > 0;

    /// <summary><c>O(n) → O(n²) in data.Length</c> for each grown quantity, joined by "; ".</summary>
    public string DescribeGrowth() =>
        string.Join("; ", Growth.Select(g => $"{g.Before} → {g.After} in {g.Quantity}"));
}

/// <summary>
/// Compares a current interface with its baseline: "is there an input where it is slower (faster) by
/// more than the tolerance?" through a <see cref="SolverEngine"/> with witness minimisation, and the
/// complexity class per quantity. Shared by the regression analyzer and <c>pix diff</c>.
/// </summary>
public static class InterfaceComparer
{
    /// <summary>Compares <paramref name="current"/> with <paramref name="baseline"/> on <paramref name="hw"/>.</summary>
    public static InterfaceComparison Compare(
        InterfaceModel baseline,
        InterfaceModel current,
        double tolerance,
        HardwareProfile hw,
        SolverEngine engine,
        SolverOptions options,
        CancellationToken cancellationToken)
    {
        if (SameCost.Holds(baseline, current))
        {
            // Equal latency for every input: nothing beyond any tolerance, no growth, no query.
            return new InterfaceComparison(null, null, System.Array.Empty<(string, ComplexityClass, ComplexityClass)>(), "structure", null, null);
        }

        var question = new RegressionQuestion(baseline, current, tolerance, hw);
        Difference? slower = Find(question, baseline, current, hw, engine, options, out string? slowerOpen, cancellationToken);
        Difference? faster = Find(question.Reversed(), baseline, current, hw, engine, options, out string? fasterOpen, cancellationToken);
        return new InterfaceComparison(slower, faster, ComplexityClass.Growth(baseline, current, hw), engine.Name, slowerOpen, fasterOpen);
    }

    private static Difference? Find(
        RegressionQuestion question, InterfaceModel baseline, InterfaceModel current, HardwareProfile hw,
        SolverEngine engine, SolverOptions options, out string? open, CancellationToken cancellationToken)
    {
        SolverAnswer answer = WitnessSearch.FindSmallest(engine, question, options, cancellationToken);
        open = answer.Verdict == SolverVerdict.Unknown ? answer.Detail : null;

        if (answer.Verdict != SolverVerdict.Found)
        {
            return null;
        }

        return new Difference(
            answer.Witness,
            ModelEvaluator.Evaluate(baseline, answer.Witness, hw),
            ModelEvaluator.Evaluate(current, answer.Witness, hw),
            answer.Engine);
    }
}
