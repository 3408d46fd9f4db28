using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.Extraction.Analysis;

/// <summary>
/// A <c>PixHint.Pcv(name, description)</c> call as the first statement of an <c>if</c>'s then- or
/// else-block: it names the PCV that counts the runs of that arm in one call of the method (0 or 1),
/// for a branch whose condition depends on data the inputs do not show (packet bytes, table contents).
/// </summary>
/// <param name="Name">The PCV's name, or null when the argument is not a constant C# identifier.</param>
/// <param name="Description">The hint's description, if any.</param>
/// <param name="Call">The hint call, where diagnostics about it are reported.</param>
/// <param name="OnTrueArm">True for the then-block, false for the else-block.</param>
internal readonly record struct ArmHint(string? Name, string? Description, IInvocationOperation Call, bool OnTrueArm)
{
    /// <summary>The hint on either arm of <paramref name="conditional"/> (the then-block's first); null when there is none.</summary>
    public static ArmHint? Read(IConditionalOperation conditional) =>
        Read(conditional.WhenTrue, onTrueArm: true) ?? Read(conditional.WhenFalse, onTrueArm: false);

    /// <summary>The second hinted arm of a branch hinted on both: one PCV already says which arm runs.</summary>
    public static IInvocationOperation? Redundant(IConditionalOperation conditional) =>
        Read(conditional.WhenTrue, onTrueArm: true) is not null && Read(conditional.WhenFalse, onTrueArm: false) is { } second ? second.Call : null;

    private static ArmHint? Read(IOperation? arm, bool onTrueArm)
    {
        if (FirstHint(arm) is not { } call)
        {
            return null;
        }

        string? name = PcvNames.FromHint(call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
        string? description = call.Arguments.Length > 1 ? call.Arguments[1].Value.ConstantValue.Value as string : null;
        return new ArmHint(name, description, call, onTrueArm);
    }

    /// <summary>The <c>PixHint.Pcv</c> call among the hint calls that open <paramref name="arm"/>'s block.</summary>
    private static IInvocationOperation? FirstHint(IOperation? arm)
    {
        if (arm is not IBlockOperation block)
        {
            return null;
        }

        foreach (IOperation statement in block.Operations)
        {
            if (statement is not IExpressionStatementOperation { Operation: IInvocationOperation call } || !LoopHints.IsHint(call.TargetMethod))
            {
                return null;
            }

            if (call.TargetMethod.Name == "Pcv")
            {
                return call;
            }
        }

        return null;
    }
}
