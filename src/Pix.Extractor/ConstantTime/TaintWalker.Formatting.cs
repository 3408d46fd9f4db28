using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.ConstantTime;

// Formatting without a call in the source: an interpolation hole `$"{pin}"` and a string concatenation
// `"pin " + pin` format the value with its type's ToString, so a secret number leaks there exactly as
// `pin.ToString()` does (its time depends on the number of digits).
internal sealed partial class TaintWalker
{
    private Taint? VisitInterpolation(IInterpolationOperation interpolation)
    {
        Taint? value = Visit(interpolation.Expression);
        Visit(interpolation.Alignment);
        Visit(interpolation.FormatString);
        ReportFormatting(interpolation, $"interpolation '{Text(interpolation)}'", interpolation.Expression, value);
        return value;
    }

    /// <summary>The operands of a string <c>+</c> that are not strings are formatted by their ToString.</summary>
    private void ReportConcatenationFormatting(IBinaryOperation binary, Taint? left, Taint? right)
    {
        if (binary.OperatorKind != BinaryOperatorKind.Add || binary.Type?.SpecialType != SpecialType.System_String)
        {
            return;
        }

        ReportFormatting(binary.LeftOperand, $"formatting of '{Text(binary.LeftOperand)}' in '{Text(binary)}'", binary.LeftOperand, left);
        ReportFormatting(binary.RightOperand, $"formatting of '{Text(binary.RightOperand)}' in '{Text(binary)}'", binary.RightOperand, right);
    }

    private void ReportFormatting(IOperation at, string construct, IOperation value, Taint? taint)
    {
        if (taint is not null && LibraryModel.FormattingOf(Unconverted.Of(value).Type) is { } timing)
        {
            Report(timing.Kind, at, construct, taint, timing.Reason);
        }
    }
}
