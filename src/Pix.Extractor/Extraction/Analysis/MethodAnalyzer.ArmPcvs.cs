using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Costs;
using Pix.Extraction.Inputs;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction.Analysis;

internal sealed partial class MethodAnalyzer
{
    /// <summary>
    /// The names hinted in this method, with the hint that asked first (a duplicate is renamed
    /// <c>_2</c> by the quantity table and reported). Keyed by the hint's syntax so the constant-time
    /// observer's second walk over an arm does not count its hints twice.
    /// </summary>
    private readonly Dictionary<string, SyntaxNode> _hintedNames = new(System.StringComparer.Ordinal);

    /// <summary>
    /// An <c>if</c> on data with a <c>PixHint.Pcv</c> opening one arm: instead of the costlier arm,
    /// the paths fork on the PCV the hint names (<c>runs == 1</c>: the hinted arm, else the other),
    /// as they fork on a <c>bool</c> parameter. False (after a diagnostic) when the hint cannot apply
    /// here, and the branch is priced as any other.
    /// </summary>
    private bool TryCountedArms(IConditionalOperation conditional, Guard? guard, Arm whenTrue, Arm whenFalse)
    {
        if (ArmHint.Read(conditional) is not { } hint)
        {
            return false;
        }

        if (ArmHint.Redundant(conditional) is { } second)
        {
            AddGap(
                GapKind.MisplacedHint,
                "PixHint.Pcv",
                "Both arms of this branch are hinted; the then-arm's PCV already says which arm runs, so this hint was ignored.",
                second);
        }

        string? unusable =
            hint.Name is null ? "The PCV's name must be a constant C# identifier; the hint was ignored and the costlier arm kept."
            : guard is not null ? "The method's inputs decide this branch (it becomes a guarded piece); the hint was ignored."
            : InLoop ? "A branch-arm PCV inside a loop is not supported yet (a 0/1 value cannot say how many iterations take the arm); the hint was ignored and the costlier arm kept."
            : null;
        if (unusable is not null)
        {
            AddGap(GapKind.MisplacedHint, "PixHint.Pcv", unusable, hint.Call);
            return false;
        }

        string armName = hint.OnTrueArm ? "then-arm" : "else-arm";
        string condition = conditional.Condition.Syntax.ToString();
        // The generated comment adds where (the origin: "if (…) at lines …") and the bound.
        string counts = $"1 when the {armName} runs, 0 when the other arm does";
        // The PCV's origin is the whole branch: the constant-time cross-check reads its condition from there.
        Provenance branch = SourceLocations.Of(conditional, $"if ({condition})");
        QuantityInfo runs = HintedPcv(hint.Name!, hint.Description is { Length: > 0 } d ? $"{d}: {counts}" : counts, Poly.One, branch, hint.Call);

        ObserveArms(conditional, whenTrue, whenFalse);
        Guard hintedRuns = Guard.Compare(Expr.Symbol(runs.Name), Comparison.Equal, Expr.One);
        Fork(
            conditional,
            new[]
            {
                whenTrue with { Guard = hint.OnTrueArm ? hintedRuns : Guard.Not(hintedRuns) },
                whenFalse with { Guard = hint.OnTrueArm ? Guard.Not(hintedRuns) : hintedRuns },
            });
        return true;
    }

    /// <summary>
    /// The PCV a <c>PixHint.Pcv</c> names. Two hints in one method naming the same PCV would silently
    /// become <c>name</c> and <c>name_2</c>: the second is reported, so the user can pick another name.
    /// </summary>
    private QuantityInfo HintedPcv(string name, string description, Poly? bound, Provenance where, IOperation hint)
    {
        if (!_hintedNames.TryGetValue(name, out SyntaxNode? first))
        {
            _hintedNames[name] = hint.Syntax;
        }

        QuantityInfo pcv = _quantities.Pcv(name, description, bound, where);
        if (first is not null && first != hint.Syntax)
        {
            AddGap(
                GapKind.MisplacedHint,
                "PixHint.Pcv",
                $"Another hint in this method (line {first.GetLocation().GetLineSpan().StartLinePosition.Line + 1}) already names the PCV '{name}'; this one became '{pcv.Name}'. Give each hint its own name.",
                hint);
        }

        return pcv;
    }

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
