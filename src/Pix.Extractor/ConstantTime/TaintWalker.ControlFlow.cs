using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.ConstantTime;

// Branches, switches and loops: a secret condition is reported (ReportBranch) and, while its arms or body
// run, is the implicit flow into every assignment (the control stack).
internal sealed partial class TaintWalker
{
    private Taint? VisitConditional(IConditionalOperation conditional)
    {
        Taint? condition = VisitCondition(conditional.Condition);
        if (condition is not null)
        {
            string what = conditional.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.IfStatementSyntax ? "if condition" : "condition of '?:'";
            ReportBranch(conditional, $"{what} '{Text(conditional.Condition)}'", condition,
                arms: new[] { conditional.WhenTrue, conditional.WhenFalse }, reportAt: conditional.Condition);
        }

        Push(condition, conditional);
        Taint? whenTrue = Visit(conditional.WhenTrue);
        Taint? whenFalse = Visit(conditional.WhenFalse);
        Pop(condition);
        return Either(condition, Either(whenTrue, whenFalse));
    }

    /// <summary>Visits the condition of an if, ?: or loop: short-circuit operators in it are part of that one branch.</summary>
    private Taint? VisitCondition(IOperation? condition)
    {
        _conditionDepth++;
        try
        {
            return Visit(condition);
        }
        finally
        {
            _conditionDepth--;
        }
    }

    private Taint? VisitCoalesce(ICoalesceOperation coalesce)
    {
        Taint? value = Visit(coalesce.Value);
        if (value is not null)
        {
            ReportBranch(coalesce, $"null test of '??' in '{Text(coalesce)}'", value, arms: new[] { coalesce.WhenNull });
        }

        Push(value, coalesce);
        Taint? whenNull = Visit(coalesce.WhenNull);
        Pop(value);
        return Either(value, whenNull);
    }

    private Taint? VisitIsPattern(IIsPatternOperation isPattern)
    {
        Taint? value = Visit(isPattern.Value);
        // `x is 0` or `x is > 3` compiles to one compare whose result is data, like `x == 0`.
        // `and`/`or` combinators and type tests short-circuit: they are branches.
        if (value is not null && isPattern.Pattern is not (IConstantPatternOperation or IRelationalPatternOperation))
        {
            ReportBranch(isPattern, $"pattern test '{Text(isPattern)}'", value, arms: System.Array.Empty<IOperation>());
        }

        return value;
    }

    private Taint? VisitSwitch(ISwitchOperation @switch)
    {
        Taint? value = Visit(@switch.Value);
        if (value is not null)
        {
            ReportBranch(@switch, $"switch on '{Text(@switch.Value)}'", value, arms: @switch.Cases.Cast<IOperation>().ToArray(), reportAt: @switch.Value);
        }

        Push(value, @switch);
        foreach (ISwitchCaseOperation @case in @switch.Cases)
        {
            Visit(@case);
        }

        Pop(value);
        return null;
    }

    private Taint? VisitSwitchExpression(ISwitchExpressionOperation @switch)
    {
        Taint? value = Visit(@switch.Value);
        if (value is not null)
        {
            ReportBranch(@switch, $"switch expression on '{Text(@switch.Value)}'", value, arms: @switch.Arms.Cast<IOperation>().ToArray(), reportAt: @switch.Value);
        }

        Push(value, @switch);
        Taint? result = value;
        foreach (ISwitchExpressionArmOperation arm in @switch.Arms)
        {
            Visit(arm.Guard);
            result = Either(result, Visit(arm.Value));
        }

        Pop(value);
        return result;
    }

    private void VisitLoop(ILoopOperation loop)
    {
        // A later iteration may read what the body writes after the read: nothing overwritten before
        // the loop is trusted inside it.
        _overwritten.Clear();
        _loops.Add(loop);
        try
        {
            switch (loop)
            {
                case IForLoopOperation @for:
                    foreach (IOperation before in @for.Before)
                    {
                        Visit(before);
                    }

                    VisitLoopBody(loop, @for.Condition, () =>
                    {
                        Visit(@for.Body);
                        foreach (IOperation bottom in @for.AtLoopBottom)
                        {
                            Visit(bottom);
                        }
                    });
                    break;
                case IWhileLoopOperation @while:
                    VisitLoopBody(loop, @while.Condition, () => Visit(@while.Body));
                    break;
                case IForEachLoopOperation forEach:
                    // The trip count is the collection's length, which is public; its elements may be secret.
                    Taint? elements = Visit(forEach.Collection);
                    Assign(forEach.LoopControlVariable, elements, forEach);
                    Visit(forEach.Body);
                    break;
                default:
                    VisitChildren(loop);
                    break;
            }
        }
        finally
        {
            _loops.RemoveAt(_loops.Count - 1);
        }
    }

    private void VisitLoopBody(ILoopOperation loop, IOperation? condition, System.Action body)
    {
        Taint? bound = VisitCondition(condition);
        if (bound is not null && condition is not null)
        {
            Report(ViolationKind.Loop, condition, $"trip count of the {LoopName(loop)} ('{Text(condition)}')", bound,
                "a different secret runs a different number of iterations");
        }

        // The body is not walked under the bound's taint: the loop is reported once here, and the
        // counter's value in each iteration (0, 1, 2…) is public even when the count is not.
        body();
    }

    private static string LoopName(ILoopOperation loop) => loop.LoopKind switch
    {
        LoopKind.For => "for loop",
        LoopKind.ForEach => "foreach loop",
        LoopKind.While when loop is IWhileLoopOperation { ConditionIsTop: false } => "do loop",
        _ => "while loop",
    };

    /// <summary>Enters code that runs only when <paramref name="construct"/>'s secret condition says so.</summary>
    private void Push(Taint? taint, IOperation construct)
    {
        if (taint is not null)
        {
            _control.Push((taint, construct.Syntax.Span));
        }
    }

    private void Pop(Taint? taint)
    {
        if (taint is not null)
        {
            _control.Pop();
        }
    }

    private Taint? CurrentControl() => _control.Count > 0 ? _control.Peek().Taint : null;

    /// <summary>
    /// The implicit flow into <paramref name="target"/>: the innermost secret condition, unless the
    /// target is a local declared inside that condition's construct (an arm's own temporary, or the
    /// counter of a loop in the arm). Such a local is dead once the arm ends and, inside it, only one
    /// arm runs, so which arm ran cannot reach it; its data flows still count.
    /// </summary>
    private Taint? ControlOver(ISymbol target)
    {
        if (_control.Count == 0)
        {
            return null;
        }

        var (taint, scope) = _control.Peek();
        bool declaredInside = target is ILocalSymbol local &&
            local.DeclaringSyntaxReferences.Any(r => scope.Contains(r.Span));
        return declaredInside ? null : taint;
    }
}
