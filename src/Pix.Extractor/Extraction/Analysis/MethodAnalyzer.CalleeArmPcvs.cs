using System.Collections.Generic;
using System.Linq;
using Pix.Extraction.Costs;
using Pix.Extraction.Inputs;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction.Analysis;

// Paths that fork on a branch-arm PCV (ArmHint) where not every guard survives: a callee called where the
// caller cannot express its other guards (the fork on the PCV must survive); a callee called inside the
// caller's loop (the PCV counts the calls taking the arm, or, if the paths do not allow it, the fork is
// dropped); a recursive method (the fork is dropped: recursionDepth would multiply a 0/1 choice).
internal sealed partial class MethodAnalyzer
{
    /// <summary>True when a guard of <paramref name="callee"/>'s paths reads a PCV (a hinted branch arm).</summary>
    private static bool ReadsArmPcv(MethodSummary callee) => callee.Alternatives.Any(a => ReadsPcv(a.Guard, callee.Quantities));

    private static bool ReadsPcv(Guard guard, QuantityTable quantities) =>
        GuardSymbols.Of(guard).Any(name => quantities.Find(name)?.Kind == QuantityKind.Pcv);

    /// <summary>The PCVs <paramref name="paths"/>' guards read, for messages.</summary>
    private static string PcvsRead(IEnumerable<PathAlternative> paths, QuantityTable quantities) =>
        string.Join(", ", paths.SelectMany(a => Symbols(a.Guard)).Where(name => quantities.Find(name)?.Kind == QuantityKind.Pcv)
            .Distinct().Select(name => $"'{quantities.Find(name)!.RequestedName}'"));

    /// <summary>
    /// A callee's paths at a call site where some of their guards read data the caller cannot express
    /// (<c>protocol == 6</c> for a protocol parsed from the packet), while others read arm PCVs, which must
    /// survive: each path's guard keeps the conjuncts the caller can express (<see cref="CostliestPerKeptGuard"/>).
    /// With <paramref name="dropArmPcvs"/> (a call inside a loop) the conjuncts reading arm PCVs are dropped too.
    /// </summary>
    /// <param name="callee">The callee.</param>
    /// <param name="substitution">The call site's substitution.</param>
    /// <param name="substituted">The callee's paths as substituted, in the callee's order (their guards unused).</param>
    /// <param name="dropArmPcvs">True to drop the guards on the callee's PCVs as well.</param>
    private static List<PathAlternative> CostliestPerExpressibleGuard(MethodSummary callee, CalleeSubstitution substitution, List<PathAlternative> substituted, bool dropArmPcvs)
    {
        var projected = new List<(Guard Guard, PathAlternative Path)>();
        for (int i = 0; i < substituted.Count; i++)
        {
            Guard kept = Conjuncts(callee.Alternatives[i].Guard)
                .Select(g => dropArmPcvs && ReadsPcv(g, callee.Quantities) ? null : substitution.SubstituteGuard(g))
                .Where(g => g is not null)
                .Aggregate(Guard.Always, (all, g) => Guard.And(all, g!));
            projected.Add((kept, substituted[i]));
        }

        return CostliestPerKeptGuard(projected);
    }

    /// <summary>
    /// This method's own paths with the guard conjuncts that read PCVs dropped: for a recursive method, whose
    /// per-invocation cost <c>recursionDepth</c> multiplies, a 0/1 arm PCV would say all invocations take the arm or none.
    /// </summary>
    private static List<PathAlternative> CostliestWithoutPcvGuards(IReadOnlyList<PathAlternative> paths, QuantityTable quantities) =>
        CostliestPerKeptGuard(paths
            .Select(path => (Conjuncts(path.Guard).Where(g => !ReadsPcv(g, quantities)).Aggregate(Guard.Always, (all, g) => Guard.And(all, g)), path))
            .ToList());

    /// <summary>
    /// Paths whose guards lost some conjuncts (each kept guard is the set of values where the path may run):
    /// tried costliest first, each takes the values no costlier path took, so for every value of what the
    /// guards still read, the price is the costliest path the dropped conjuncts allow.
    /// </summary>
    private static List<PathAlternative> CostliestPerKeptGuard(IReadOnlyList<(Guard Guard, PathAlternative Path)> projected)
    {
        var result = new List<PathAlternative>();
        var taken = new List<Guard>();
        foreach (var (guard, path) in projected.OrderByDescending(p => p.Path.Cost.SamplePrice(ComparisonSample)))
        {
            if (taken.Contains(guard))
            {
                continue; // a costlier path already takes every value this one could
            }

            // g ∧ ¬(earlier guards), leaving out ¬e where g is ¬e already.
            Guard exclusive = taken
                .Where(earlier => !guard.Equals(Guard.Not(earlier)))
                .Aggregate(guard, (all, earlier) => Guard.And(all, Guard.Not(earlier)));
            taken.Add(guard);
            result.Add(new PathAlternative(exclusive, path.Cost, path.Terminated));
            if (guard is TrueGuard)
            {
                break; // every value is taken
            }
        }

        return result;
    }

    /// <summary>
    /// A callee forking on one 0/1 arm PCV (and on nothing the caller can express), called inside a loop:
    /// as <see cref="CountArmRuns"/> for an arm in the loop itself, the caller's PCV counts the calls that
    /// take the arm over the loop's iterations, priced <c>runs·arm + (iterations − runs)·other</c>, each side
    /// its costliest path. False when the paths do not have that shape (nothing is added then).
    /// </summary>
    private bool TryCountCalleeArmRuns(MethodSummary callee, CalleeSubstitution substitution, List<PathAlternative> substituted)
    {
        if (RunsOfLoopBody() is not { } runs)
        {
            return false;
        }

        string? armPcv = null;
        var armPaths = new List<PathAlternative>();
        var otherPaths = new List<PathAlternative>();
        for (int i = 0; i < substituted.Count; i++)
        {
            bool? takesArm = null;
            foreach (Guard conjunct in Conjuncts(callee.Alternatives[i].Guard))
            {
                if (!ReadsPcv(conjunct, callee.Quantities))
                {
                    if (substitution.SubstituteGuard(conjunct) is not null)
                    {
                        return false; // a guard the caller could keep: the two forms do not combine
                    }

                    continue;
                }

                if (takesArm is not null || ArmTest(conjunct) is not var (name, arm) || (armPcv ?? name) != name)
                {
                    return false;
                }

                armPcv = name;
                takesArm = arm;
            }

            if (takesArm is null)
            {
                return false;
            }

            (takesArm.Value ? armPaths : otherPaths).Add(substituted[i]);
        }

        if (armPcv is null || armPaths.Count == 0 || otherPaths.Count == 0)
        {
            return false;
        }

        QuantityInfo hinted = callee.Quantities.Find(armPcv)!;
        Provenance where = hinted.Origin ?? callee.Origin; // the callee's hinted if
        QuantityInfo pcv = _quantities.Pcv(
            hinted.RequestedName,
            $"how many of the loop's iterations in one call take the hinted arm of {callee.Method.Name} (the others take its other arm)",
            runs,
            hinted.Origin);
        Poly armRuns = Poly.Of(pcv.Atom);
        AddWholeCallTerms(PathSet.Costliest(armPaths, ComparisonSample).Cost, armRuns, where, $"{callee.Method.Name}'s hinted arm, {pcv.Name} times");
        AddWholeCallTerms(PathSet.Costliest(otherPaths, ComparisonSample).Cost, runs.Minus(armRuns), where, $"{callee.Method.Name}'s other arm, the other iterations");
        AddMixedArmMisses(runs, armRuns, where, $"of {callee.Method.Name}'s hinted if");
        return true;
    }

    /// <summary>The PCV a fork on a hinted arm tests, and whether this side takes the arm (<c>pcv == 1</c>) or not.</summary>
    private static (string Name, bool TakesArm)? ArmTest(Guard guard) => guard switch
    {
        CompareGuard { Left: SymbolExpr pcv, Op: Comparison.Equal } test when test.Right.Equals(Expr.One) => (pcv.Name, true),
        NotGuard { Operand: CompareGuard { Left: SymbolExpr pcv, Op: Comparison.Equal } test } when test.Right.Equals(Expr.One) => (pcv.Name, false),
        _ => null,
    };

    private static IEnumerable<Guard> Conjuncts(Guard guard) =>
        guard is AndGuard and ? Conjuncts(and.Left).Concat(Conjuncts(and.Right)) : new[] { guard };

    private static IEnumerable<string> Symbols(Guard guard) =>
        Solver.QuantityDomain.GuardExpressions(guard).SelectMany(e => e.Symbols());
}
