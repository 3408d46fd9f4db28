using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Inputs;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction.Analysis;

/// <summary>Recognition of loop shapes whose trip count the inputs determine.</summary>
internal sealed partial class MethodAnalyzer
{
    private enum StepKind
    {
        Linear,
        Doubling,
        Halving,

        /// <summary><c>x &gt;&gt;= 1</c>: halving that, unlike <c>x /= 2</c>, rounds toward −∞ (−1 stays −1).</summary>
        HalvingShift,
    }

    private readonly record struct Step(ISymbol Variable, StepKind Kind, double Amount);

    /// <summary><c>for (i = lo; i op hi; i += step)</c>, and geometric <c>i *= 2</c> / <c>i /= 2</c>.</summary>
    private LoopShape? RecognizeFor(IForLoopOperation loop, HashSet<ISymbol> written, out IOperation? dataCondition)
    {
        dataCondition = null;
        if (loop.AtLoopBottom.Length == 1 && StepOf(loop.AtLoopBottom[0]) is null)
        {
            return ShrinkingSpan(loop, out dataCondition);
        }

        if (loop.AtLoopBottom.Length != 1 || StepOf(loop.AtLoopBottom[0]) is not { } step
            || WrittenIn(loop.Body).Contains(step.Variable))
        {
            return null;
        }

        return Counter(loop, step, written, out dataCondition);
    }

    /// <summary>
    /// <c>while</c>/<c>do</c>: a counter stepped once per iteration at the top level of the body,
    /// a halving (<c>x &gt;&gt;= 1</c>) down to zero, or an interval-halving binary search.
    /// </summary>
    private LoopShape? RecognizeWhile(IWhileLoopOperation loop, HashSet<ISymbol> written, out IOperation? dataCondition)
    {
        LoopShape? shape = RecognizeTopTested(loop, written, out dataCondition);

        // A do loop runs its body before the first test: once even when the counter starts past the bound.
        return shape is null || loop.ConditionIsTop
            ? shape
            : shape with { Trips = Poly.One.Plus(FunctionAtom.Apply(AtomFunction.NonNegative, shape.Trips.Minus(Poly.One))) };
    }

    private LoopShape? RecognizeTopTested(IWhileLoopOperation loop, HashSet<ISymbol> written, out IOperation? dataCondition)
    {
        dataCondition = null;
        {
            IEnumerable<IOperation> statements = loop.Body is IBlockOperation body ? body.Operations : new[] { loop.Body };
            foreach (IOperation statement in statements)
            {
                if (StepOf(statement) is { } step && WritesTo(loop.Body, step.Variable).Count == 1
                    && WritesTo(loop.Condition, step.Variable).Count == 0
                    && Counter(loop, step, written, out dataCondition) is { } shape)
                {
                    return shape;
                }
            }
        }

        return ShrinkingSpan(loop, out dataCondition) ?? BinarySearch(loop, written, out dataCondition);
    }

    /// <summary>The trip count of <paramref name="loop"/>, whose variable is stepped by <paramref name="step"/>.</summary>
    private LoopShape? Counter(ILoopOperation loop, Step step, HashSet<ISymbol> written, out IOperation? dataCondition)
    {
        dataCondition = null;
        IOperation? condition = loop switch { IForLoopOperation f => f.Condition, IWhileLoopOperation w => w.Condition, _ => null };
        Poly? start = ValueOf(step.Variable) is NumberValue n ? n.Value : null;
        if (start is null || condition is null)
        {
            return null;
        }

        var conjuncts = Conjuncts(condition);
        foreach (IOperation conjunct in conjuncts)
        {
            if (conjunct is not IBinaryOperation compare)
            {
                continue;
            }

            // i * k < n: the counter against the bound divided by k (MethodAnalyzer.ScaledCounters.cs).
            ScaledCounter? scaled = null;
            if (!TryOrient(compare, step.Variable, out Comparison op, out IOperation boundOperation)
                && (scaled = ScaledCounterOf(compare, step)) is null)
            {
                continue;
            }

            if (scaled is { } s)
            {
                (op, boundOperation) = (s.Op, s.Bound);
            }

            // The bound must not change while the loop runs.
            Poly? bound = ReadsAny(boundOperation, written) || ReadsMemberAssignedIn(boundOperation, loop) || ReadsCapturedWrittenByCallee(boundOperation, loop) ? null : _inputs.Number(boundOperation);
            if (bound is null || bound.ContainsAtom(a => a is QuantityAtom q && _quantities.Find(q.Name)?.Kind == QuantityKind.Pcv)
                || (scaled is null && !CounterHoldsBound(step, op, bound, boundOperation)))
            {
                continue;
            }

            if (scaled is { } product)
            {
                bound = ScaledBound(product, step, start, bound);
                if (bound is null)
                {
                    continue;
                }
            }

            LoopShape? shape = step.Kind switch
            {
                // A scaled bound is no `i < a.Length`: the JIT keeps a[i]'s bounds check.
                StepKind.Linear => Linear(step, start, op, bound, scaled is null ? boundOperation : null),
                StepKind.Doubling => Doubling(step, start, op, bound),
                _ => Halving(step, start, op, bound),
            };
            if (shape is not null && !InputResolver.IsInputOnly(shape.Trips) && !NonNegativeThroughoutOuterLoop(shape.Trips))
            {
                shape = shape with { Trips = FunctionAtom.Apply(AtomFunction.NonNegative, shape.Trips) };
            }
            if (shape is not null)
            {
                dataCondition = conjuncts.FirstOrDefault(c => c != conjunct);
                return shape;
            }
        }

        return null;
    }

    private static LoopShape? Linear(Step step, Poly start, Comparison op, Poly bound, IOperation? boundOperation)
    {
        double s = step.Amount;
        Poly diff;
        Poly last;
        switch (op)
        {
            case Comparison.Less when s > 0:
            case Comparison.NotEqual when s == 1:
                diff = bound.Minus(start);
                last = bound.Minus(Poly.One);
                break;
            case Comparison.LessOrEqual when s > 0:
                diff = bound.Minus(start).Plus(Poly.One);
                last = bound;
                break;
            case Comparison.Greater when s < 0:
            case Comparison.NotEqual when s == -1:
                diff = start.Minus(bound);
                last = bound.Plus(Poly.One);
                break;
            case Comparison.GreaterOrEqual when s < 0:
                diff = start.Minus(bound).Plus(Poly.One);
                last = bound;
                break;
            default:
                return null;
        }

        Poly trips = Math.Abs(s) == 1 ? diff : FunctionAtom.Apply(AtomFunction.CeilingDivide, diff, Math.Abs(s));
        if (op == Comparison.NotEqual && WrapsPastBound(step, diff) is { } wrapped)
        {
            return new LoopShape(step.Variable, start, s, last, wrapped, null, "counter");
        }

        // Inside a dependent nest (the count reads an outer variable) the caller clamps the count
        // unless the inner range is non-empty for every outer value (NonNegativeThroughoutOuterLoop),
        // which keeps the triangular closed forms exact; elsewhere max(0, ·) keeps it exact.
        if (InputResolver.IsInputOnly(trips))
        {
            trips = FunctionAtom.Apply(AtomFunction.NonNegative, trips);
        }

        // The JIT drops the bounds check of a[i] in `for (i = c ≥ 0; i < a.Length; i++)`.
        ISymbol? bounded = null;
        if (op == Comparison.Less && s == 1 && start.IsConstant(out double first) && first >= 0
            && boundOperation is IPropertyReferenceOperation { Property.Name: "Length", Instance: { } array })
        {
            bounded = ReferencedVariable(array);
        }

        return new LoopShape(step.Variable, start, s, last, trips, bounded, "counter");
    }

    /// <summary>
    /// True when <paramref name="trips"/>, affine in one enclosing loop's variable v, is at least 0
    /// for every value v takes. Its minimum is at v's first or last value; each of those must be a
    /// constant ≥ 0, or exceed one by the span last − first (first − last for a falling counter),
    /// which is ≥ 0 whenever the enclosing body runs. So <c>j &lt; i</c>, <c>j = i + 1 … n</c> and
    /// <c>j ≤ i</c> qualify; <c>j = i … m</c> does not (empty once i ≥ m), and is clamped instead.
    /// </summary>
    private bool NonNegativeThroughoutOuterLoop(Poly trips)
    {
        var variables = new List<LoopVariableAtom>();
        trips.ContainsAtom(a =>
        {
            if (a is LoopVariableAtom v && !variables.Contains(v))
            {
                variables.Add(v);
            }

            return false;
        });
        if (variables.Count != 1 || _loops.LastOrDefault(f => variables[0].Equals(f.Variable)) is not { Shape: { } outer }
            || trips.CoefficientsOf(variables[0]) is not { } coefficients || coefficients.Keys.Any(power => power > 1))
        {
            return false;
        }

        LoopVariableAtom variable = variables[0];
        Poly span = outer.Step > 0 ? variable.Last.Minus(variable.First) : variable.First.Minus(variable.Last);
        return new[] { variable.First, variable.Last }.All(end =>
        {
            Poly atEnd = trips.Substitute(a => a.Equals(variable) ? end : null);
            return (atEnd.IsConstant(out double value) && value >= 0)
                || (atEnd.Minus(span).IsConstant(out double excess) && excess >= 0);
        });
    }

    private static LoopShape? Doubling(Step step, Poly start, Comparison op, Poly bound)
    {
        // i = c·2^k: `<` runs while 2^k < B/c, i.e. ⌈log2(⌈B/c⌉)⌉ = Log2(⌈B/c⌉ - 1) times.
        if (!start.IsConstant(out double c) || c < 1)
        {
            return null;
        }

        Poly trips = op switch
        {
            Comparison.Less => FunctionAtom.Apply(AtomFunction.Log2, FunctionAtom.Apply(AtomFunction.CeilingDivide, bound, c).Minus(Poly.One)),
            Comparison.LessOrEqual => FunctionAtom.Apply(AtomFunction.Log2, FunctionAtom.Apply(AtomFunction.FloorDivide, bound, c)),
            _ => Poly.Zero,
        };
        return trips.IsZero ? null : new LoopShape(null, start, 0, bound, trips, null, "doubling");
    }

    private static LoopShape? Halving(Step step, Poly start, Comparison op, Poly bound)
    {
        // x, x/2, x/4, … while x > 0 (or ≥ 1, or != 0): ⌊log2 x⌋ + 1 iterations, for an integer x:
        // a float halves on through the subnormals (1078 steps from 8.0 to 0).
        ITypeSymbol? type = CounterType(step);
        if (type is null || !IsIntegral(type))
        {
            return null;
        }

        // `!= 0` lets a negative signed x run too: x /= 2 takes ⌊log2 |x|⌋ + 1 steps, which
        // Log2(x) + Log2(−x) is (one of the two is 0); x >>= 1 stops at −1 and never ends.
        if (op == Comparison.NotEqual && IsSigned(type))
        {
            return step.Kind == StepKind.HalvingShift || !bound.IsConstant(out double zero) || zero != 0
                ? null
                : new LoopShape(null, start, 0, Poly.Zero, FunctionAtom.Apply(AtomFunction.Log2, start).Plus(FunctionAtom.Apply(AtomFunction.Log2, start.Scale(-1))), null, "halving");
        }

        bool toZero = bound.IsConstant(out double b) && ((op is Comparison.Greater or Comparison.NotEqual && b == 0) || (op == Comparison.GreaterOrEqual && b == 1));
        bool toOne = bound.IsConstant(out double b1) && op == Comparison.Greater && b1 == 1;
        if (!toZero && !toOne)
        {
            return null;
        }

        Poly argument = toZero ? start : FunctionAtom.Apply(AtomFunction.FloorDivide, start, 2);
        return new LoopShape(null, start, 0, Poly.Zero, FunctionAtom.Apply(AtomFunction.Log2, argument), null, "halving");
    }

    private static bool IsIntegral(ITypeSymbol type) => type.SpecialType is SpecialType.System_SByte or SpecialType.System_Byte
        or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
        or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_IntPtr or SpecialType.System_UIntPtr
        or SpecialType.System_Char;

    private static bool IsSigned(ITypeSymbol type) => type.SpecialType is SpecialType.System_SByte or SpecialType.System_Int16
        or SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_IntPtr;

    /// <summary>
    /// <c>while (lo &lt;= hi) { mid = …; … lo = mid + 1; … hi = mid - 1; }</c> (or <c>lo &lt; hi</c>
    /// with <c>hi = mid</c>): the interval halves each iteration, so it runs ⌊log2(n)⌋ + 1 times
    /// for n = hi − lo + 1 (resp. hi − lo).
    /// </summary>
    private LoopShape? BinarySearch(IWhileLoopOperation loop, HashSet<ISymbol> written, out IOperation? dataCondition)
    {
        dataCondition = null;
        var conjuncts = Conjuncts(loop.Condition);
        foreach (IOperation conjunct in conjuncts)
        {
            if (conjunct is not IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual } compare
                || ReferencedVariable(compare.LeftOperand) is not { } lo || ReferencedVariable(compare.RightOperand) is not { } hi)
            {
                continue;
            }

            var loWrites = WritesTo(loop.Body, lo);
            var hiWrites = WritesTo(loop.Body, hi);
            if (loWrites.Count == 0 || hiWrites.Count == 0
                || !loWrites.All(w => IsMidPlus(w, 1, loop.Body, lo, hi))
                || !hiWrites.All(w => IsMidPlus(w, -1, loop.Body, lo, hi) || IsMidPlus(w, 0, loop.Body, lo, hi)))
            {
                continue;
            }

            Poly? low = ValueOf(lo) is NumberValue l ? l.Value : null;
            Poly? high = ValueOf(hi) is NumberValue h ? h.Value : null;
            if (low is null || high is null)
            {
                continue;
            }

            Poly size = high.Minus(low);
            if (compare.OperatorKind == BinaryOperatorKind.LessThanOrEqual)
            {
                size = size.Plus(Poly.One);
            }

            dataCondition = conjuncts.FirstOrDefault(c => c != conjunct);
            return new LoopShape(null, low, 0, high, FunctionAtom.Apply(AtomFunction.Log2, size), null, "binary search");
        }

        return null;
    }

    private static bool ReadsAny(IOperation operation, HashSet<ISymbol> variables) =>
        operation.DescendantsAndSelf().Any(o => ReferencedVariable(o) is { } v && variables.Contains(v));

    /// <summary>
    /// True when <paramref name="bound"/> reads a field or property that <paramref name="loop"/>
    /// assigns (<c>for (i = 0; i &lt; _count; i++) { … _count++; }</c>): the bound read before the
    /// loop is then not its trip count. Writes made by callees are not seen here.
    /// </summary>
    private static bool ReadsMemberAssignedIn(IOperation bound, IOperation loop)
    {
        var assigned = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (IOperation operation in loop.DescendantsAndSelf())
        {
            if (AssignedTarget(operation) is IMemberReferenceOperation { Member: var member })
            {
                assigned.Add(member);
            }
        }

        return assigned.Count > 0 && bound.DescendantsAndSelf().Any(o => o is IMemberReferenceOperation { Member: var m } && assigned.Contains(m));
    }

    /// <summary><c>v = m + delta</c> where m is a local that <paramref name="body"/> sets only to the midpoint of lo and hi.</summary>
    private static bool IsMidPlus(IOperation write, int delta, IOperation body, ISymbol lo, ISymbol hi)
    {
        if (write is not ISimpleAssignmentOperation { Value: var value })
        {
            return false;
        }

        value = WithoutConversions(value);
        IOperation? mid = delta == 0 ? value
            : value is IBinaryOperation { OperatorKind: var kind, LeftOperand: var left, RightOperand: { ConstantValue: { HasValue: true, Value: var amount } } }
                && NumericConstant.TryGetValue(amount, out double step) && step == 1
                && (delta > 0 ? kind == BinaryOperatorKind.Add : kind == BinaryOperatorKind.Subtract)
                ? left
                : null;
        return mid is not null && ReferencedVariable(mid) is ILocalSymbol local && IsMidpointLocal(body, local, lo, hi);
    }

    /// <summary>
    /// Every value <paramref name="body"/> gives <paramref name="mid"/> is <c>(lo + hi) / 2</c>,
    /// <c>lo + (hi - lo) / 2</c> or a shift/cast spelling of them. A probe computed otherwise
    /// (interpolation search, <c>mid = lo</c>) can move lo or hi by one per iteration: n iterations, not log2 n.
    /// </summary>
    private static bool IsMidpointLocal(IOperation body, ILocalSymbol mid, ISymbol lo, ISymbol hi)
    {
        bool any = false;
        foreach (IOperation operation in body.DescendantsAndSelf())
        {
            IOperation? value;
            if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, mid))
            {
                value = declarator.GetVariableInitializer()?.Value;
            }
            else if (operation is ISimpleAssignmentOperation assignment && SymbolEqualityComparer.Default.Equals(ReferencedVariable(assignment.Target), mid))
            {
                value = assignment.Value;
            }
            else if (WritesTo(operation, mid).Contains(operation))
            {
                return false; // mid++, mid += k, ref mid: not a midpoint
            }
            else
            {
                continue;
            }

            if (value is null)
            {
                continue;
            }

            if (!IsMidpoint(value, lo, hi))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    private static bool IsMidpoint(IOperation value, ISymbol lo, ISymbol hi)
    {
        value = WithoutConversions(value);
        if (value is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } plus)
        {
            // lo + (hi - lo) / 2
            IOperation? half = Is(plus.LeftOperand, lo) ? plus.RightOperand : Is(plus.RightOperand, lo) ? plus.LeftOperand : null;
            return half is not null && Halved(half) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } difference
                && Is(difference.LeftOperand, hi) && Is(difference.RightOperand, lo);
        }

        // (lo + hi) / 2
        return Halved(value) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } sum
            && ((Is(sum.LeftOperand, lo) && Is(sum.RightOperand, hi)) || (Is(sum.LeftOperand, hi) && Is(sum.RightOperand, lo)));
    }

    /// <summary>x for <c>x / 2</c>, <c>x &gt;&gt; 1</c> or <c>x &gt;&gt;&gt; 1</c> (casts and parentheses aside), else null.</summary>
    private static IOperation? Halved(IOperation operation) =>
        WithoutConversions(operation) is IBinaryOperation { RightOperand: var right } binary
            && Constant(right) is { } amount
            && (binary.OperatorKind == BinaryOperatorKind.Divide ? amount == 2
                : binary.OperatorKind is BinaryOperatorKind.RightShift or BinaryOperatorKind.UnsignedRightShift && amount == 1)
            ? WithoutConversions(binary.LeftOperand)
            : null;

    private static bool Is(IOperation operation, ISymbol variable) =>
        SymbolEqualityComparer.Default.Equals(ReferencedVariable(WithoutConversions(operation)), variable);

    private static IOperation WithoutConversions(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>Orients <c>v op bound</c> (flipping <c>bound op v</c>); false when neither side is <paramref name="variable"/>.</summary>
    private static bool TryOrient(IBinaryOperation compare, ISymbol variable, out Comparison op, out IOperation bound)
    {
        op = default;
        bound = compare.RightOperand;
        bool left = SymbolEqualityComparer.Default.Equals(ReferencedVariable(compare.LeftOperand), variable);
        bool right = !left && SymbolEqualityComparer.Default.Equals(ReferencedVariable(compare.RightOperand), variable);
        if (!(left || right) || Oriented(compare.OperatorKind, flipped: right) is not { } oriented)
        {
            return false;
        }

        op = oriented;
        if (right)
        {
            bound = compare.LeftOperand;
        }

        return true;
    }

    /// <summary>
    /// The comparison <paramref name="kind"/> makes, read from the side of the right operand when <paramref name="flipped"/>
    /// (<c>b &lt; v</c> is <c>v &gt; b</c>); null for an operator no loop test is read from (<c>==</c>).
    /// </summary>
    private static Comparison? Oriented(BinaryOperatorKind kind, bool flipped) => (kind, flipped) switch
    {
        (BinaryOperatorKind.LessThan, false) or (BinaryOperatorKind.GreaterThan, true) => Comparison.Less,
        (BinaryOperatorKind.LessThanOrEqual, false) or (BinaryOperatorKind.GreaterThanOrEqual, true) => Comparison.LessOrEqual,
        (BinaryOperatorKind.GreaterThan, false) or (BinaryOperatorKind.LessThan, true) => Comparison.Greater,
        (BinaryOperatorKind.GreaterThanOrEqual, false) or (BinaryOperatorKind.LessThanOrEqual, true) => Comparison.GreaterOrEqual,
        (BinaryOperatorKind.NotEquals, _) => Comparison.NotEqual,
        _ => null,
    };

    /// <summary>The step statement <c>i++</c>, <c>i -= 2</c>, <c>i = i + c</c>, <c>i *= 2</c>, <c>i &gt;&gt;= 1</c>…, or null.</summary>
    private static Step? StepOf(IOperation statement)
    {
        IOperation operation = statement is IExpressionStatementOperation e ? e.Operation : statement;
        switch (operation)
        {
            case IIncrementOrDecrementOperation increment when ReferencedVariable(increment.Target) is { } v:
                return new Step(v, StepKind.Linear, increment.Kind == OperationKind.Increment ? 1 : -1);
            case ICompoundAssignmentOperation compound when ReferencedVariable(compound.Target) is { } v
                && Constant(compound.Value) is { } amount:
                return Classify(v, compound.OperatorKind, amount);
            case ISimpleAssignmentOperation { Value: IBinaryOperation binary } assignment when ReferencedVariable(assignment.Target) is { } v
                && SymbolEqualityComparer.Default.Equals(ReferencedVariable(binary.LeftOperand), v)
                && Constant(binary.RightOperand) is { } amount:
                return Classify(v, binary.OperatorKind, amount);
            default:
                return null;
        }
    }

    private static Step? Classify(ISymbol variable, BinaryOperatorKind kind, double amount) => kind switch
    {
        BinaryOperatorKind.Add when amount != 0 => new Step(variable, StepKind.Linear, amount),
        BinaryOperatorKind.Subtract when amount != 0 => new Step(variable, StepKind.Linear, -amount),
        BinaryOperatorKind.Multiply when amount == 2 => new Step(variable, StepKind.Doubling, 2),
        BinaryOperatorKind.LeftShift when amount == 1 => new Step(variable, StepKind.Doubling, 2),
        BinaryOperatorKind.Divide when amount == 2 => new Step(variable, StepKind.Halving, 2),
        BinaryOperatorKind.RightShift or BinaryOperatorKind.UnsignedRightShift when amount == 1 => new Step(variable, StepKind.HalvingShift, 2),
        _ => null,
    };

    private static double? Constant(IOperation operation) =>
        operation.ConstantValue is { HasValue: true, Value: var value } && NumericConstant.TryGetValue(value, out double number)
            ? number
            : null;

    private static List<IOperation> Conjuncts(IOperation? condition)
    {
        var result = new List<IOperation>();
        var stack = new Stack<IOperation>();
        if (condition is not null)
        {
            stack.Push(condition);
        }

        while (stack.Count > 0)
        {
            IOperation current = stack.Pop();
            if (current is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and)
            {
                stack.Push(and.RightOperand);
                stack.Push(and.LeftOperand);
            }
            else
            {
                result.Add(current);
            }
        }

        return result;
    }

    /// <summary>
    /// True when <paramref name="bound"/> reads a local that a local function or lambda declared
    /// outside <paramref name="loop"/> assigns, and the loop calls a local function or a delegate
    /// (<c>for (i &lt; n) Grow(); … void Grow() => n++;</c>): the call may move the bound.
    /// </summary>
    private static bool ReadsCapturedWrittenByCallee(IOperation bound, IOperation loop)
    {
        bool calls = loop.DescendantsAndSelf().Any(o => o is IInvocationOperation { TargetMethod.MethodKind: MethodKind.LocalFunction or MethodKind.DelegateInvoke });
        if (!calls)
        {
            return false;
        }

        IOperation root = loop;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        var captured = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (IOperation function in root.DescendantsAndSelf().Where(o => o is ILocalFunctionOperation or IAnonymousFunctionOperation))
        {
            foreach (IOperation operation in function.DescendantsAndSelf())
            {
                if (AssignedTarget(operation) is { } target && ReferencedVariable(target) is { } variable)
                {
                    captured.Add(variable);
                }
            }
        }

        return ReadsAny(bound, captured);
    }

    /// <summary>What <paramref name="operation"/> assigns: an assignment's target, a <c>++</c>/<c>--</c> operand, a ref/out argument; else null.</summary>
    private static IOperation? AssignedTarget(IOperation operation) => operation switch
    {
        IAssignmentOperation a => a.Target,
        IIncrementOrDecrementOperation i => i.Target,
        IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } arg => arg.Value,
        _ => null,
    };

    /// <summary>The operations inside <paramref name="scope"/> that assign <paramref name="variable"/>.</summary>
    private static List<IOperation> WritesTo(IOperation? scope, ISymbol variable)
    {
        var writes = new List<IOperation>();
        if (scope is null)
        {
            return writes;
        }

        foreach (IOperation operation in scope.DescendantsAndSelf())
        {
            if (AssignedTarget(operation) is { } target && SymbolEqualityComparer.Default.Equals(ReferencedVariable(target), variable))
            {
                writes.Add(operation);
            }
        }

        return writes;
    }
}
