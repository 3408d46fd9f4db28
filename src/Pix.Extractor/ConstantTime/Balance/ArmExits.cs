using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.ConstantTime.Balance;

/// <summary>
/// Equal arm costs say nothing if the arms leave differently: after an arm that returns, the rest of
/// the method does not run. So arms are comparable only when both fall through, or both end in one
/// <c>return</c> (then neither runs anything after the branch). A throw, a <c>goto</c>, or a
/// <c>break</c>/<c>continue</c> out of the branch makes the branch incomparable.
/// </summary>
internal static class ArmExits
{
    private enum Exit
    {
        FallsThrough,
        Returns,
        Other,
    }

    /// <summary>
    /// True when both arms are written and leave the same way. An <c>if</c> without <c>else</c> is
    /// never comparable: its skipped path does nothing, so what the arm does is what leaks, even when
    /// the model prices it at nothing (a swap of two locals is register moves the model does not count).
    /// </summary>
    public static bool LeaveAlike(IOperation? whenTrue, IOperation? whenFalse)
    {
        if (whenTrue is null || whenFalse is null)
        {
            return false;
        }

        Exit t = Classify(whenTrue);
        return t != Exit.Other && t == Classify(whenFalse);
    }

    private static Exit Classify(IOperation arm)
    {
        int returns = 0;
        foreach (IOperation operation in arm.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IReturnOperation { Kind: OperationKind.Return }:
                    returns++;
                    break;
                case IReturnOperation:
                case IThrowOperation:
                case IAnonymousFunctionOperation:
                case ILocalFunctionOperation:
                    return Exit.Other;
                case IBranchOperation branch when !TargetsInside(branch, arm):
                    return Exit.Other;
            }
        }

        if (returns == 0)
        {
            return Exit.FallsThrough;
        }

        return returns == 1 && Last(arm) is IReturnOperation ? Exit.Returns : Exit.Other;
    }

    /// <summary>A break or continue of a loop or switch that is itself inside the arm.</summary>
    private static bool TargetsInside(IBranchOperation branch, IOperation arm) =>
        branch.BranchKind is BranchKind.Break or BranchKind.Continue &&
        arm.DescendantsAndSelf().Any(o =>
            o is ILoopOperation loop && (SymbolEqualityComparer.Default.Equals(loop.ExitLabel, branch.Target) || SymbolEqualityComparer.Default.Equals(loop.ContinueLabel, branch.Target)) ||
            o is ISwitchOperation @switch && SymbolEqualityComparer.Default.Equals(@switch.ExitLabel, branch.Target));

    private static IOperation Last(IOperation arm)
    {
        while (arm is IBlockOperation { Operations.Length: > 0 } block)
        {
            arm = block.Operations[block.Operations.Length - 1];
        }

        return arm;
    }
}
