using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Inputs;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction.Analysis;

/// <summary>Whether a counter's type can reach its bound without wrapping round.</summary>
internal sealed partial class MethodAnalyzer
{
    /// <summary>
    /// False when the counter, stepped by <paramref name="step"/> towards <paramref name="bound"/>, can wrap
    /// round before the test <paramref name="op"/> fails: the loop then runs on (for ever, or until the
    /// wrapped value passes the bound), and a count from the bound is too low. <c>for (byte i = 0; i &lt; n; i++)</c>
    /// never ends for n ≥ 256, <c>for (uint i = 10; i &gt;= 0; i--)</c> never ends. The bound's values are its
    /// constant, else its type's range (a size is never negative); a bound of a type the counter's type holds
    /// can still be passed by a step of more than one or by <c>&lt;=</c> at the type's maximum (one value of a
    /// 2^32 range): those are left to the constant check, not refused.
    /// </summary>
    private static bool CounterHoldsBound(Step step, Comparison op, Poly bound, IOperation boundOperation) =>
        IntegralRange.Of(bound, Narrowest(boundOperation).Type) is not { } values
        || CounterHoldsValues(step, op, values); // not an integral bound (a double): not a wrap-round question

    /// <summary><see cref="CounterHoldsBound"/> for a bound whose values are <paramref name="values"/>.</summary>
    private static bool CounterHoldsValues(Step step, Comparison op, IntegralRange values)
    {
        ITypeSymbol? counterType = CounterType(step);
        if (IntegralRange.Of(counterType) is not { } counter)
        {
            return true; // not an integral counter: not a wrap-round question
        }

        if (!counter.Contains(values))
        {
            return false;
        }

        if (step.Kind != StepKind.Linear || values.Min != values.Max)
        {
            return true;
        }

        // A constant bound: the value after the last iteration must still be in the counter's range.
        double c = values.Min, s = step.Amount;
        return op switch
        {
            Comparison.Less => c - 1 + s <= counter.Max,
            Comparison.LessOrEqual => c + s <= counter.Max,
            Comparison.Greater => c + 1 + s >= counter.Min,
            Comparison.GreaterOrEqual => c + s >= counter.Min,
            _ => true,
        };
    }

    /// <summary>
    /// The trip count of <c>i != bound</c> stepped by ±1 when the counter may start past the bound
    /// (<paramref name="distance"/> can be negative): it then wraps round the counter's range and meets the bound
    /// from the other side, after 2^32 − |distance| steps for an int: max(0, d) + W·[d &lt; 0] − max(0, −d),
    /// with [d &lt; 0] = max(0, −d) − max(0, −d − 1) for an integer d. Null when the distance is never negative.
    /// </summary>
    private static Poly? WrapsPastBound(Step step, Poly distance)
    {
        ITypeSymbol? counterType = CounterType(step);
        if (distance.IsKnownNonNegative || IntegralRange.Of(counterType) is not { } counter)
        {
            return null;
        }

        double width = counter.Max - counter.Min + 1;
        Poly ahead = FunctionAtom.Apply(AtomFunction.NonNegative, distance);
        Poly behind = FunctionAtom.Apply(AtomFunction.NonNegative, distance.Scale(-1));
        Poly isBehind = behind.Minus(FunctionAtom.Apply(AtomFunction.NonNegative, distance.Scale(-1).Minus(Poly.One)));
        return ahead.Plus(isBehind.Scale(width)).Minus(behind);
    }

    private static ITypeSymbol? CounterType(Step step) =>
        step.Variable switch { ILocalSymbol l => l.Type, IParameterSymbol p => p.Type, _ => null };

    /// <summary><paramref name="operation"/> without the implicit widenings C# adds to compare it (<c>i &lt; (byte)n</c> compares ints).</summary>
    private static IOperation Narrowest(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true, OperatorMethod: null } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
