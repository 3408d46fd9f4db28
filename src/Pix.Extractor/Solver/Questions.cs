using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Model;

namespace Pix.Solver;

/// <summary>
/// A question a <see cref="SolverEngine"/> answers: "is there an input, within the quantities'
/// domains, where …?". Every engine answers every kind, so callers never depend on which engine ran.
/// </summary>
/// <remarks>
/// Costs are priced on <see cref="Profile"/> before any engine sees them: block summaries become
/// nanosecond constants, so the questions are about counts, guards and quantities only.
/// </remarks>
public abstract record SolverQuestion
{
    private protected SolverQuestion(HardwareProfile profile) => Profile = profile;

    /// <summary>The profile that prices every block.</summary>
    public HardwareProfile Profile { get; }

    /// <summary>
    /// When set, only inputs whose size (the sum of the absolute values of the quantities) is at most
    /// this are considered; witness minimisation lowers it step by step.
    /// </summary>
    public double? InputSizeLimit { get; init; }

    /// <summary>
    /// Upper bounds the user gave for quantities (by name), on top of their domains: a budget holds
    /// for the inputs the method is specified for (<c>[InputBound("data.Length", 4096)]</c>), not up to
    /// 2^31. Null or empty: only the domains apply. Every engine and the evaluator honour them.
    /// </summary>
    public IReadOnlyDictionary<string, double>? InputBounds { get; init; }

    /// <summary>The highest value <paramref name="name"/> (of <paramref name="kind"/>) may take in this question.</summary>
    public double MaximumOf(string name, QuantityKind kind)
    {
        double max = QuantityDomain.Maximum(kind);
        if (name.EndsWith(ConstantTimeQuestion.SecondCopy, StringComparison.Ordinal))
        {
            name = name.Substring(0, name.Length - ConstantTimeQuestion.SecondCopy.Length); // a second input's copy has the same bound
        }

        return InputBounds is { } bounds && bounds.TryGetValue(name, out double bound) ? Math.Min(max, Math.Floor(bound)) : max;
    }

    /// <summary>The models the question reads.</summary>
    public abstract IReadOnlyList<InterfaceModel> Models { get; }

    /// <summary>Every quantity the question ranges over, merged by name (first declaration wins).</summary>
    public IReadOnlyList<Quantity> Quantities() => QuantityDomain.Merge(Models);
}

/// <summary>
/// Regression: is there an input where <see cref="Current"/> costs more than
/// <c>(1 + <see cref="Tolerance"/>) ×</c> <see cref="Baseline"/>, and more by at least
/// <see cref="MinimumDifferenceNs"/>?
/// </summary>
public sealed record RegressionQuestion(
    InterfaceModel Baseline,
    InterfaceModel Current,
    double Tolerance,
    HardwareProfile Profile,
    double MinimumDifferenceNs = 0) : SolverQuestion(Profile)
{
    /// <inheritdoc/>
    public override IReadOnlyList<InterfaceModel> Models => new[] { Baseline, Current };

    /// <summary>The same question with the models swapped: "is there an input where it got faster?".</summary>
    public RegressionQuestion Reversed() => this with { Baseline = Current, Current = Baseline };
}

/// <summary>
/// Latency budget: is there an input where <see cref="Model"/> costs more than <see cref="BudgetNs"/>?
/// With <see cref="PieceIndex"/>, only inputs that piece prices count (one input class at a time).
/// </summary>
public sealed record BudgetQuestion(InterfaceModel Model, double BudgetNs, HardwareProfile Profile) : SolverQuestion(Profile)
{
    /// <summary>
    /// When set, the input must select this piece of <see cref="Model"/> (its guard holds, no earlier
    /// one does), so each input class gets its own witness; null: any input.
    /// </summary>
    public int? PieceIndex { get; init; }

    /// <inheritdoc/>
    public override IReadOnlyList<InterfaceModel> Models => new[] { Model };
}

/// <summary>
/// Constant time: are there two inputs that agree on every quantity except <see cref="Secrets"/>
/// and have different costs? The witness holds both: secrets of the second under
/// <see cref="ConstantTimeQuestion.SecondCopy"/>-suffixed names.
/// </summary>
public sealed record ConstantTimeQuestion(InterfaceModel Model, EquatableArray<string> Secrets, HardwareProfile Profile)
    : SolverQuestion(Profile)
{
    /// <summary>Suffix of the second input's copy of a secret quantity in a witness.</summary>
    public const string SecondCopy = "'";

    /// <summary>Costs closer than this (ns) count as equal (prices are floating-point).</summary>
    public double ToleranceNs { get; init; } = 1e-6;

    /// <inheritdoc/>
    public override IReadOnlyList<InterfaceModel> Models => new[] { Model };
}

/// <summary>The domain every engine gives a quantity.</summary>
public static class QuantityDomain
{
    /// <summary>Upper bound of every input quantity: C# sizes and <c>int</c> parameters fit in 31 bits.</summary>
    public const double InputMaximum = int.MaxValue;

    /// <summary>
    /// The lowest value of <paramref name="kind"/>: sizes, flags and PCVs are never negative; integer
    /// parameters and state can be (guards such as <c>n &lt; 0</c> select pieces).
    /// </summary>
    public static double Minimum(QuantityKind kind) =>
        kind is QuantityKind.Value or QuantityKind.State ? -InputMaximum : 0;

    /// <summary>The highest value of <paramref name="kind"/> (flags are 0/1).</summary>
    public static double Maximum(QuantityKind kind) => kind == QuantityKind.Flag ? 1 : InputMaximum;

    /// <summary>
    /// Every quantity of <paramref name="models"/> by name (first declaration wins), plus any symbol an
    /// expression reads without declaring it (treated as a non-negative size, the safe reading).
    /// </summary>
    public static IReadOnlyList<Quantity> Merge(IEnumerable<InterfaceModel> models)
    {
        var byName = new Dictionary<string, Quantity>(StringComparer.Ordinal);
        var order = new List<Quantity>();
        foreach (InterfaceModel model in models)
        {
            foreach (Quantity q in model.Quantities)
            {
                if (!byName.ContainsKey(q.Name))
                {
                    byName[q.Name] = q;
                    order.Add(q);
                }
            }

            foreach (string name in ReferencedSymbols(model))
            {
                if (!byName.ContainsKey(name))
                {
                    var undeclared = new Quantity(name, QuantityKind.Size, null, "undeclared symbol");
                    byName[name] = undeclared;
                    order.Add(undeclared);
                }
            }
        }

        return order;
    }

    /// <summary>Every symbol the pieces, guards and PCV bounds of <paramref name="model"/> read.</summary>
    public static IEnumerable<string> ReferencedSymbols(InterfaceModel model)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (Piece piece in model.Pieces)
        {
            foreach (Expr e in GuardExpressions(piece.When))
            {
                names.UnionWith(e.Symbols());
            }

            foreach (Term term in piece.Terms)
            {
                names.UnionWith(term.Count.Symbols());
            }
        }

        foreach (Quantity q in model.Quantities)
        {
            if (q.Bound is { } bound)
            {
                names.UnionWith(bound.Symbols());
            }
        }

        return names;
    }

    /// <summary>The expressions a guard compares.</summary>
    public static IEnumerable<Expr> GuardExpressions(Guard guard)
    {
        var stack = new Stack<Guard>();
        stack.Push(guard);
        while (stack.Count > 0)
        {
            Guard g = stack.Pop();
            foreach (object child in g.Children())
            {
                if (child is Expr e)
                {
                    yield return e;
                }
                else if (child is Guard sub)
                {
                    stack.Push(sub);
                }
            }
        }
    }
}
