using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Inputs;
using Pix.Extraction.Symbolic;

namespace Pix.Extraction.Analysis;

/// <summary>
/// The <c>PixHint</c> calls at the start of a loop body: <c>PixHint.Pcv(name, description)</c>
/// names the loop's PCV, <c>PixHint.LoopBound(expr)</c> bounds a loop Pix cannot bound.
/// </summary>
/// <param name="PcvName">The hinted PCV's name; null without a hint or when its argument is not a constant identifier.</param>
/// <param name="PcvDescription">The hinted PCV's description.</param>
/// <param name="HasBound">True when a <c>LoopBound</c> hint is there.</param>
/// <param name="Bound">The bound, or null when its argument is not over the inputs.</param>
/// <param name="HasPcv">True when a <c>Pcv</c> hint is there (usable or not).</param>
internal readonly record struct LoopHints(string? PcvName, string? PcvDescription, bool HasBound, Poly? Bound, bool HasPcv = false)
{
    public const string HintTypeName = "Pix.PixHint";

    // Asked of every call analysed: the name is compared first, so that the display string (an allocation
    // and a walk of the type's containers) is made only for a type named PixHint.
    public static bool IsHint(IMethodSymbol method) =>
        method.ContainingType is { Name: "PixHint" } type && type.ToDisplayString() == HintTypeName;

    public static LoopHints Read(IOperation? body, InputResolver inputs)
    {
        var hints = new LoopHints(null, null, false, null);
        if (body is not IBlockOperation block)
        {
            return hints;
        }

        foreach (IOperation statement in block.Operations)
        {
            if (statement is not IExpressionStatementOperation { Operation: IInvocationOperation call } || !IsHint(call.TargetMethod))
            {
                break;
            }

            if (call.TargetMethod.Name == "Pcv" && call.Arguments.Length >= 1)
            {
                hints = hints with
                {
                    HasPcv = true,
                    PcvName = PcvNames.FromHint(call.Arguments[0].Value),
                    PcvDescription = call.Arguments.Length > 1 ? call.Arguments[1].Value.ConstantValue.Value as string : null,
                };
            }
            else if (call.TargetMethod.Name == "LoopBound" && call.Arguments.Length == 1)
            {
                Poly? bound = inputs.Number(call.Arguments[0].Value);
                hints = hints with { HasBound = true, Bound = bound is not null && InputResolver.IsInputOnly(bound) ? bound : null };
            }
        }

        return hints;
    }
}
