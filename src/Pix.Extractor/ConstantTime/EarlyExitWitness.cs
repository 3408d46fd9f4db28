using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.ConstantTime;

/// <summary>
/// Two secret inputs that take the loop a different number of times, said in words: the witness of
/// an early exit. For the classic comparison loop it is exact; otherwise it names the exit and the
/// full trip count.
/// </summary>
internal static class EarlyExitWitness
{
    public static string Describe(ILoopOperation loop, IOperation branch)
    {
        string? tripCount = TripCount(loop);
        string full = tripCount is null ? "every iteration" : $"{tripCount} iterations";
        IOperation? condition = branch is IConditionalOperation conditional ? conditional.Condition : null;
        if (condition is IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } comparison &&
            IsElement(comparison.LeftOperand) && IsElement(comparison.RightOperand))
        {
            return $"inputs differing in element 0 exit after 1 iteration; equal inputs run {full}";
        }

        return $"secrets that take this exit in the first iteration stop after 1 iteration; others run {full}";
    }

    /// <summary>The full trip count as C# (<c>a.Length</c>), when the loop shows it.</summary>
    private static string? TripCount(ILoopOperation loop) => loop switch
    {
        IForLoopOperation { Condition: IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan } c } => TaintWalker.Text(c.RightOperand),
        IForLoopOperation { Condition: IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThanOrEqual } c } => TaintWalker.Text(c.RightOperand) + " + 1",
        IForEachLoopOperation forEach => $"one per element of '{TaintWalker.Text(forEach.Collection is IConversionOperation conv ? conv.Operand : forEach.Collection)}', i.e. all",
        _ => null,
    };

    private static bool IsElement(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation is IArrayElementReferenceOperation or IPropertyReferenceOperation { Arguments.IsEmpty: false };
    }
}
