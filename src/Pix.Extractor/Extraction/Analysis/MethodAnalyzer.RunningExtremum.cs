using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Costs;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction.Analysis;

// A third shape of mispredicted branch (beside MethodAnalyzer.Mispredictions.cs's two): the update of a
// running minimum or maximum, `if (seen < best) { victim = i; best = seen; }`, the load balancer's choice of
// the least recently seen slot in its probe window. Over k values in no particular order the k-th is a new
// minimum with probability 1/k, so the update runs H(k) − 1 = 1/2 + 1/3 + … + 1/k times after the first
// iteration's, at positions no predictor can foresee: each is a miss (the predictor expects "no update",
// which is right for the other iterations). bench/Pix.Locality's probe-window kernels measured it: the same
// scan of 8 slots, 64 flows drawn at random against 64 flows in turn (every packet a miss either way, the
// victim's slot rotating in turn, which a predictor learns), 8–10 ns a packet more at random, against
// (H(8) − 1) = 1.72 misses priced 10.4 ns at the calibrated BranchMiss (6.0 ns).
//
// Counted only where the count is the loop's: the extremum is reset before each execution of the loop (it
// is declared between the loop and the loop around it, or in the method when there is none); a running
// minimum over a whole nest (the Quickstart's closest pair: updates ≈ ln of all the pairs, per call) is
// left out, as are updates a conditional move may replace (an arm of one assignment: the JIT if-converts
// only single assignments) and ifs with an else arm (the branch then picks between two kinds of work).
internal sealed partial class MethodAnalyzer
{
    /// <summary>The longest constant bound for which the count is written exactly, one step per iteration.</summary>
    private const int ExactHarmonicBound = 16;

    /// <summary>Euler–Mascheroni's constant: H(k) = ln k + γ + O(1/k).</summary>
    private const double EulerGamma = 0.5772156649015329;

    /// <summary>
    /// How many running-extremum updates (<c>if (x &lt; best) { …; best = x; }</c>, reset before each execution of
    /// <paramref name="loop"/>) the loop's own body holds.
    /// </summary>
    private static int RunningExtremumUpdates(ILoopOperation loop) =>
        loop.Body.DescendantsAndSelf()
            .OfType<IConditionalOperation>()
            .Count(conditional => conditional.WhenFalse is null
                && !InsideFunction(conditional, loop)
                && InnermostLoop(conditional) == loop
                && UpdatedExtremum(conditional) is { } extremum
                && ResetPerExecution(extremum, loop));

    /// <summary>
    /// The local <c>best</c> of <c>if (x &lt; best) { …; best = x; }</c> (any of &lt;, ≤, &gt;, ≥, either side), when the
    /// then-block has more than one statement and assigns <c>best</c> the value it was compared with; else null.
    /// </summary>
    private static ILocalSymbol? UpdatedExtremum(IConditionalOperation conditional)
    {
        if (Unwrapped(conditional.Condition) is not IBinaryOperation
            {
                OperatorKind: BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual
                    or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual,
            } compare
            || conditional.WhenTrue is not IBlockOperation { Operations.Length: > 1 } arm)
        {
            return null;
        }

        IOperation left = Unwrapped(compare.LeftOperand);
        IOperation right = Unwrapped(compare.RightOperand);
        return Assigns(arm, left, right) ?? Assigns(arm, right, left);
    }

    /// <summary><paramref name="extremum"/>'s local when <paramref name="arm"/> has the statement <c>extremum = candidate</c>.</summary>
    private static ILocalSymbol? Assigns(IBlockOperation arm, IOperation extremum, IOperation candidate)
    {
        if (extremum is not ILocalReferenceOperation { Local: var local } || Symbol(candidate) is not { } value)
        {
            return null;
        }

        foreach (IOperation statement in arm.Operations)
        {
            if (statement is IExpressionStatementOperation { Operation: ISimpleAssignmentOperation assignment }
                && Unwrapped(assignment.Target) is ILocalReferenceOperation target
                && SymbolEqualityComparer.Default.Equals(target.Local, local)
                && SymbolEqualityComparer.Default.Equals(Symbol(Unwrapped(assignment.Value)), value))
            {
                return local;
            }
        }

        return null;
    }

    /// <summary>The local, parameter or field an operand reads, or null for anything else.</summary>
    private static ISymbol? Symbol(IOperation operand) => operand switch
    {
        ILocalReferenceOperation l => l.Local,
        IParameterReferenceOperation p => p.Parameter,
        IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } f => f.Field,
        _ => null,
    };

    /// <summary>
    /// True when <paramref name="extremum"/> is declared outside <paramref name="loop"/> but inside the loop
    /// around it (or anywhere in the method when there is none): each execution of the loop starts a new one.
    /// </summary>
    private static bool ResetPerExecution(ILocalSymbol extremum, ILoopOperation loop)
    {
        if (extremum.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is not { } declaration
            || declaration.SyntaxTree != loop.Syntax.SyntaxTree
            || loop.Syntax.Span.Contains(declaration.Span))
        {
            return false;
        }

        ILoopOperation? outer = InnermostLoop(loop);
        return outer is null || outer.Syntax.Span.Contains(declaration.Span);
    }

    /// <summary>
    /// The term for <paramref name="updates"/> running-extremum updates per execution of the loop: a block of
    /// one miss, run <c>H(trips) − 1</c> times each. With a constant bound of at most
    /// <see cref="ExactHarmonicBound"/> iterations it is written exactly, <c>Σ_{j=2..bound} [trips ≥ j] / j</c>;
    /// otherwise as <c>ln 2 · ⌊log2 trips⌋ + γ − 1</c> from 2 iterations on (within 0.7 of it: the floor).
    /// </summary>
    private static PendingTerm MispredictedExtremumUpdates(int updates, Poly trips, double? constantBound, Provenance where, string loop)
    {
        Poly count = Poly.Zero;
        if (constantBound is { } bound && bound <= ExactHarmonicBound)
        {
            for (int j = 2; j <= bound; j++)
            {
                count = count.Plus(MoreThan(trips, j - 1).Scale(1.0 / j));
            }
        }
        else
        {
            // Log2 is ⌊log2 x⌋ + 1, so Log2 − 1 is the floor; both parts are 0 below 2 iterations.
            Poly floorLog2 = FunctionAtom.Apply(AtomFunction.Log2, trips).Minus(Poly.One);
            count = FunctionAtom.Apply(AtomFunction.NonNegative, floorLog2.Scale(Math.Log(2)))
                .Plus(MoreThan(trips, 1).Scale(EulerGamma - 1));
        }

        BlockSummary misses = BlockSummary.Create(new[] { new OperationCount(OperationClass.BranchMiss, updates) });
        return new PendingTerm(misses, count, where, "mispredicted updates of the running extremum in the " + loop);
    }
}
