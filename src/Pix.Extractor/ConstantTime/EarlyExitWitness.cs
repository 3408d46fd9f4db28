using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.ConstantTime;

/// <summary>
/// Two secret inputs that take the loop a different number of times, said in words: the witness of
/// an early exit. For the classic comparison loop it is exact; otherwise it names the exit and the
/// full trip count.
/// </summary>
/// <remarks>
/// The element and the trip count are named only for a <c>for</c> loop whose counter starts at a
/// constant and steps up by one (<see cref="CountsUpByOne"/>): a loop that starts at 1, counts down or
/// steps by 2 compares another element first and runs another number of times, and a witness that
/// names element 0 and <c>a.Length</c> iterations for it would be false.
/// </remarks>
internal static class EarlyExitWitness
{
    public static string Describe(ILoopOperation loop, IOperation branch)
    {
        (ILocalSymbol Counter, long Start)? counter = loop is IForLoopOperation @for ? CountsUpByOne(@for) : null;
        string? tripCount = counter is { } c ? TripCount((IForLoopOperation)loop, c.Start) : null;
        string full = tripCount is null ? "every iteration" : $"{tripCount} iterations";
        IOperation? condition = branch is IConditionalOperation conditional ? conditional.Condition : null;
        if (condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } comparison &&
            IsElement(comparison.LeftOperand, counter?.Counter, out bool leftAtCounter) &&
            IsElement(comparison.RightOperand, counter?.Counter, out bool rightAtCounter))
        {
            string element = counter is { } known && leftAtCounter && rightAtCounter
                ? $"element {known.Start}"
                : "the element the first iteration compares";
            return $"inputs differing in {element} exit after 1 iteration; equal inputs run {full}";
        }

        return $"secrets that take this exit in the first iteration stop after 1 iteration; others run {full}";
    }

    /// <summary>The full trip count as C# (<c>a.Length</c>, <c>a.Length - 1</c>), for a counter from <paramref name="start"/> up by one.</summary>
    private static string? TripCount(IForLoopOperation loop, long start)
    {
        if (loop.Condition is not IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual } bound)
        {
            return null;
        }

        long extra = (bound.OperatorKind == BinaryOperatorKind.LessThanOrEqual ? 1 : 0) - start;
        string limit = TaintWalker.Text(bound.RightOperand);
        return extra switch
        {
            0 => limit,
            > 0 => $"{limit} + {extra}",
            _ => $"{limit} - {-extra}",
        };
    }

    /// <summary>
    /// The counter of <c>for (int i = k; i &lt; n; i++)</c> (or <c>&lt;=</c>, <c>++i</c>, <c>i += 1</c>) and
    /// its constant start, when the body does not write it; otherwise null.
    /// </summary>
    private static (ILocalSymbol Counter, long Start)? CountsUpByOne(IForLoopOperation loop)
    {
        if (loop.Before is not [IVariableDeclarationGroupOperation { Declarations: [{ Declarators: [var declarator] }] }] ||
            declarator.Initializer?.Value.ConstantValue is not { HasValue: true, Value: { } start } ||
            !IsInteger(start, out long first) ||
            loop.Condition is not IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual } bound ||
            !IsCounter(bound.LeftOperand, declarator.Symbol) ||
            loop.AtLoopBottom is not [IExpressionStatementOperation { Operation: var step }] ||
            !StepsUpByOne(step, declarator.Symbol))
        {
            return null;
        }

        bool writtenInBody = loop.Body.DescendantsAndSelf().Any(o => o switch
        {
            IAssignmentOperation assignment => IsCounter(assignment.Target, declarator.Symbol),
            IIncrementOrDecrementOperation increment => IsCounter(increment.Target, declarator.Symbol),
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => IsCounter(argument.Value, declarator.Symbol),
            _ => false,
        });
        return writtenInBody ? null : (declarator.Symbol, first);
    }

    private static bool StepsUpByOne(IOperation step, ILocalSymbol counter) => step switch
    {
        IIncrementOrDecrementOperation { Kind: OperationKind.Increment } increment => IsCounter(increment.Target, counter),
        ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Value.ConstantValue: { HasValue: true, Value: { } one } } add =>
            IsCounter(add.Target, counter) && IsInteger(one, out long by) && by == 1,
        _ => false,
    };

    private static bool IsInteger(object value, out long result)
    {
        switch (value)
        {
            case int i: result = i; return true;
            case long l: result = l; return true;
            case uint u: result = u; return true;
            case short s: result = s; return true;
            case byte b: result = b; return true;
            default: result = 0; return false;
        }
    }

    private static bool IsCounter(IOperation operation, ILocalSymbol counter) =>
        Unconverted.Of(operation) is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, counter);

    /// <summary>An element access (array or indexer); <paramref name="atCounter"/> when its only index is the counter itself.</summary>
    private static bool IsElement(IOperation operation, ILocalSymbol? counter, out bool atCounter)
    {
        operation = Unconverted.Of(operation);
        ImmutableArray<IOperation> indices = operation switch
        {
            IArrayElementReferenceOperation array => array.Indices,
            IPropertyReferenceOperation { Arguments.IsEmpty: false } indexer => indexer.Arguments.Select(a => a.Value).ToImmutableArray(),
            _ => default,
        };
        atCounter = !indices.IsDefault && counter is not null && indices is [var only] && IsCounter(only, counter);
        return !indices.IsDefault;
    }
}
