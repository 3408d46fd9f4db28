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
    /// An <c>if</c> on data with a <c>PixHint.Pcv</c> opening one arm: instead of the costlier arm, the
    /// PCV the hint names says how often the hinted arm runs in one call. Outside loops it is 0 or 1 and
    /// the paths fork on it as on a <c>bool</c> parameter (<see cref="ForkOnArm"/>); inside loops it counts
    /// the arm's runs over all iterations, 0 to their number (<see cref="CountArmRuns"/>). False (after a
    /// diagnostic) when the hint cannot apply here, and the branch is priced as any other.
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

        Poly? runs = InLoop ? RunsOfLoopBody() : Poly.One;
        string? unusable =
            hint.Name is null ? "The PCV's name must be a constant C# identifier; the hint was ignored and the costlier arm kept."
            // In a callee or a local function the data reach the branch through the caller's arguments.
            : guard is not null ? "This method's parameters (or the fields it reads) decide this branch: it becomes a guarded piece over them, re-expressed through the arguments at each call; the hint was ignored."
            : InLoop && (whenTrue.Jumps || whenFalse.Jumps) ? "Inside a loop, an arm that leaves (return, throw, break, continue) changes the iteration count, which the loop's PCV counts; the hint was ignored and the costlier arm kept."
            : runs is null ? "The enclosing loops' iteration counts depend on each other (a triangular nest), so the arm's runs have no simple bound; the hint was ignored and the costlier arm kept."
            : null;
        if (unusable is not null)
        {
            AddGap(GapKind.MisplacedHint, "PixHint.Pcv", unusable, hint.Call);
            return false;
        }

        string armName = hint.OnTrueArm ? "then-arm" : "else-arm";
        string condition = conditional.Condition.Syntax.ToString();
        // The generated comment adds where (the origin: "if (…) at lines …") and the bound.
        string counts = InLoop
            ? $"how many of the loop's iterations in one call take the {armName} (the others take the other arm)"
            : $"1 when the {armName} runs, 0 when the other arm does";
        // The PCV's origin is the whole branch: the constant-time cross-check reads its condition from there.
        Provenance branch = SourceLocations.Of(conditional, $"if ({condition})");
        QuantityInfo pcv = HintedPcv(hint.Name!, hint.Description is { Length: > 0 } d ? $"{d}: {counts}" : counts, runs, branch, hint.Call);

        ObserveArms(conditional, whenTrue, whenFalse);
        if (InLoop)
        {
            CountArmRuns(conditional, hint, pcv, runs!, whenTrue, whenFalse);
        }
        else
        {
            ForkOnArm(conditional, hint, pcv, whenTrue, whenFalse);
        }

        return true;
    }

    /// <summary>Outside loops: one path per arm, <c>pcv == 1</c> for the hinted one.</summary>
    private void ForkOnArm(IConditionalOperation conditional, ArmHint hint, QuantityInfo pcv, Arm whenTrue, Arm whenFalse)
    {
        Guard hinted = Guard.Compare(Expr.Symbol(pcv.Name), Comparison.Equal, Expr.One);
        Fork(
            conditional,
            new[]
            {
                whenTrue with { Guard = hint.OnTrueArm ? hinted : Guard.Not(hinted) },
                whenFalse with { Guard = hint.OnTrueArm ? Guard.Not(hinted) : hinted },
            });
    }

    /// <summary>
    /// Inside loops: each arm is walked on its own (as <see cref="CostliestArm"/> does) and its costliest
    /// path becomes terms that count whole calls: the hinted arm <c>pcv</c> times, the other
    /// <c>runs − pcv</c> times, where <c>runs</c> is how often the loop body runs per call. The loops
    /// around leave these counts as they are (<see cref="PendingTerm.CountsWholeCall"/>). An arm's
    /// straight-line code is priced by throughput: its dependency chain joins the iteration's, which the
    /// loop's block prices.
    /// </summary>
    private void CountArmRuns(IConditionalOperation conditional, ArmHint hint, QuantityInfo pcv, Poly runs, Arm whenTrue, Arm whenFalse)
    {
        var costs = WalkArmsApart(new[] { whenTrue, whenFalse })
            .Select(arm => PathSet.Costliest(arm.Paths, ComparisonSample).Cost)
            .ToList();

        Poly hintedRuns = Poly.Of(pcv.Atom);
        string armName = hint.OnTrueArm ? "then-arm" : "else-arm", otherName = hint.OnTrueArm ? "else-arm" : "then-arm";
        int line = SourceLocations.Line(conditional);
        IOperation? otherArm = hint.OnTrueArm ? conditional.WhenFalse : conditional.WhenTrue;
        AddWholeCallTerms(
            costs[hint.OnTrueArm ? 0 : 1],
            hintedRuns,
            SourceLocations.Of(hint.OnTrueArm ? conditional.WhenTrue : conditional.WhenFalse!, $"{armName} of if at line {line}"),
            $"{armName} at line {line}, {pcv.Name} times");
        AddWholeCallTerms(
            costs[hint.OnTrueArm ? 1 : 0],
            runs.Minus(hintedRuns),
            SourceLocations.Of(otherArm ?? conditional, $"{otherName} of if at line {line}"),
            $"{otherName} at line {line}, the other iterations");
        AddMixedArmMisses(runs, hintedRuns, SourceLocations.Of(conditional, $"if at line {line}"), $"of the if at line {line}");
    }

    private void AddWholeCallTerms(CostAccumulator arm, Poly runs, Provenance where, string description)
    {
        if (!arm.Operations.IsEmpty || arm.Opaque.Count > 0)
        {
            _paths.AddTerm(new PendingTerm(PendingTerm.CreateBlock(arm.Operations, chain: null, arm.Opaque), runs, where, description) { CountsWholeCall = true });
        }

        foreach (PendingTerm term in arm.Terms)
        {
            _paths.AddTerm(term.WithCount(count => count.Times(runs)) with { CountsWholeCall = true });
        }

        if (arm.Slack is not null)
        {
            _paths.AddSlack(arm.Slack.Select(term => term.WithCount(count => count.Times(runs)) with { CountsWholeCall = true }).ToList());
        }
    }

    /// <summary>
    /// How often the innermost loop's body runs in one call: the product of the enclosing loops' trip
    /// counts; null when one of them reads another's loop variable (a dependent nest).
    /// </summary>
    private Poly? RunsOfLoopBody()
    {
        Poly runs = Poly.One;
        foreach (LoopFrame frame in _loops)
        {
            if (frame.Trips.ContainsAtom(a => a is LoopVariableAtom))
            {
                return null;
            }

            runs = runs.Times(frame.Trips);
        }

        return runs;
    }

    /// <summary>
    /// The PCV a <c>PixHint.Pcv</c> (or <c>PixHint.ColdLoads</c>) names. Two hints in one method naming the same PCV would silently
    /// become <c>name</c> and <c>name_2</c>: the second is reported, under the hint the user wrote, so the user can pick another name.
    /// </summary>
    private QuantityInfo HintedPcv(string name, string description, Poly? bound, Provenance where, IOperation hint, int trailingTier = 0)
    {
        if (!_hintedNames.TryGetValue(name, out SyntaxNode? first))
        {
            _hintedNames[name] = hint.Syntax;
        }

        QuantityInfo pcv = _quantities.Pcv(name, description, bound, where, trailingTier);
        if (first is not null && first != hint.Syntax)
        {
            AddGap(
                GapKind.MisplacedHint,
                // The hint the user wrote: a loop's PixHint.Pcv is reported at its loop.
                hint is IInvocationOperation call ? "PixHint." + call.TargetMethod.Name : "PixHint.Pcv",
                $"Another hint in this method (line {first.GetLocation().GetLineSpan().StartLinePosition.Line + 1}) already names the PCV '{name}'; this one became '{pcv.Name}'. Give each hint its own name.",
                hint);
        }

        return pcv;
    }
}
