using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pix.Model;

namespace Pix.Solver;

/// <summary>
/// Decides a <see cref="SolverQuestion"/> at one point with the reference semantics
/// (<see cref="ModelEvaluator"/>). Z3's witnesses are checked with it before anyone sees them, and the
/// fallback engine searches with it, so both engines mean exactly what the evaluator means.
/// </summary>
public static class QuestionEvaluator
{
    /// <summary>True when <paramref name="point"/> is in the domain and answers "yes" to <paramref name="question"/>.</summary>
    public static bool Holds(SolverQuestion question, IReadOnlyDictionary<string, double> point, out string why)
    {
        if (!InDomain(question, point, out why))
        {
            return false;
        }

        HardwareProfile hw = question.Profile;
        switch (question)
        {
            case RegressionQuestion r:
            {
                double baseline = ModelEvaluator.Evaluate(r.Baseline, point, hw).Nanoseconds;
                double current = ModelEvaluator.Evaluate(r.Current, point, hw).Nanoseconds;
                why = $"baseline {Ns(baseline)}, current {Ns(current)}";
                return current > (1 + r.Tolerance) * baseline && current - baseline >= r.MinimumDifferenceNs;
            }

            case BudgetQuestion b:
            {
                if (b.PieceIndex is { } index && !SelectsPiece(b.Model, point, index))
                {
                    why = $"the input does not select piece {index + 1}";
                    return false;
                }

                double cost = ModelEvaluator.Evaluate(b.Model, point, hw).Nanoseconds;
                why = $"cost {Ns(cost)}, budget {Ns(b.BudgetNs)}";
                return cost > b.BudgetNs;
            }

            case ConstantTimeQuestion c:
            {
                double first = ModelEvaluator.Evaluate(c.Model, point, hw).Nanoseconds;
                double second = ModelEvaluator.Evaluate(c.Model, SecondInput(c, point), hw).Nanoseconds;
                why = $"first {Ns(first)}, second {Ns(second)}";
                return Math.Abs(first - second) > c.ToleranceNs;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(question), question.GetType().Name, "Unknown question kind.");
        }
    }

    /// <summary>The second input of a constant-time witness: the first with each secret replaced by its copy.</summary>
    public static IReadOnlyDictionary<string, double> SecondInput(ConstantTimeQuestion question, IReadOnlyDictionary<string, double> point)
    {
        var second = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, double> p in point)
        {
            if (!p.Key.EndsWith(ConstantTimeQuestion.SecondCopy, StringComparison.Ordinal))
            {
                second[p.Key] = p.Value;
            }
        }

        foreach (string secret in question.Secrets)
        {
            if (point.TryGetValue(secret + ConstantTimeQuestion.SecondCopy, out double v))
            {
                second[secret] = v;
            }
        }

        return second;
    }

    /// <summary>True when <paramref name="point"/> selects the piece at <paramref name="index"/> of <paramref name="model"/>.</summary>
    public static bool SelectsPiece(InterfaceModel model, IReadOnlyDictionary<string, double> point, int index)
    {
        for (int i = 0; i < model.Pieces.Count; i++)
        {
            if (ModelEvaluator.Holds(model.Pieces[i].When, model, point))
            {
                return i == index;
            }
        }

        return false;
    }

    /// <summary>The input's size: the sum of the absolute values of its quantities (what minimisation lowers).</summary>
    public static double Size(IReadOnlyDictionary<string, double> point) => point.Values.Sum(Math.Abs);

    private static bool InDomain(SolverQuestion question, IReadOnlyDictionary<string, double> point, out string why)
    {
        IReadOnlyList<Quantity> quantities = question.Quantities();
        var all = new List<(string Name, QuantityKind Kind)>(quantities.Select(q => (q.Name, q.Kind)));
        if (question is ConstantTimeQuestion ct)
        {
            all.AddRange(ct.Secrets.Select(s => (s + ConstantTimeQuestion.SecondCopy, quantities.FirstOrDefault(q => q.Name == s)?.Kind ?? QuantityKind.Size)));
        }

        foreach ((string name, QuantityKind kind) in all)
        {
            if (!point.TryGetValue(name, out double v))
            {
                why = $"no value for {name}";
                return false;
            }

            if (v != Math.Floor(v) || v < QuantityDomain.Minimum(kind) || v > question.MaximumOf(name, kind))
            {
                why = $"{name} = {v.ToString(CultureInfo.InvariantCulture)} is outside its domain";
                return false;
            }
        }

        foreach (Quantity q in quantities.Where(q => q.Bound is not null))
        {
            if (!WithinBound(q, point) || question is ConstantTimeQuestion c && !WithinBound(q, SecondInput(c, point)))
            {
                why = $"{q.Name} exceeds its bound {q.Bound}";
                return false;
            }
        }

        if (question.InputSizeLimit is { } limit && Size(point) > Math.Floor(limit))
        {
            why = "the input is larger than the size limit";
            return false;
        }

        why = string.Empty;
        return true;
    }

    private static bool WithinBound(Quantity q, IReadOnlyDictionary<string, double> point) =>
        point[q.Name] <= ModelEvaluator.Evaluate(q.Bound!, name => point.TryGetValue(name, out double v) ? v : 0);

    private static string Ns(double ns) => ns.ToString("0.###", CultureInfo.InvariantCulture) + " ns";
}
