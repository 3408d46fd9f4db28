using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Costs;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction.Analysis;

// Which conditional branches the hardware mispredicts, and how often (OperationClass.BranchMiss: an
// expected count, priced as a refill of the front end; on the chain too when the branch's condition is
// on it: AfterMispredictedBranch; a data-stopped loop's exit is OperationClass.LoopExitMiss, calibrated on its
// own because it costs more: shape 2 below). A predictor learns any
// branch that mostly goes one way, or that repeats a short pattern, so most branches cost nothing
// beyond their issue slot: a loop's back-edge, a bounds check, a test that fails for almost every
// element (the firewall's scan of 100 rules, a 4-way `&&` each, fails the first test for 98 of them).
// Two shapes are counted, and both assume that a method's inputs vary from call to call, as packets,
// keys and search values do (the same input every call trains the predictor on its path):
//
// 1. A test of one bit of a value at a position that moves (`((address >> (31 - depth)) & 1) != 0`,
//    `(mask & (1 << i)) != 0`): the bits of varying data are coin flips, so the branch goes the
//    other way than predicted half the time: 1/2 a miss per execution. A test at a fixed position
//    (`(flags & Syn) != 0`) is left out: a flag is usually biased, and the predictor follows the bias.
// 2. The exit of a loop whose trip count the data decide (an early return or break, or a `while` on
//    data: the loops that get a PCV such as `matchIndex`): where it stops varies with the data, the
//    predictor expects the loop to go on, and leaving it costs 1 miss per execution of the loop,
//    min(1, max(0, trips − 1)): a loop that stops at its first test or after one iteration is left
//    out, because that is what a hash chain at a low load factor does nearly every time, and a
//    predictor learns it (the NAT's, bridge's and firewall's flow-table walks: 1 entry on typical
//    traffic). Nor is a search that runs out a constant bound (`for (i = 0; i < 8; i++)` with an
//    early return, the load balancer's probe window) when it does: 8 iterations every time are learnt.
//    A counted loop's exit (its bound is an input) is left out: short counted loops are
//    learnt, and on long ones one miss is noise. So is a binary search's, early hit or not: it
//    stops after ⌊log2 n⌋ + 1 halvings for every key but the rare one found on the way, the same
//    count every time, and a predictor learns that (the Quickstart's `BinarySearch`, value absent,
//    measured 12.8–13.3 ns against 14.2 predicted without a miss and 22.3 with one).
//
// Branches on table contents (does this trie node hold a prefix?) are not counted: how often they
// change direction depends on the table, which no input shows. Except where a PixHint.Pcv on an arm inside a
// loop says it (3.):
//
// 3. A hinted arm inside a loop (PixHint.Pcv opening an arm: the PCV counts the iterations of one call that take
//    it): data decide the branch, and the PCV shows how mixed they were. Iterations that all go one way are
//    learnt; where they mix, the predictor follows the way most go and misses on the others: min(runs,
//    iterations − runs) misses a call (BranchMiss), written runs − max(0, 2·runs − iterations). Measured on the
//    NAT's expiry storm (bench/Pix.ExpiryStorm --branches, twenty-sixth session): 30% of its expired flows head
//    their bucket chain, and the bucket unlink as written costs 1.1–2.3 ns a flow more than the same stores made
//    without a branch, about a miss for each flow on the rarer side.
internal sealed partial class MethodAnalyzer
{
    /// <summary>Expected misses of a branch on one bit of varying data (<see cref="IsMovingBitTest"/>).</summary>
    internal const double CoinFlipMisses = 0.5;

    /// <summary>Expected loop exit misses (<see cref="OperationClass.LoopExitMiss"/>) when a loop whose trip count data decide exits (<see cref="ExitsOnData"/>).</summary>
    internal const double DataExitMisses = 1;

    /// <summary>
    /// Iterations past which a data-stopped loop's exit costs a second <see cref="OperationClass.LoopExitMiss"/>
    /// (<see cref="ExitPastLongLoop"/>). The Zen 5 measured learns a fixed trip count up to 128 and not from 144, and
    /// from 160 iterations on pays ~10–13 ns more per call whatever the exit (bench/Pix.IndexOfStep, docs/accuracy.md,
    /// twenty-seventh session, <c>index27</c>); the Zen 3 guest of the seventh session learnt up to about 192.
    /// </summary>
    internal const double LongLoopIterations = 128;

    /// <summary>
    /// Counts the expected misses of the two-way branch on <paramref name="condition"/> (an if or a
    /// conditional expression the inputs do not decide): <see cref="CoinFlipMisses"/> for a test of a
    /// moving bit, else none. A conditional expression whose arms are both plain values
    /// (<paramref name="arms"/>: locals, parameters, constants) is compiled to a conditional move, no branch.
    /// Returns the misses counted (null when none): what the code after the branch waits for besides
    /// the condition (<see cref="AfterMispredictedBranch"/>).
    /// </summary>
    private OperationVector? EmitExpectedMisses(IOperation condition, params IOperation?[] arms)
    {
        if (IsMovingBitTest(condition) && !AllPlainValues(arms))
        {
            OperationVector misses = OperationVector.Of((OperationClass.BranchMiss, CoinFlipMisses));
            Emit(misses);
            return misses;
        }

        return null;
    }

    /// <summary>
    /// The dependency a mispredicted branch gives the values computed in its arms: a predicted branch
    /// gives none (the core runs ahead on the guess), a mispredicted one makes them wait for the
    /// condition and then for the refill. So when the condition is on a loop-carried chain (the branch
    /// tests the value just loaded), the misses join that chain and are paid on top of it; when it is not
    /// (the router's bit of the address), they stay off the chain and the pricing overlaps the refill
    /// with the chain's loads in flight (<c>HardwareProfile.PriceBlock</c>; <c>bench/Pix.BranchOverlap</c>).
    /// </summary>
    private static DependencyFlow AfterMispredictedBranch(DependencyFlow condition, OperationVector? misses) =>
        misses is null ? condition : condition.Then(misses);

    /// <summary>
    /// True for <c>(x &gt;&gt; k &amp; 1) != 0</c>, <c>(x &amp; (1 &lt;&lt; k)) == 0</c> and their mirror
    /// images: one bit of a non-constant value, at a position <c>k</c> that is not a constant.
    /// </summary>
    internal static bool IsMovingBitTest(IOperation condition)
    {
        condition = Unwrapped(condition);
        if (condition is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } compare)
        {
            return false;
        }

        IOperation left = Unwrapped(compare.LeftOperand);
        IOperation right = Unwrapped(compare.RightOperand);
        IOperation? tested = IsZeroOrOne(right) ? left : IsZeroOrOne(left) ? right : null;
        if (tested is not IBinaryOperation { OperatorKind: BinaryOperatorKind.And } and)
        {
            return false;
        }

        IOperation a = Unwrapped(and.LeftOperand);
        IOperation b = Unwrapped(and.RightOperand);
        return IsShiftedByVariable(a, b) || IsShiftedByVariable(b, a) || IsOneShiftedByVariable(a, b) || IsOneShiftedByVariable(b, a);
    }

    /// <summary><c>x &gt;&gt; k</c> masked by the constant 1 (<paramref name="mask"/>): x not constant, k not constant.</summary>
    private static bool IsShiftedByVariable(IOperation shifted, IOperation mask) =>
        IsConstant(mask, 1)
        && shifted is IBinaryOperation { OperatorKind: BinaryOperatorKind.RightShift } s
        && !Unwrapped(s.LeftOperand).ConstantValue.HasValue
        && !Unwrapped(s.RightOperand).ConstantValue.HasValue;

    /// <summary><c>x &amp; (1 &lt;&lt; k)</c>: <paramref name="value"/> not constant, k not constant.</summary>
    private static bool IsOneShiftedByVariable(IOperation mask, IOperation value) =>
        !value.ConstantValue.HasValue
        && mask is IBinaryOperation { OperatorKind: BinaryOperatorKind.LeftShift } s
        && IsConstant(Unwrapped(s.LeftOperand), 1)
        && !Unwrapped(s.RightOperand).ConstantValue.HasValue;

    /// <summary>
    /// The term for the mispredicted exit of a loop whose trip count data decide: a block of
    /// <see cref="DataExitMisses"/> misses, run <c>min(1, max(0, trips − 1))</c> times per execution of the
    /// loop, written <c>max(0, trips − 1) − max(0, trips − 2)</c> (the same for whole trip counts). When the
    /// loop's bound is a constant (<paramref name="constantBound"/>, at least 2: <c>for (i = 0; i &lt; 8; i++)</c>
    /// with an early return), an execution that runs the whole bound leaves by its counter, after the same
    /// number of iterations every time, which a predictor learns (<c>bench/Pix.SearchLoops</c>: a window of 8
    /// run out every call costs what the same loop costs with a hit at its 8th probe, about a miss less than a
    /// window drawn from 7–9): the count drops <c>[trips ≥ bound]</c>, written
    /// <c>max(0, trips − (bound − 1)) − max(0, trips − bound)</c>.
    /// </summary>
    private static PendingTerm MispredictedExit(Poly trips, double? constantBound, Provenance where, string loop)
    {
        Poly fromTheSecondIteration = MoreThan(trips, 1);
        if (constantBound is >= 2 and var bound)
        {
            fromTheSecondIteration = fromTheSecondIteration.Minus(MoreThan(trips, bound - 1));
        }

        // A loop exit miss, not a branch miss: the exit resolves only when its item's load arrives, after the core ran ahead
        // through later iterations, and costs more than a miss whose condition is ready (LoopExitKernels; docs/accuracy.md,
        // "Twenty-third session: the price of a mispredicted loop exit").
        BlockSummary miss = BlockSummary.Create(new[] { new OperationCount(OperationClass.LoopExitMiss, DataExitMisses) });
        return new PendingTerm(miss, fromTheSecondIteration, where, "mispredicted exit of the " + loop);
    }

    /// <summary>
    /// The term for what a data-stopped loop's exit costs beyond <see cref="LongLoopIterations"/> iterations: one more
    /// <see cref="OperationClass.LoopExitMiss"/>, run <c>[trips &gt; 128]</c> times per execution of the loop, written
    /// <c>max(0, trips − 128) − max(0, trips − 129)</c>. Measured, not explained: timed the way <c>pix validate</c> times
    /// the Quickstart's <c>IndexOf</c> (bench/Pix.IndexOfStep), the call's part beyond the per-item slope is ~5 ns
    /// (the exit miss) up to 144 items and ~15–18 ns from 160 on, with the match among the last eight items, with the
    /// same match every call, in a second copy of the code, with the count exit 4,096 items away, and called from a plain
    /// loop without the harness's delegates; the step sits where the predictor stops learning a fixed trip count, so it
    /// is the branch predictor's reach, not the cache (2 KiB) or the harness. A loop that reads two items an iteration
    /// showed no step up to 256 iterations: the threshold is the one-compare loop's, the shape searches have. Its own
    /// term, not a larger count on the exit's, so a deployment fit can price it apart. A loop run out to a constant
    /// bound of 128 or less never reaches it.
    /// </summary>
    private static PendingTerm ExitPastLongLoop(Poly trips, Provenance where, string loop)
    {
        BlockSummary miss = BlockSummary.Create(new[] { new OperationCount(OperationClass.LoopExitMiss, DataExitMisses) });
        return new PendingTerm(miss, MoreThan(trips, LongLoopIterations), where, $"exit past {LongLoopIterations} iterations of the " + loop);
    }

    /// <summary>
    /// The mispredictions of a hinted arm's branch inside a loop (shape 3 above): <c>min(armRuns, runs − armRuns)</c>
    /// <see cref="OperationClass.BranchMiss"/> a call, written <c>armRuns − max(0, 2·armRuns − runs)</c>, where
    /// <paramref name="runs"/> is how often the branch is met in one call and <paramref name="armRuns"/> the hinted
    /// arm's PCV. A term that counts whole calls (<see cref="PendingTerm.CountsWholeCall"/>), as the arms' own.
    /// </summary>
    private void AddMixedArmMisses(Poly runs, Poly armRuns, Provenance where, string branch)
    {
        Poly rarer = armRuns.Minus(FunctionAtom.Apply(AtomFunction.NonNegative, armRuns.Times(Poly.Const(2)).Minus(runs)));
        BlockSummary miss = BlockSummary.Create(new[] { new OperationCount(OperationClass.BranchMiss, 1) });
        _paths.AddTerm(new PendingTerm(miss, rarer, where, "mispredicted branch " + branch + ", its rarer arm's runs") { CountsWholeCall = true });
    }

    /// <summary><c>max(0, trips − at) − max(0, trips − at − 1)</c>: for whole trip counts, 1 when <c>trips &gt; at</c>, else 0.</summary>
    private static Poly MoreThan(Poly trips, double at) =>
        FunctionAtom.Apply(AtomFunction.NonNegative, trips.Minus(Poly.Const(at)))
            .Minus(FunctionAtom.Apply(AtomFunction.NonNegative, trips.Minus(Poly.Const(at + 1))));

    /// <summary>
    /// True when the trip count of <paramref name="loop"/> is decided by data: a condition that is not
    /// a recognised counter (<paramref name="shape"/> null: <c>while (index != None)</c>), a data
    /// conjunct beside the counter (<paramref name="dataCondition"/>), or a return, break or goto in its
    /// body that can leave it early. A throw does not count: a loop that throws on bad data is
    /// predicted to go on, and is right.
    /// </summary>
    private static bool ExitsOnData(ILoopOperation loop, LoopShape? shape, IOperation? dataCondition)
    {
        IOperation? condition = loop switch
        {
            IWhileLoopOperation w => w.Condition,
            IForLoopOperation f => f.Condition,
            _ => null,
        };
        if (shape?.Pattern is "binary search" or "halving")
        {
            return false;
        }

        if (dataCondition is not null || (shape is null && condition is not null && !condition.ConstantValue.HasValue))
        {
            return true;
        }

        foreach (IOperation operation in loop.Body.DescendantsAndSelf())
        {
            bool leaves = operation switch
            {
                // One early return is one mispredicted branch: it is the innermost loop's exit, not every enclosing loop's.
                IReturnOperation { Kind: OperationKind.Return } => InnermostLoop(operation) == loop,
                IBranchOperation { BranchKind: BranchKind.Break } b => SymbolEqualityComparer.Default.Equals(b.Target, loop.ExitLabel),
                IBranchOperation { BranchKind: BranchKind.GoTo } g => !IsDeclaredInside(g.Target, loop),
                _ => false,
            };
            if (leaves && !InsideFunction(operation, loop))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The innermost loop around <paramref name="operation"/>, or null. Function boundaries are not its
    /// concern: <see cref="ExitsOnData"/> drops anything inside a lambda or local function (<c>InsideFunction</c>).
    /// </summary>
    private static ILoopOperation? InnermostLoop(IOperation operation)
    {
        IOperation? parent = operation.Parent;
        while (parent is not null and not ILoopOperation)
        {
            parent = parent.Parent;
        }

        return (ILoopOperation?)parent;
    }

    /// <summary>Whether a goto's target label is declared inside <paramref name="loop"/> (jumping there does not leave it).</summary>
    private static bool IsDeclaredInside(ILabelSymbol label, ILoopOperation loop) =>
        label.Locations.Length > 0
        && label.Locations[0].SourceTree == loop.Syntax.SyntaxTree
        && loop.Syntax.Span.Contains(label.Locations[0].SourceSpan);

    private static bool AllPlainValues(IOperation?[] arms)
    {
        if (arms.Length == 0)
        {
            return false;
        }

        foreach (IOperation? arm in arms)
        {
            if (arm is null || (Unwrapped(arm) is not (ILocalReferenceOperation or IParameterReferenceOperation) && !arm.ConstantValue.HasValue))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsZeroOrOne(IOperation operand) => IsConstant(operand, 0) || IsConstant(operand, 1);

    private static bool IsConstant(IOperation operand, long value) =>
        operand.ConstantValue is { HasValue: true, Value: { } constant }
        && constant is sbyte or byte or short or ushort or int or uint or long or ulong
        && System.Convert.ToDecimal(constant, System.Globalization.CultureInfo.InvariantCulture) == value;

    private static IOperation Unwrapped(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }
}
