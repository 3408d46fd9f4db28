using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Costs;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction.Analysis;

// The exit test of a search loop: `if (a && b && c) return …;` (or `break;`) in a loop body. The test
// holds in one iteration, the last; in every other iteration it is false, and `&&` stops at the first
// false operand. Which operand fails is data, but a search compares each element with what it is
// looking for, and that comparison fails for every element but the match. So a failing iteration is
// counted up to and including the first equality test of element data (with the operands before it:
// `live` in `live && s.Hash == hash && s.Key == key`, a sentinel check `index >= 0`), and the rest of
// the test as its own term, once per execution of the loop that iterates at all: the hit. (A scan that
// matches nothing runs the rest on the few elements that pass the first comparison; once approximates
// that.) Without this rule every `&&` is counted as if all its operands ran (a data-dependent `a && b`
// keeps its costlier arm, `a ? b : false`): the firewall's rule scan counted its 4-way test in each of
// 100 rules, 98 of which fail the first (docs/accuracy.md, "Search loops: the rule scan and the probe
// window", with a measurement of each failing depth).
internal sealed partial class MethodAnalyzer
{
    /// <summary>
    /// Per loop being analysed, what each of its exit tests runs only at the hit, one accumulator per test
    /// (the costliest is taken when the loop closes: one execution of the loop hits at most one exit).
    /// </summary>
    private readonly Dictionary<ILoopOperation, List<CostAccumulator>> _hitTests = new();

    /// <summary>
    /// Counts <paramref name="test"/> when it is the whole <c>&amp;&amp;</c> condition of a search loop's
    /// exit test (<see cref="HitLoopOf"/>): its failing prefix here, on every iteration, and the
    /// rest once per execution of the innermost loop. False (nothing counted) for any other <c>&amp;&amp;</c>.
    /// </summary>
    private bool TryEvaluateSearchExitTest(IBinaryOperation test, out DependencyFlow flow)
    {
        flow = DependencyFlow.None;
        if (_hoisting || HitLoopOf(test) is not { } hitLoop)
        {
            return false;
        }

        List<IOperation> operands = Conjuncts(test);
        int failing = FailingPrefixLength(operands);
        if (failing == operands.Count)
        {
            return false;
        }

        var flows = new List<DependencyFlow>(failing);
        for (int i = 0; i < failing; i++)
        {
            flows.Add(Evaluate(operands[i]));
        }

        // One conditional jump per operand; the last one run is the if's own branch (VisitIf emits it).
        if (failing > 1)
        {
            Emit(OperationClass.Branch, failing - 1);
        }

        CountAtTheHit(operands.GetRange(failing, operands.Count - failing), hitLoop);
        flow = DependencyFlow.Combine(flows);
        return true;
    }

    /// <summary>
    /// When <paramref name="test"/> is a built-in <c>&amp;&amp;</c> that is the whole condition of an
    /// <c>if</c> the inputs do not decide, whose true arm leaves the innermost enclosing loop (ends in a
    /// return, or a break out of that loop) and whose loop is the one being analysed: the loop the hit
    /// leaves last, whose executions count the hits (for a break the innermost loop; for a return the
    /// outermost loop of this method, since a hit ends the call). Null for any other <c>&amp;&amp;</c>.
    /// </summary>
    private LoopFrame? HitLoopOf(IBinaryOperation test)
    {
        if (test.OperatorKind != BinaryOperatorKind.ConditionalAnd
            || test.OperatorMethod is not null
            || !InLoop
            || test.Parent is not IConditionalOperation { Type: null } conditional
            || conditional.Condition != test)
        {
            return null;
        }

        ILoopOperation loop = _loops[_loops.Count - 1].Loop;
        if (InnermostLoop(conditional) != loop || InsideFunction(conditional, loop) || _inputs.GuardOf(test) is not null)
        {
            return null;
        }

        return LastStatement(conditional.WhenTrue) switch
        {
            IReturnOperation { Kind: OperationKind.Return } => _loops[0],
            IBranchOperation { BranchKind: BranchKind.Break } b when SymbolEqualityComparer.Default.Equals(b.Target, loop.ExitLabel) => _loops[_loops.Count - 1],
            _ => null,
        };
    }

    /// <summary>The operands of a left-nested <c>a &amp;&amp; b &amp;&amp; c</c>, in evaluation order.</summary>
    private static List<IOperation> Conjuncts(IBinaryOperation test)
    {
        var operands = new List<IOperation>();
        var pending = new Stack<IOperation>();
        pending.Push(test);
        while (pending.Count > 0)
        {
            IOperation current = pending.Pop();
            if (current is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd, OperatorMethod: null } and)
            {
                pending.Push(and.RightOperand);
                pending.Push(and.LeftOperand);
            }
            else
            {
                operands.Add(current);
            }
        }

        return operands;
    }

    /// <summary>
    /// How many operands a failing iteration runs: up to and including the first equality test of data
    /// the iteration reads from memory (<see cref="ComparesElementData"/>); all of them when none does.
    /// A comparison of locals alone (<c>index &gt;= 0</c>, a sentinel check) or any other comparison
    /// usually holds, so it does not end the prefix.
    /// </summary>
    private static int FailingPrefixLength(List<IOperation> operands)
    {
        for (int i = 0; i < operands.Count; i++)
        {
            if (ComparesElementData(Unwrapped(operands[i])))
            {
                return i + 1;
            }
        }

        return operands.Count;
    }

    /// <summary>
    /// An equality <c>==</c> (built-in or user-defined) or a pattern test against a non-null constant
    /// (<c>x is 5</c>) over element data: an array or span element, a foreach iteration variable, a field
    /// or property of a value reached through a local, parameter or element (<c>rule.SourceMask</c>,
    /// <c>_entries[index].Hash</c>; not <c>this</c>'s own), or a call's result. Only such a test fails for
    /// all elements but the match; <c>!=</c>, relational operators, <c>is null</c> and <c>is not …</c> usually
    /// hold (an occupied-slot check, a validation loop's bounds), so they stay in the failing prefix.
    /// </summary>
    private static bool ComparesElementData(IOperation operand)
    {
        bool equality = operand switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } => true,
            IIsPatternOperation { Pattern: IConstantPatternOperation { Value: var value } } =>
                !(value.ConstantValue.HasValue && value.ConstantValue.Value is null),
            _ => false,
        };
        return equality && operand.DescendantsAndSelf().Any(o => o switch
        {
            IArrayElementReferenceOperation or IInvocationOperation => true,
            IPropertyReferenceOperation { Arguments.Length: > 0 } => true,
            IMemberReferenceOperation { Instance: { } instance } and (IFieldReferenceOperation or IPropertyReferenceOperation) =>
                instance is not IInstanceReferenceOperation,
            ILocalReferenceOperation local => IsForEachVariable(local),
            _ => false,
        });
    }

    /// <summary>Whether <paramref name="reference"/> reads the iteration variable of a foreach around it: the element itself.</summary>
    private static bool IsForEachVariable(ILocalReferenceOperation reference)
    {
        for (IOperation? current = reference.Parent; current is not null; current = current.Parent)
        {
            if (current is IForEachLoopOperation loop && loop.Locals.Contains(reference.Local, SymbolEqualityComparer.Default))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Counts <paramref name="operands"/> (and one jump each) as one of <paramref name="hitLoop"/>'s hit tests,
    /// priced once per execution of that loop (<see cref="TakeHitTest"/>, <see cref="OnceAtTheHit"/>).
    /// The variable flows are restored: what the hit computes feeds no iteration's chain. Nothing is
    /// recorded during the constant-time checker's extra walk of an arm (<see cref="ObserveArms"/>): the
    /// walk for real records the test, and the observer sees the arm's per-iteration cost, the failing
    /// prefix, as the loop's own term counts it.
    /// </summary>
    private void CountAtTheHit(List<IOperation> operands, LoopFrame hitLoop)
    {
        if (_observingArms)
        {
            return;
        }

        PathSet inLoop = _paths;
        Dictionary<ISymbol, DependencyFlow> flows = _region.Snapshot();
        _paths = PathSet.Start();
        try
        {
            foreach (IOperation operand in operands)
            {
                Evaluate(operand);
            }

            Emit(OperationClass.Branch, operands.Count);
            if (!_hitTests.TryGetValue(hitLoop.Loop, out List<CostAccumulator>? tests))
            {
                tests = new List<CostAccumulator>();
                _hitTests.Add(hitLoop.Loop, tests);
            }

            var hitTest = new CostAccumulator();
            hitTest.Append(PathSet.Costliest(_paths.Alternatives, ComparisonSample).Cost);
            tests.Add(hitTest);
        }
        finally
        {
            _paths = inLoop;
            _region.Restore(flows);
        }
    }

    /// <summary>
    /// The costliest of <paramref name="loop"/>'s hit tests (priced on the sample <see cref="PathSet.Costliest(IEnumerable{PathAlternative}, double)"/>
    /// uses), if it has any; forgotten here, so a loop walked again starts afresh.
    /// </summary>
    private CostAccumulator? TakeHitTest(ILoopOperation loop)
    {
        if (!_hitTests.TryGetValue(loop, out List<CostAccumulator>? tests))
        {
            return null;
        }

        _hitTests.Remove(loop);
        CostAccumulator costliest = tests[0];
        double costliestPrice = costliest.SamplePrice(ComparisonSample);
        for (int i = 1; i < tests.Count; i++)
        {
            double price = tests[i].SamplePrice(ComparisonSample);
            if (price > costliestPrice)
            {
                costliest = tests[i];
                costliestPrice = price;
            }
        }

        return costliest;
    }

    /// <summary>
    /// The terms of <paramref name="hitTest"/> run once per execution of a loop that iterates at least once:
    /// count <c>max(0, trips) − max(0, trips − 1)</c> (1 for whole trip counts from 1 on, 0 for none).
    /// </summary>
    private static IEnumerable<PendingTerm> OnceAtTheHit(CostAccumulator hitTest, Poly trips, Provenance where, string loop)
    {
        Poly once = MoreThan(trips, 0);
        if (!hitTest.Operations.IsEmpty || hitTest.Opaque.Count > 0)
        {
            yield return new PendingTerm(
                PendingTerm.CreateBlock(hitTest.Operations, chain: null, hitTest.Opaque),
                once,
                where,
                "exit test of the " + loop + " past its first comparison (once, at the hit)");
        }

        foreach (PendingTerm term in hitTest.Terms)
        {
            yield return term.WithCount(count => count.Times(once));
        }
    }
}
