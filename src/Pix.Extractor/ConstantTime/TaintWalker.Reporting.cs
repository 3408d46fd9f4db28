using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.ConstantTime;

// Findings: a branch on a secret as a branch or an early exit (and whether it may be the public verdict),
// and every other leak, recorded only on the last walk.
internal sealed partial class TaintWalker
{
    /// <summary>
    /// A branch on a secret: inside a loop, a branch whose arm leaves the loop is an early exit
    /// (PIX0101); anywhere else it is a branch (PIX0100), possibly the method's public verdict.
    /// </summary>
    private void ReportBranch(IOperation branch, string construct, Taint condition, IReadOnlyList<IOperation?> arms, IOperation? reportAt = null)
    {
        if (!_reporting)
        {
            return;
        }

        IOperation at = reportAt ?? branch;
        ILoopOperation? exited = _loops.Count == 0 ? null : _loops.LastOrDefault(loop => arms.Any(arm => LeavesLoop(arm, loop)));
        if (exited is not null)
        {
            string witness = EarlyExitWitness.Describe(exited, branch);
            Add(ViolationKind.Loop, at, $"early exit '{Text(at)}' of the {LoopName(exited)}", condition, witness, verdict: false);
            return;
        }

        string detail = "each way runs different code";
        if (branch is IConditionalOperation conditional && _engine.BalanceOf(_method, conditional, _cancellationToken) is { } balance)
        {
            // Both arms cost the same in the interface model: not a branch leak by the model's measure
            // (docs/constant-time.md says what it still leaks on real hardware).
            if (balance.IsBalanced)
            {
                return;
            }

            detail = balance.Detail;
        }

        Add(ViolationKind.Branch, at, construct, condition, detail, _loops.Count == 0 && DecidesResult(branch, arms));
    }

    /// <summary>
    /// True when the branch only turns the outcome into the method's result: an if whose arms end in
    /// <c>return constant</c> or <c>throw</c> (holding no loop), a <c>?:</c> between two constants, or a
    /// <c>&amp;&amp;</c>/<c>||</c>, inside a return. Such a branch reveals what the result reveals; it is
    /// the method's verdict if nothing secret follows it (<see cref="VerdictRule"/> decides). A branch
    /// that picks between secret-dependent values (<c>return bit == 1 ? a : b;</c>) is never a verdict.
    /// </summary>
    private static bool DecidesResult(IOperation branch, IReadOnlyList<IOperation?> arms)
    {
        if (arms.Any(arm => arm is not null && arm.DescendantsAndSelf().Any(d => d is ILoopOperation)))
        {
            return false;
        }

        switch (branch)
        {
            case IConditionalOperation { Type: null }:
                return arms.All(arm => arm is null || EndsInConstantReturnOrThrow(arm));
            case IConditionalOperation conditional:
                return IsConstant(conditional.WhenTrue) && IsConstant(conditional.WhenFalse) && IsInsideReturn(branch);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr }:
                return IsInsideReturn(branch);
            default:
                return false;
        }
    }

    private static bool IsInsideReturn(IOperation operation)
    {
        for (IOperation? node = operation.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case IReturnOperation:
                    return true;
                case IBlockOperation or IExpressionStatementOperation or IVariableDeclaratorOperation:
                    return false;
            }
        }

        return false;
    }

    private static bool EndsInConstantReturnOrThrow(IOperation arm) => arm switch
    {
        IBlockOperation block => block.Operations.Length > 0 && EndsInConstantReturnOrThrow(block.Operations[block.Operations.Length - 1]),
        IReturnOperation { ReturnedValue: var value } => value is null || IsConstant(value),
        IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation } => true,
        _ => false,
    };

    private static bool IsConstant(IOperation? operation) =>
        operation is null || Unconverted.Of(operation) is { ConstantValue.HasValue: true } or IDefaultValueOperation;

    private static bool LeavesLoop(IOperation? arm, ILoopOperation loop)
    {
        if (arm is null)
        {
            return false;
        }

        foreach (IOperation operation in arm.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IReturnOperation { Kind: OperationKind.Return }:
                case IThrowOperation:
                    return true;
                case IBranchOperation { BranchKind: BranchKind.Break } branch when SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel):
                    return true;
            }
        }

        return false;
    }

    private void Report(ViolationKind kind, IOperation at, string construct, Taint taint, string? detail, ImmutableArray<Location> via = default)
    {
        if (_reporting)
        {
            Add(kind, at, construct, taint, detail, verdict: false, via);
        }
    }

    private void Add(ViolationKind kind, IOperation at, string construct, Taint taint, string? detail, bool verdict, ImmutableArray<Location> via = default)
    {
        Location location = at.Syntax.GetLocation();
        var finding = new ConstantTimeFinding(
            kind,
            location,
            construct,
            taint.Then(Text(at), location),
            detail,
            via.IsDefault ? ImmutableArray<Location>.Empty : via);
        _findings.Add(new PendingFinding(finding, verdict));
    }
}
