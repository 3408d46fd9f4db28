using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.ConstantTime;

/// <summary>
/// The value under its conversions, explicit and implicit (<c>pin</c> boxed to <c>object</c> for an interpolation hole,
/// <c>(int)a[i]</c> widened for a compare): what the constant-time checks ask about a value is asked of it, not of its
/// conversion. One helper for the walker, the early-exit witness and the JIT-protection check.
/// </summary>
internal static class Unconverted
{
    public static IOperation Of(IOperation operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
