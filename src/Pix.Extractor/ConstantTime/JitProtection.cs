using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.ConstantTime;

/// <summary>
/// Whether a method needs <c>[MethodImpl(NoInlining | NoOptimization)]</c> and lacks it: constant
/// time in the source is only kept if the JIT may not rewrite the method (inline it into a caller
/// that branches on its result, or turn an accumulate-then-test loop back into an early exit).
/// </summary>
internal static class JitProtection
{
    private const MethodImplAttributes Required = MethodImplAttributes.NoInlining | MethodImplAttributes.NoOptimization;

    /// <summary>Why <paramref name="method"/> needs protecting, or null when it does not or already is.</summary>
    public static string? MissingProtection(IMethodSymbol method, IOperation body, ConstantTimeSymbols symbols)
    {
        if ((method.MethodImplementationFlags & Required) == Required)
        {
            return null;
        }

        if (symbols.IsConstantTime(method))
        {
            return "is [ConstantTime]";
        }

        return HasFixedTimeComparisonLoop(body) ? "compares secrets in fixed time by hand" : null;
    }

    /// <summary>
    /// A loop that accumulates element comparisons instead of exiting on them:
    /// <c>diff |= a[i] ^ b[i]</c>, <c>same &amp;= a[i] == b[i]</c>.
    /// </summary>
    private static bool HasFixedTimeComparisonLoop(IOperation body) =>
        body.Descendants().OfType<ILoopOperation>().Any(loop => loop.Body.Descendants().OfType<ICompoundAssignmentOperation>().Any(IsAccumulatedComparison));

    private static bool IsAccumulatedComparison(ICompoundAssignmentOperation assignment) =>
        assignment.OperatorKind is BinaryOperatorKind.Or or BinaryOperatorKind.And &&
        Unconverted.Of(assignment.Value) is IBinaryOperation
        {
            OperatorKind: BinaryOperatorKind.ExclusiveOr or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals,
        } comparison &&
        IsElement(Unconverted.Of(comparison.LeftOperand)) && IsElement(Unconverted.Of(comparison.RightOperand));

    private static bool IsElement(IOperation operation) =>
        operation is IArrayElementReferenceOperation or IPropertyReferenceOperation { Arguments.IsEmpty: false };
}
