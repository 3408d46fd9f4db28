using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Inputs;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction.Analysis;

/// <summary>
/// Loops that test a constant multiple of their counter: <c>for (i = 0; i * 2 &lt; n; i++)</c>, <c>k * i &lt;= n</c>,
/// <c>(i &lt;&lt; 1) &lt; n</c>. For an integer i and k &gt; 0, <c>i·k &lt; B</c> holds exactly when <c>i &lt; ⌈B/k⌉</c> (and
/// <c>i·k ≤ B</c> when <c>i ≤ ⌊B/k⌋</c>), so the counter runs against the divided bound, as long as the product does not
/// wrap round its type before the test fails.
/// </summary>
internal sealed partial class MethodAnalyzer
{
    /// <summary>A test <c>counter·Factor Op Bound</c>; <paramref name="Product"/> is the multiplication (its type is where it wraps).</summary>
    private readonly record struct ScaledCounter(Comparison Op, IOperation Bound, double Factor, IBinaryOperation Product);

    /// <summary>The test <paramref name="compare"/> as a multiple of <paramref name="step"/>'s counter against a bound, or null.</summary>
    private static ScaledCounter? ScaledCounterOf(IBinaryOperation compare, Step step)
    {
        if (step.Kind != StepKind.Linear)
        {
            return null;
        }

        // The product may be widened to the bound's type after it is computed (i * 2 < longBound): that keeps its value.
        // Not i * k != n: whether the product ever meets n depends on n's remainder.
        if (Narrowest(compare.LeftOperand) is IBinaryOperation left && FactorOf(left, step.Variable) is { } leftFactor
            && Oriented(compare.OperatorKind, flipped: false) is { } direct and not Comparison.NotEqual)
        {
            return new ScaledCounter(direct, compare.RightOperand, leftFactor, left);
        }

        if (Narrowest(compare.RightOperand) is IBinaryOperation right && FactorOf(right, step.Variable) is { } rightFactor
            && Oriented(compare.OperatorKind, flipped: true) is { } flipped and not Comparison.NotEqual)
        {
            return new ScaledCounter(flipped, compare.LeftOperand, rightFactor, right);
        }

        return null;
    }

    /// <summary>k for <c>v * k</c>, <c>k * v</c> or <c>v &lt;&lt; c</c> (k = 2^c) with a constant integer k ≥ 1, in an integral type; else null.</summary>
    private static double? FactorOf(IBinaryOperation product, ISymbol variable)
    {
        if (product.OperatorMethod is not null || IntegralRange.Of(product.Type) is null)
        {
            return null;
        }

        bool IsCounter(IOperation operand) => SymbolEqualityComparer.Default.Equals(ReferencedVariable(operand), variable);
        double? factor = product.OperatorKind switch
        {
            BinaryOperatorKind.Multiply when IsCounter(product.LeftOperand) => Constant(product.RightOperand),
            BinaryOperatorKind.Multiply when IsCounter(product.RightOperand) => Constant(product.LeftOperand),
            // A shift count is taken modulo the width: only counts below 31 are the power of two they read as for every type.
            BinaryOperatorKind.LeftShift when IsCounter(product.LeftOperand) && Constant(product.RightOperand) is { } c && c >= 0 && c <= 30 && c == System.Math.Floor(c) =>
                System.Math.Pow(2, c),
            _ => null,
        };
        return factor is { } k && k >= 1 && k == System.Math.Floor(k) ? k : null;
    }

    /// <summary>
    /// The bound the counter itself runs against for the test <paramref name="scaled"/> on <paramref name="bound"/>:
    /// <c>⌈B/k⌉</c> for <c>&lt;</c> and <c>≥</c>, <c>⌊B/k⌋</c> for <c>≤</c> and <c>&gt;</c>. Null when the product can wrap
    /// round before the test fails, so that the count from the bound could be too low: the bound's values must lie in the
    /// product's type (an <c>int</c> product never reaches a <c>long</c> bound above <c>int.MaxValue</c>), the first
    /// product must too (a constant start), and a constant bound's last product must. A bound of the product's own type
    /// is not refused (as a counter stepped by more than one, <c>i += k</c>, is not: MethodAnalyzer.CounterOverflow.cs):
    /// an <c>int</c> product wraps only when the bound is within s·k − 1 of <c>int.MaxValue</c> (s the step), and refusing
    /// that would refuse every such loop. A checked product throws rather than wrap, which ends the loop.
    /// </summary>
    private static Poly? ScaledBound(ScaledCounter scaled, Step step, Poly start, Poly bound)
    {
        double k = scaled.Factor, s = step.Amount;
        if (IntegralRange.Of(scaled.Product.Type) is not { } product || IntegralRange.Of(bound, Narrowest(scaled.Bound).Type) is not { } values)
        {
            return null;
        }

        bool divideUp = scaled.Op is Comparison.Less or Comparison.GreaterOrEqual;
        Poly divided = FunctionAtom.Apply(divideUp ? AtomFunction.CeilingDivide : AtomFunction.FloorDivide, bound, k);
        double Divide(double b) => divideUp ? System.Math.Ceiling(b / k) : System.Math.Floor(b / k);
        var dividedValues = new IntegralRange(Divide(values.Min), Divide(values.Max));
        if (!CounterHoldsValues(step, scaled.Op, dividedValues))
        {
            return null;
        }

        if (scaled.Product.IsChecked)
        {
            return divided;
        }

        if (!product.Contains(values) || !start.IsConstant(out double first) || first * k < product.Min || first * k > product.Max)
        {
            return null;
        }

        if (values.Min != values.Max)
        {
            return divided;
        }

        // A constant bound: the product after the last iteration (the one the test fails on) must still be in range.
        double b = dividedValues.Min;
        double exit = scaled.Op switch
        {
            Comparison.Less => (b - 1 + s) * k,
            Comparison.LessOrEqual => (b + s) * k,
            Comparison.Greater => (b + 1 + s) * k,
            _ => (b + s) * k,
        };
        return exit >= product.Min && exit <= product.Max ? divided : null;
    }
}
