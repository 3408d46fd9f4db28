using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pix.Extraction.Costs;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.ConstantTime.Balance;

/// <summary>
/// One arm of a secret branch as the interface model prices it: per piece (a path through the arm,
/// guarded by inputs the arm itself tests), the count of every operation class, and of every class
/// on the loop-carried chain of each loop in the arm, as polynomials over the method's quantities. Loads and stores are
/// operation classes, so equal counts mean the same number and kind of memory accesses.
/// </summary>
/// <param name="Pieces">The arm's pieces in order; the last one is unguarded.</param>
/// <param name="Inexact">
/// Why the model's cost of this arm is not exact, so equal counts would prove nothing (an opaque
/// call, a PCV, a branch on data whose costlier arm was kept, the analysis budget); null when exact.
/// </param>
internal sealed record ArmCost(IReadOnlyList<ArmPiece> Pieces, string? Inexact)
{
    /// <summary>Prefix of the dimensions that count operations on the dependency chain.</summary>
    public const string ChainPrefix = "chain ";

    /// <summary>The arm's cost from the extractor's path alternatives (the extractor's own cost lowering).</summary>
    public static ArmCost From(IReadOnlyList<PathAlternative> alternatives, Func<string, bool> isPcv, string? inexact)
    {
        var pieces = new List<ArmPiece>();
        for (int i = 0; i < alternatives.Count; i++)
        {
            CostAccumulator cost = alternatives[i].Cost;
            var counts = new Dictionary<string, Poly>(StringComparer.Ordinal);
            // The straight-line longest path is not compared: it runs through values computed before
            // the branch (a swap of two long-chained values would "cost" their chains). The chains of
            // loops inside the arm are the loops' own, and are compared.
            Add(counts, string.Empty, cost.Operations.ToCounts(), Poly.One);
            if (cost.Opaque.Count > 0)
            {
                inexact ??= "it calls " + cost.Opaque.Keys.First() + ", whose cost the model does not know";
            }

            foreach (PendingTerm term in cost.Terms)
            {
                Add(counts, string.Empty, term.Block.Operations, term.Count);
                Add(counts, ChainPrefix, term.Block.Chain, term.Count);
                if (!term.Block.Opaque.IsEmpty)
                {
                    inexact ??= "it calls " + term.Block.Opaque[0].Name + ", whose cost the model does not know";
                }
            }

            Guard when = i == alternatives.Count - 1 ? Guard.Always : alternatives[i].Guard;
            var piece = new ArmPiece(when, counts.Where(c => !c.Value.IsZero).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal));
            if (piece.Symbols().FirstOrDefault(isPcv) is { } pcv)
            {
                inexact ??= "its cost reads the PCV '" + pcv + "', a quantity no input determines";
            }

            pieces.Add(piece);
        }

        return new ArmCost(pieces, inexact);
    }

    private static void Add(Dictionary<string, Poly> counts, string prefix, IEnumerable<OperationCount> operations, Poly times)
    {
        foreach (OperationCount operation in operations)
        {
            string key = prefix + operation.Class.ToString();
            Poly added = times.Scale(operation.Count);
            counts[key] = counts.TryGetValue(key, out Poly? existing) ? existing.Plus(added) : added;
        }
    }
}

/// <summary>One path through an arm: its guard and its counts by dimension (zero counts left out).</summary>
internal sealed record ArmPiece(Guard When, IReadOnlyDictionary<string, Poly> Counts)
{
    /// <summary>The count of <paramref name="dimension"/> (zero when absent).</summary>
    public Poly CountOf(string dimension) => Counts.TryGetValue(dimension, out Poly? p) ? p : Poly.Zero;

    /// <summary>Every symbol the guard and the counts read.</summary>
    public IEnumerable<string> Symbols() =>
        Counts.Values.SelectMany(c => c.ToExpr().Symbols())
            .Concat(Pix.Solver.QuantityDomain.GuardExpressions(When).SelectMany(e => e.Symbols()))
            .Distinct(StringComparer.Ordinal);

    /// <summary>True when both pieces have the same guard and the same count in every dimension.</summary>
    public bool SameAs(ArmPiece other) =>
        When.Equals(other.When) &&
        Counts.Count == other.Counts.Count &&
        Counts.All(c => other.Counts.TryGetValue(c.Key, out Poly? o) && o.Equals(c.Value));

    /// <summary><c>3 Load</c>, <c>2·n IntegerAlu</c>: a count as people read it.</summary>
    public static string Describe(Poly count, string dimension)
    {
        string amount = count.IsConstant(out double c) ? c.ToString("0.##", CultureInfo.InvariantCulture) : "(" + count + ")";
        return amount + " " + dimension;
    }
}
