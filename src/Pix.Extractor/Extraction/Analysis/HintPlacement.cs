using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.Extraction.Analysis;

/// <summary>
/// Where a <c>PixHint</c> call is read: <see cref="LoopHints"/> reads the hint calls that open a loop
/// body, <see cref="ArmHint"/> the <c>PixHint.Pcv</c> that opens an <c>if</c>'s arm, and a
/// <c>PixHint.ColdLoads</c> is read wherever it stands (it counts the whole call). A hint anywhere
/// else would be compiled away and steer nothing, so the extractor reports it instead of ignoring it.
/// </summary>
internal static class HintPlacement
{
    /// <summary>
    /// Null when <paramref name="hint"/> is where it is read; otherwise why it is not, with the fix.
    /// </summary>
    public static string? Misplaced(IInvocationOperation hint)
    {
        bool opensLoop = OpenedBlock(hint) is { Parent: ILoopOperation loop } block && loop.Body == block;
        bool opensArm = OpenedBlock(hint) is { Parent: IConditionalOperation conditional } arm
            && (conditional.WhenTrue == arm || conditional.WhenFalse == arm);
        return hint.TargetMethod.Name switch
        {
            "Pcv" when opensLoop || opensArm => null,
            "Pcv" => "PixHint.Pcv is read only as the first statement of a loop body (the loop's trip count) or of an if's then- or else-block (that arm's runs); here it was ignored.",
            "LoopBound" when opensLoop => null,
            "LoopBound" => "PixHint.LoopBound is read only as the first statement of a loop body; here it was ignored.",
            _ => null,
        };
    }

    /// <summary>The block <paramref name="hint"/> opens (only hint calls before it), or null.</summary>
    private static IBlockOperation? OpenedBlock(IInvocationOperation hint)
    {
        if (hint.Parent is not IExpressionStatementOperation { Parent: IBlockOperation block } statement)
        {
            return null;
        }

        foreach (IOperation earlier in block.Operations)
        {
            if (earlier == statement)
            {
                return block;
            }

            if (earlier is not IExpressionStatementOperation { Operation: IInvocationOperation call } || !LoopHints.IsHint(call.TargetMethod))
            {
                return null;
            }
        }

        return null;
    }
}
