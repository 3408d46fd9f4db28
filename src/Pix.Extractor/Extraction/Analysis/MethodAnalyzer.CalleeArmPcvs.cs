using System.Collections.Generic;
using System.Linq;
using Pix.Extraction.Costs;
using Pix.Model;

namespace Pix.Extraction.Analysis;

// A callee whose paths fork on a branch-arm PCV (ArmHint), called where the caller cannot express the
// callee's other guards: the fork on the PCV must survive the substitution.
internal sealed partial class MethodAnalyzer
{
    /// <summary>True when a guard of <paramref name="callee"/>'s paths reads a PCV (a hinted branch arm).</summary>
    private static bool ReadsArmPcv(MethodSummary callee) =>
        callee.Alternatives.Any(a => Symbols(a.Guard).Any(name => callee.Quantities.Find(name)?.Kind == QuantityKind.Pcv));

    /// <summary>
    /// A callee's paths at a call site where some of their guards read data the caller cannot express
    /// (<c>protocol == 6</c> for a protocol parsed from the packet), while others read arm PCVs, which must
    /// survive. Each path's guard keeps the conjuncts the caller can express and drops the others (the set of
    /// values where it may run); the paths are tried costliest first, each taking the values no costlier path
    /// took: for every value of the kept quantities, the costliest path the dropped data allow.
    /// </summary>
    /// <param name="callee">The callee.</param>
    /// <param name="substitution">The call site's substitution.</param>
    /// <param name="substituted">The callee's paths as substituted, in the callee's order (their guards unused).</param>
    private static List<PathAlternative> CostliestPerExpressibleGuard(MethodSummary callee, CalleeSubstitution substitution, List<PathAlternative> substituted)
    {
        var projected = new List<(Guard Guard, PathAlternative Path, double Price)>();
        for (int i = 0; i < substituted.Count; i++)
        {
            Guard kept = Conjuncts(callee.Alternatives[i].Guard)
                .Select(substitution.SubstituteGuard)
                .Where(g => g is not null)
                .Aggregate(Guard.Always, (all, g) => Guard.And(all, g!));
            projected.Add((kept, substituted[i], substituted[i].Cost.SamplePrice(ComparisonSample)));
        }

        var result = new List<PathAlternative>();
        var taken = new List<Guard>();
        foreach (var (guard, path, _) in projected.OrderByDescending(p => p.Price))
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
            result.Add(new PathAlternative(exclusive, path.Cost));
            if (guard is TrueGuard)
            {
                break; // every value is taken
            }
        }

        return result;
    }

    private static IEnumerable<Guard> Conjuncts(Guard guard) =>
        guard is AndGuard and ? Conjuncts(and.Left).Concat(Conjuncts(and.Right)) : new[] { guard };

    private static IEnumerable<string> Symbols(Guard guard) =>
        guard.Children().SelectMany(child => child switch
        {
            Guard g => Symbols(g),
            Expr e => e.Symbols(),
            _ => Enumerable.Empty<string>(),
        });
}
