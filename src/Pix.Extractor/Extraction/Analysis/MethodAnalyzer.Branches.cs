using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Costs;
using Pix.Model;

namespace Pix.Extraction.Analysis;

internal sealed partial class MethodAnalyzer
{
    private const string DataBranch = "branch on data";

    /// <summary>The value all atoms take when alternatives are compared by price (see docs/extractor.md).</summary>
    internal const double ComparisonSample = 64;

    /// <summary>
    /// One arm of a branch: the guard that selects it (null when data decide), how to walk it, and
    /// whether it ends in a jump (return, throw, break, continue) — such an arm is an exit the paths
    /// or the loop's PCV already account for, so it does not make a branch "data-dependent".
    /// </summary>
    private readonly record struct Arm(Guard? Guard, Func<DependencyFlow> Walk, bool Jumps = false);

    private void VisitIf(IConditionalOperation conditional)
    {
        DependencyFlow condition = Evaluate(conditional.Condition);
        Emit(OperationClass.Branch);
        bool trueThrows = EndsInThrow(conditional.WhenTrue);
        if (trueThrows != EndsInThrow(conditional.WhenFalse))
        {
            // One way throws: a call that returns goes the other (MethodAnalyzer.ExceptionalPaths.cs).
            VisitStatement(trueThrows ? conditional.WhenFalse : conditional.WhenTrue);
            return;
        }

        Guard? guard = _inputs.GuardOf(conditional.Condition);
        OperationVector? misses = guard is null ? EmitExpectedMisses(conditional.Condition) : null;
        var writtenBefore = misses is null ? null : _region.Snapshot();
        var whenTrue = new Arm(null, () => { VisitStatement(conditional.WhenTrue); return DependencyFlow.None; }, EndsInJump(conditional.WhenTrue));
        var whenFalse = new Arm(null, () => { VisitStatement(conditional.WhenFalse); return DependencyFlow.None; }, EndsInJump(conditional.WhenFalse));
        if (!TryCountedArms(conditional, guard, whenTrue, whenFalse))
        {
            Branch(conditional, guard, whenTrue, whenFalse);
        }

        if (writtenBefore is not null)
        {
            _region.WrittenSinceDependOn(writtenBefore, AfterMispredictedBranch(condition, misses));
        }
    }

    private static bool EndsInJump(IOperation? statement) =>
        statement is not null
        && LastStatement(statement) is IReturnOperation or IBranchOperation or IExpressionStatementOperation { Operation: IThrowOperation } or IThrowOperation;

    /// <summary>The statement that runs last in <paramref name="statement"/>: the last of nested blocks' last statements.</summary>
    private static IOperation LastStatement(IOperation statement)
    {
        while (statement is IBlockOperation { Operations.Length: > 0 } block)
        {
            statement = block.Operations[block.Operations.Length - 1];
        }

        return statement;
    }

    private DependencyFlow ConditionalExpression(IConditionalOperation conditional)
    {
        DependencyFlow condition = Evaluate(conditional.Condition);
        Emit(OperationClass.Branch);
        bool trueThrows = IsThrowExpression(conditional.WhenTrue);
        if (trueThrows != IsThrowExpression(conditional.WhenFalse))
        {
            // `c ? value : throw …`: a call that returns takes the value (MethodAnalyzer.ExceptionalPaths.cs).
            return DependencyFlow.Combine(condition, Evaluate(trueThrows ? conditional.WhenFalse : conditional.WhenTrue));
        }

        Guard? guard = _inputs.GuardOf(conditional.Condition);
        OperationVector? misses = guard is null ? EmitExpectedMisses(conditional.Condition, conditional.WhenTrue, conditional.WhenFalse) : null;
        DependencyFlow arms = Branch(
            conditional,
            guard,
            new Arm(null, () => Evaluate(conditional.WhenTrue)),
            new Arm(null, () => Evaluate(conditional.WhenFalse)));
        return DependencyFlow.Combine(AfterMispredictedBranch(condition, misses), arms);
    }

    /// <summary>A two-way branch: constant folds, input guards fork the paths, data keep the costlier arm.</summary>
    private DependencyFlow Branch(IOperation site, Guard? guard, Arm whenTrue, Arm whenFalse)
    {
        if (guard is TrueGuard)
        {
            return whenTrue.Walk();
        }

        if (guard is NotGuard { Operand: TrueGuard })
        {
            return whenFalse.Walk();
        }

        ObserveArms(site, whenTrue, whenFalse);
        return guard is null
            ? CostliestArm(site, new[] { whenTrue, whenFalse })
            : Fork(site, new[] { whenTrue with { Guard = guard }, whenFalse with { Guard = Guard.Not(guard) } });
    }

    private void VisitSwitch(ISwitchOperation @switch)
    {
        DependencyFlow governing = Evaluate(@switch.Value);
        _region.Observe(governing);
        var guards = new List<Guard?>();
        var walks = new List<Func<DependencyFlow>>();
        var throws = new List<bool>();
        int defaultIndex = -1;
        foreach (ISwitchCaseOperation section in @switch.Cases)
        {
            throws.Add(EndsInThrow(section.Body));
            Guard? guard = Guard.Not(Guard.Always);
            foreach (ICaseClauseOperation clause in section.Clauses)
            {
                Guard? clauseGuard = clause switch
                {
                    IDefaultCaseClauseOperation => null,
                    ISingleValueCaseClauseOperation single => CaseGuard(@switch.Value, single.Value),
                    IPatternCaseClauseOperation { Guard: null } pattern => _inputs.Pattern(@switch.Value, pattern.Pattern),
                    _ => null,
                };
                if (clause is IDefaultCaseClauseOperation)
                {
                    defaultIndex = guards.Count;
                    continue;
                }

                guard = clauseGuard is null || guard is null ? null : Or(guard, clauseGuard);
            }

            guards.Add(guard);
            ISwitchCaseOperation body = section;
            walks.Add(() =>
            {
                foreach (IOperation statement in body.Body)
                {
                    VisitStatement(statement);
                }

                return DependencyFlow.None;
            });
        }

        // A jump table or a compare chain: one compare-and-branch per section in the worst case.
        Emit(OperationVector.Of((OperationClass.IntegerAlu, Math.Max(1, guards.Count)), (OperationClass.Branch, Math.Max(1, guards.Count))));
        if (defaultIndex < 0)
        {
            // No default section: an unmatched value runs none.
            guards.Add(null);
            walks.Add(() => DependencyFlow.None);
            throws.Add(false);
            defaultIndex = guards.Count - 1;
        }

        MultiwayBranch(@switch, guards, walks, throws, defaultIndex);
    }

    private Guard? CaseGuard(IOperation value, IOperation caseValue)
    {
        Symbolic.Poly? left = _inputs.Number(value);
        Symbolic.Poly? right = _inputs.Number(caseValue);
        return left is not null && right is not null && Inputs.InputResolver.IsInputOnly(left)
            ? Guard.Compare(left.ToExpr(), Comparison.Equal, right.ToExpr())
            : null;
    }

    private DependencyFlow SwitchExpression(ISwitchExpressionOperation @switch)
    {
        DependencyFlow governing = Evaluate(@switch.Value);
        var guards = new List<Guard?>();
        var walks = new List<Func<DependencyFlow>>();
        var throws = new List<bool>();
        int defaultIndex = -1;
        foreach (ISwitchExpressionArmOperation arm in @switch.Arms)
        {
            throws.Add(IsThrowExpression(arm.Value));
            Guard? guard = arm.Guard is null ? _inputs.Pattern(@switch.Value, arm.Pattern) : null;
            if (arm.Pattern is IDiscardPatternOperation && arm.Guard is null)
            {
                defaultIndex = guards.Count;
            }

            guards.Add(guard);
            walks.Add(() => Evaluate(arm.Value));
        }

        Emit(OperationVector.Of((OperationClass.IntegerAlu, Math.Max(1, guards.Count)), (OperationClass.Branch, Math.Max(1, guards.Count))));
        if (defaultIndex < 0)
        {
            // No discard arm: the unmatched case throws SwitchExpressionException.
            guards.Add(null);
            walks.Add(() => DependencyFlow.None);
            throws.Add(true);
            defaultIndex = guards.Count - 1;
        }

        return DependencyFlow.Combine(governing, MultiwayBranch(@switch, guards, walks, throws, defaultIndex));
    }

    /// <summary>
    /// Sections tried in order; the default section (at <paramref name="defaultIndex"/>) takes what
    /// none matched. When every guard is over inputs, the paths fork with mutually exclusive guards
    /// (<c>g_k ∧ ¬g_1 ∧ … ∧ ¬g_{k-1}</c>); otherwise the costliest section is kept. Sections that throw
    /// (<paramref name="throws"/>) are not walked unless all do (MethodAnalyzer.ExceptionalPaths.cs): a call
    /// that returns matched another, and when one section is left, it is simply walked.
    /// </summary>
    private DependencyFlow MultiwayBranch(IOperation site, List<Guard?> guards, List<Func<DependencyFlow>> walks, List<bool> throws, int defaultIndex)
    {
        List<int> returning = ReturningArms(throws);
        if (returning.Count == 1)
        {
            return walks[returning[0]]();
        }

        bool allKnown = guards.Where((_, i) => i != defaultIndex).All(g => g is not null);
        if (!allKnown)
        {
            return CostliestArm(site, returning.Select(i => new Arm(null, walks[i])).ToList());
        }

        var arms = new List<Arm>();
        Guard earlier = Guard.Not(Guard.Always);
        for (int i = 0; i < guards.Count; i++)
        {
            if (i == defaultIndex)
            {
                continue;
            }

            if (returning.Contains(i))
            {
                arms.Add(new Arm(Guard.And(guards[i]!, Guard.Not(earlier)), walks[i]));
            }

            // A throwing section's values still go to it, not to the sections after it.
            earlier = Or(earlier, guards[i]!);
        }

        if (returning.Contains(defaultIndex))
        {
            arms.Add(new Arm(Guard.Not(earlier), walks[defaultIndex]));
        }

        return Fork(site, arms);
    }

    /// <summary>
    /// Forks every live path into one path per arm (guards conjoined). Arm guards must be mutually
    /// exclusive and exhaustive, which keeps the whole path set so.
    /// </summary>
    private DependencyFlow Fork(IOperation site, IReadOnlyList<Arm> arms)
    {
        var live = _paths.Live.ToList();
        var result = new List<PathAlternative>(_paths.Finished);
        var environmentBefore = SnapshotEnvironment();
        var regionBefore = _region.Snapshot();
        var environments = new List<Dictionary<ISymbol, Inputs.SymbolicValue>>();
        var regions = new List<Dictionary<ISymbol, DependencyFlow>>();
        var flows = new List<DependencyFlow>();
        foreach (Arm arm in arms)
        {
            RestoreEnvironment(environmentBefore);
            _region.Restore(regionBefore);
            _paths = new PathSet(live.Select(a => a.Restrict(arm.Guard!)));
            flows.Add(arm.Walk());
            result.AddRange(_paths.Alternatives);
            environments.Add(SnapshotEnvironment());
            regions.Add(_region.Snapshot());
        }

        _paths = new PathSet(result);
        MergeEnvironments(environments);
        _region.MergeArms(regions);
        LimitPieces(site);
        return DependencyFlow.Combine(flows);
    }

    /// <summary>
    /// A branch the inputs do not decide: every arm is analysed on its own, and the costliest (by
    /// reference price at the comparison sample) is added to every live path.
    /// </summary>
    private DependencyFlow CostliestArm(IOperation site, IReadOnlyList<Arm> arms)
    {
        var walked = WalkArmsApart(arms);
        var armPaths = walked.Select(w => w.Paths).ToList();
        var chosen = new List<PathAlternative>();
        var priced = new List<double>();
        var chosenPrices = new List<double>();
        bool allTerminate = true;
        for (int i = 0; i < arms.Count; i++)
        {
            allTerminate &= armPaths[i].All(a => a.Terminated);
            // Each arm's costliest path is priced once: the gap below and the choice among arms reuse the price.
            chosen.Add(PathSet.Costliest(armPaths[i], ComparisonSample, out double armPrice));
            chosenPrices.Add(armPrice);
            if (!arms[i].Jumps)
            {
                priced.Add(armPrice);
            }
        }

        int? hinted = ArmForkingOnPcvs(site, armPaths);
        int costliest = CostliestIndex(chosenPrices);
        if (hinted is { } forking)
        {
            // Each path of the hinted fork costs at least what the other arms' costliest path costs.
            var others = chosen.Where((_, i) => i != forking).ToList();
            _paths.Then(armPaths[forking]
                .Select(path => new PathAlternative(path.Guard, PathSet.Costliest(others.Append(path), ComparisonSample).Cost))
                .ToList());
        }
        else
        {
            _paths.AddCost(chosen[costliest].Cost);
        }

        if (priced.Distinct().Count() > 1)
        {
            Provenance where = SourceLocations.Of(site, DataBranch);
            _paths.AddSlack(Slack(where, arms, armPaths, chosen, hinted is null ? costliest : null));
            _session.AddGap(new Gap(
                GapKind.DataDependentBranch,
                DataBranch,
                "The condition depends on data the inputs do not show; the costlier arm was kept. " +
                "Branch on a parameter (or its Length) for a guarded piece.",
                where));
        }

        if (allTerminate)
        {
            ExitPaths();
        }

        return DependencyFlow.Combine(walked.Select(w => w.Flow));
    }

    /// <summary>
    /// The slack to add to every live path for a branch on data that kept arm <paramref name="kept"/> (null: a
    /// hinted fork, not one arm; <see cref="BranchSlack"/>): beside the kept arm's path, which <see cref="PathSet.AddCost"/>
    /// added with its own slack, the difference to each other arm that does not jump, and the other arms' own
    /// slack. Unbounded, which keeps the gap at any resolution, unless every arm that does not jump is one
    /// path that does not return and the kept arm is the costlier at every sample <see cref="ResolutionMerger"/>
    /// compares pieces at: only then does the kept arm bound the others wherever the resolution is checked.
    /// </summary>
    private static List<PendingTerm> Slack(Provenance where, IReadOnlyList<Arm> arms, List<List<PathAlternative>> armPaths, List<PathAlternative> chosen, int? kept)
    {
        var compared = Enumerable.Range(0, arms.Count).Where(i => !arms[i].Jumps).ToList();
        bool bounded = kept is { } k
            && !arms[k].Jumps
            && compared.All(i => armPaths[i].Count == 1 && !armPaths[i][0].Terminated)
            && CostsAtMost(compared.Where(i => i != k).Select(i => chosen[i].Cost), SamplePrices(chosen[k].Cost));
        if (!bounded)
        {
            return new List<PendingTerm>(1) { BranchSlack.Unbounded(where) };
        }

        var slack = new List<PendingTerm>();
        foreach (int other in compared.Where(i => i != kept))
        {
            slack.AddRange(BranchSlack.Between(chosen[kept!.Value].Cost, chosen[other].Cost, where));
            if (chosen[other].Cost.Slack is { } nested)
            {
                slack.AddRange(nested);
            }
        }

        return slack;
    }

    /// <summary>Whether each of <paramref name="costs"/> is priced at most <paramref name="bound"/> at every resolution sample.</summary>
    private static bool CostsAtMost(IEnumerable<CostAccumulator> costs, double[] bound)
    {
        foreach (CostAccumulator cost in costs)
        {
            for (int s = 0; s < bound.Length; s++)
            {
                if (cost.SamplePrice(ResolutionMerger.Samples[s]) > bound[s])
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static double[] SamplePrices(CostAccumulator cost) => ResolutionMerger.Samples.Select(cost.SamplePrice).ToArray();

    /// <summary>
    /// Walks each arm on its own, on a fresh path set from the state just before the branch, then merges the
    /// arms' environments and chain regions and puts the outer path set back: what a branch priced from its
    /// arms instead of forked needs (<see cref="CostliestArm"/>, <see cref="CountArmRuns"/>). Per arm, in
    /// order: its path alternatives and the flow its walk returned.
    /// </summary>
    private List<(List<PathAlternative> Paths, DependencyFlow Flow)> WalkArmsApart(IReadOnlyList<Arm> arms)
    {
        PathSet outer = _paths;
        var environmentBefore = SnapshotEnvironment();
        var regionBefore = _region.Snapshot();
        var environments = new List<Dictionary<ISymbol, Inputs.SymbolicValue>>();
        var regions = new List<Dictionary<ISymbol, DependencyFlow>>();
        var walked = new List<(List<PathAlternative> Paths, DependencyFlow Flow)>(arms.Count);
        foreach (Arm arm in arms)
        {
            RestoreEnvironment(environmentBefore);
            _region.Restore(regionBefore);
            _paths = PathSet.Start();
            DependencyFlow flow = arm.Walk();
            walked.Add((_paths.Alternatives.ToList(), flow));
            environments.Add(SnapshotEnvironment());
            regions.Add(_region.Snapshot());
        }

        _paths = outer;
        MergeEnvironments(environments);
        _region.MergeArms(regions);
        return walked;
    }

    /// <summary>
    /// The arm of a branch on data whose paths fork on arm PCVs (a hinted <c>if</c> nested in it, or a callee's):
    /// the branch keeps its costlier arm, but the fork must not vanish with the other paths of that arm. Null when
    /// no arm forks on a PCV, and, after a <see cref="GapKind.MisplacedHint"/>, when the fork cannot be kept:
    /// other guards (inputs the arm tests) or an exit share it, or more than one arm forks.
    /// </summary>
    private int? ArmForkingOnPcvs(IOperation site, IReadOnlyList<List<PathAlternative>> armPaths)
    {
        if (!_quantities.HasPcv)
        {
            return null;
        }

        var forking = Enumerable.Range(0, armPaths.Count).Where(i => armPaths[i].Any(p => ReadsPcv(p.Guard, _quantities))).ToList();
        if (forking.Count == 0)
        {
            return null;
        }

        string? unusable =
            forking.Count > 1 ? "more than one of its arms forks on a PCV"
            : armPaths[forking[0]].Any(p => GuardSymbols.Of(p.Guard).Any(name => _quantities.Find(name)?.Kind != QuantityKind.Pcv)) ? "the arm's paths also fork on the inputs"
            : armPaths.Any(paths => paths.Any(p => p.Terminated)) ? "one of its arms returns or throws"
            : null;
        if (unusable is null)
        {
            return forking[0];
        }

        AddGap(
            GapKind.MisplacedHint,
            "PixHint.Pcv",
            $"The hinted arm ({PcvsRead(armPaths.SelectMany(p => p), _quantities)}) is inside a branch on data that keeps its costlier arm, and {unusable}; " +
            "the hint was ignored and the costlier arm kept. Hint this branch's arm as well, or move the hinted branch out of it.",
            site);
        return null;
    }

    /// <summary>The index of the highest price (ties: the first), as <see cref="PathSet.Costliest(IEnumerable{PathAlternative}, double)"/> picks.</summary>
    private static int CostliestIndex(IReadOnlyList<double> prices)
    {
        int best = 0;
        double bestPrice = double.NegativeInfinity;
        for (int i = 0; i < prices.Count; i++)
        {
            if (prices[i] > bestPrice)
            {
                best = i;
                bestPrice = prices[i];
            }
        }

        return best;
    }

    private void LimitPieces(IOperation site) => LimitPieces(site.Syntax);

    /// <summary>Beyond <see cref="ExtractionOptions.MaxPieces"/> paths, keep only the costliest (with a gap).</summary>
    private void LimitPieces(SyntaxNode site)
    {
        if (_paths.Alternatives.Count <= Options.MaxPieces)
        {
            return;
        }

        var live = _paths.Live.ToList();
        PathAlternative costliest = PathSet.Costliest(live.Count > 0 ? live : _paths.Alternatives, ComparisonSample);
        _paths = new PathSet(new[] { new PathAlternative(Guard.Always, costliest.Cost, live.Count == 0) });
        AddGap(
            GapKind.BudgetExceeded,
            "too many guarded paths",
            $"More than {Options.MaxPieces} input-guarded paths; they were merged into the costliest. Raise ExtractionOptions.MaxPieces or a resolution.",
            site);
    }

    /// <summary>Disjunction that drops the "never" guard the section loops start from.</summary>
    private static Guard Or(Guard left, Guard right) =>
        left is NotGuard { Operand: TrueGuard } ? right : right is NotGuard { Operand: TrueGuard } ? left : Guard.Or(left, right);
}
