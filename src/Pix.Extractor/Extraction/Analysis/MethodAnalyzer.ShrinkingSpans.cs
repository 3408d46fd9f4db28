using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Inputs;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction.Analysis;

/// <summary>
/// Loops that consume a span (or string) from the front: <c>while (!s.IsEmpty) { …; s = s.Slice(1); }</c>,
/// <c>s = s[k..]</c>, <c>s = s.Substring(k)</c>, tested by <c>!s.IsEmpty</c>, <c>s.Length &gt; c</c>, <c>s.Length != 0</c> or
/// <c>s.Length &gt;= c</c>. The length is then a counter that falls by the constant k each iteration, from the span's
/// length at entry. Slicing past the end throws, which ends the loop sooner: the count stays an upper bound.
/// </summary>
internal sealed partial class MethodAnalyzer
{
    /// <summary>The shape of a <c>while</c>/<c>do</c> loop whose body consumes a span by a top-level <c>s = s.Slice(k)</c>, or null.</summary>
    private LoopShape? ShrinkingSpan(IWhileLoopOperation loop, out IOperation? dataCondition)
    {
        dataCondition = null;
        IEnumerable<IOperation> statements = loop.Body is IBlockOperation body ? body.Operations : new[] { loop.Body };
        foreach (IOperation statement in statements)
        {
            if (Shrinks(statement) is { } shrink && ShrinkingShape(loop, loop.Condition, shrink, out dataCondition) is { } shape)
            {
                return shape;
            }
        }

        return null;
    }

    /// <summary><c>for (…; !s.IsEmpty; s = s.Slice(k))</c>, or null.</summary>
    private LoopShape? ShrinkingSpan(IForLoopOperation loop, out IOperation? dataCondition)
    {
        dataCondition = null;
        return loop.AtLoopBottom.Length == 1 && Shrinks(loop.AtLoopBottom[0]) is { } shrink
            ? ShrinkingShape(loop, loop.Condition, shrink, out dataCondition)
            : null;
    }

    /// <summary>A statement <c>s = s.Slice(k)</c>, <c>s = s[k..]</c> or <c>s = s.Substring(k)</c> (k a constant ≥ 1): s and k.</summary>
    private static (ISymbol Span, double By)? Shrinks(IOperation statement)
    {
        if ((statement is IExpressionStatementOperation e ? e.Operation : statement) is not ISimpleAssignmentOperation assignment
            || ReferencedVariable(assignment.Target) is not { } span || !IsConsumable(span))
        {
            return null;
        }

        (IOperation? instance, IOperation? by) = WithoutConversions(assignment.Value) switch
        {
            IInvocationOperation { TargetMethod.Name: "Slice" or "Substring", Arguments.Length: 1 } call => (call.Instance, call.Arguments[0].Value),
            IImplicitIndexerReferenceOperation { Argument: IRangeOperation { LeftOperand: { } from, RightOperand: null } } sliced => (sliced.Instance, WithoutConversions(from)),
            _ => (null, null),
        };
        return instance is not null && by is not null && SymbolEqualityComparer.Default.Equals(ReferencedVariable(instance), span)
            && Constant(by) is { } k && k >= 1 && k == System.Math.Floor(k)
            ? (span, k)
            : null;
    }

    /// <summary>A local or by-value parameter of a span or string type: only the loop's own assignment changes its length.</summary>
    private static bool IsConsumable(ISymbol variable)
    {
        (RefKind refKind, ITypeSymbol? type) = variable switch
        {
            ILocalSymbol local => (local.RefKind, local.Type),
            IParameterSymbol parameter => (parameter.RefKind, parameter.Type),
            _ => (RefKind.Ref, null),
        };
        return refKind == RefKind.None && (type?.SpecialType == SpecialType.System_String || InputResolver.IsSpanLike(type));
    }

    private LoopShape? ShrinkingShape(ILoopOperation loop, IOperation? condition, (ISymbol Span, double By) shrink, out IOperation? dataCondition)
    {
        dataCondition = null;

        // One write in the whole loop, and no `continue` that could skip it (the loop would then never end).
        if (WritesTo(loop, shrink.Span).Count != 1
            || loop.DescendantsAndSelf().Any(o => o is IBranchOperation { BranchKind: BranchKind.Continue } c && SymbolEqualityComparer.Default.Equals(c.Target, loop.ContinueLabel))
            || ValueOf(shrink.Span) is not ObjectValue entry || _inputs.LengthOf(entry) is not { } length)
        {
            return null;
        }

        List<IOperation> conjuncts = Conjuncts(condition);
        foreach (IOperation conjunct in conjuncts)
        {
            if (LengthTest(conjunct, shrink.Span) is not ({ } op, { } bound))
            {
                continue;
            }

            // The length as a counter stepped by −k; Linear's count for `length > c` is ⌈(length − c)/k⌉, clamped at 0.
            var step = new Step(shrink.Span, StepKind.Linear, -shrink.By);
            if (Linear(step, length, op, Poly.Const(bound), null) is not { } shape)
            {
                continue;
            }

            dataCondition = conjuncts.FirstOrDefault(c => c != conjunct);
            return shape with { Variable = null, Pattern = "shrinking span" };
        }

        return null;
    }

    /// <summary>
    /// <c>!s.IsEmpty</c> and <c>s.Length != 0</c> as <c>length &gt; 0</c>; <c>s.Length &gt; c</c> and <c>s.Length &gt;= c</c> (either
    /// side) with a constant c ≥ 0 as they are. A length is never negative, so ≠ 0 is &gt; 0.
    /// </summary>
    private static (Comparison? Op, double? Bound) LengthTest(IOperation test, ISymbol span)
    {
        if (test is IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: IPropertyReferenceOperation { Property.Name: "IsEmpty" } empty }
            && IsLengthOf(empty, span, "IsEmpty"))
        {
            return (Comparison.Greater, 0);
        }

        if (test is not IBinaryOperation { OperatorMethod: null } compare)
        {
            return (null, null);
        }

        bool lengthLeft = IsLengthOf(Narrowest(compare.LeftOperand), span, "Length");
        bool lengthRight = IsLengthOf(Narrowest(compare.RightOperand), span, "Length");
        if (lengthLeft == lengthRight || Constant(lengthLeft ? compare.RightOperand : compare.LeftOperand) is not { } c || c < 0)
        {
            return (null, null);
        }

        Comparison? op = Oriented(compare.OperatorKind, flipped: lengthRight) switch
        {
            Comparison.NotEqual => c == 0 ? Comparison.Greater : (Comparison?)null, // Length != 0 is Length > 0
            var oriented => oriented,
        };
        return op is Comparison.Greater or Comparison.GreaterOrEqual ? (op, c) : (null, null);
    }

    private static bool IsLengthOf(IOperation operation, ISymbol span, string property) =>
        operation is IPropertyReferenceOperation { Instance: { } instance } reference && reference.Property.Name == property
            && SymbolEqualityComparer.Default.Equals(ReferencedVariable(instance), span);
}
