using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Pix.Extraction.Symbolic;
using Pix.Model;
using Pix.Solver;

namespace Pix.ConstantTime.Balance;

/// <summary>
/// Decides whether two arms cost the same in every dimension (each operation class, each class on the
/// dependency chain) for every input. Identical polynomials prove it directly; when the arms test
/// inputs of their own (several pieces), the question goes to the solver. Anything short of a proof
/// keeps the branch reported.
/// </summary>
internal static class ArmComparer
{
    /// <summary>Compares the arms of every observation of one branch; balanced only if every observation is.</summary>
    public static ArmBalance Compare(
        IReadOnlyList<ArmCost[]> observations,
        IReadOnlyDictionary<string, Quantity> quantities,
        Lazy<SolverEngine> solver,
        CancellationToken cancellationToken)
    {
        if (observations.Count == 0)
        {
            return ArmBalance.Unbalanced("the interface model has no cost for this branch's arms");
        }

        ArmBalance? last = null;
        foreach (ArmCost[] arms in observations)
        {
            last = Compare(arms[0], arms[1], quantities, solver, cancellationToken);
            if (!last.IsBalanced)
            {
                return last;
            }
        }

        return last!;
    }

    private static ArmBalance Compare(
        ArmCost whenTrue,
        ArmCost whenFalse,
        IReadOnlyDictionary<string, Quantity> quantities,
        Lazy<SolverEngine> solver,
        CancellationToken cancellationToken)
    {
        if ((whenTrue.Inexact ?? whenFalse.Inexact) is { } inexact)
        {
            return ArmBalance.Unbalanced("the arms' costs cannot be compared: " + inexact);
        }

        if (whenTrue.Pieces.Count == 1 && whenFalse.Pieces.Count == 1)
        {
            return CompareCounts(whenTrue.Pieces[0], whenFalse.Pieces[0]);
        }

        if (whenTrue.Pieces.Count == whenFalse.Pieces.Count && whenTrue.Pieces.Zip(whenFalse.Pieces, (t, f) => t.SameAs(f)).All(same => same))
        {
            return ArmBalance.Balanced("the arms have the same guarded pieces with the same counts");
        }

        return ArmSolverQuestion.Ask(whenTrue, whenFalse, quantities, solver.Value, cancellationToken);
    }

    /// <summary>
    /// One piece each: identical counts prove equality. Different ones are reported without asking
    /// the solver: a nonzero polynomial is nonzero somewhere on the integers (only a difference of
    /// function atoms such as <c>⌈n/2⌉ + ⌊n/2⌋ − n</c> could vanish everywhere, and reporting it is the
    /// safe side).
    /// </summary>
    private static ArmBalance CompareCounts(ArmPiece whenTrue, ArmPiece whenFalse)
    {
        var differences = new List<string>();
        foreach (string dimension in whenTrue.Counts.Keys.Union(whenFalse.Counts.Keys).OrderBy(d => d, StringComparer.Ordinal))
        {
            Poly t = whenTrue.CountOf(dimension);
            Poly f = whenFalse.CountOf(dimension);
            if (!t.Equals(f))
            {
                differences.Add(DescribeDifference(dimension, t, f));
            }
        }

        return differences.Count == 0
            ? ArmBalance.Balanced("both arms have the same operation counts")
            : ArmBalance.Unbalanced(string.Join("; ", differences));
    }

    /// <summary><c>the true arm does 1 more IntegerMultiply</c>, or both counts when they are not constants.</summary>
    internal static string DescribeDifference(string dimension, Poly whenTrue, Poly whenFalse)
    {
        if (whenTrue.Minus(whenFalse).IsConstant(out double difference))
        {
            string arm = difference > 0 ? "true" : "false";
            return $"the {arm} arm does {ArmPiece.Describe(Poly.Const(Math.Abs(difference)), "more " + dimension)}";
        }

        return $"the arms differ in {dimension}: {ArmPiece.Describe(whenTrue, "when true")}, {ArmPiece.Describe(whenFalse, "when false")}";
    }
}
