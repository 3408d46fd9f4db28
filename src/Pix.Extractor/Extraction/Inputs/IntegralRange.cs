using Microsoft.CodeAnalysis;
using Pix.Extraction.Symbolic;

namespace Pix.Extraction.Inputs;

/// <summary>
/// The values an integral type holds, and whether a conversion between two of them keeps a value.
/// A trip count read through an unchecked narrowing or sign-changing cast (<c>i &lt; (byte)n</c>,
/// <c>(uint)n</c>) is not the operand's value: −1 becomes 255 or 2^32 − 1, 70000 becomes 4464.
/// </summary>
internal readonly record struct IntegralRange(double Min, double Max)
{
    /// <summary>The range of <paramref name="type"/> (an enum's underlying type), or null when it is not integral.</summary>
    public static IntegralRange? Of(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { EnumUnderlyingType: { } underlying })
        {
            type = underlying;
        }

        // nint/nuint are taken at their 64-bit width: the companion runs on the machine that is priced.
        return type?.SpecialType switch
        {
            SpecialType.System_SByte => new IntegralRange(sbyte.MinValue, sbyte.MaxValue),
            SpecialType.System_Byte => new IntegralRange(byte.MinValue, byte.MaxValue),
            SpecialType.System_Int16 => new IntegralRange(short.MinValue, short.MaxValue),
            SpecialType.System_UInt16 or SpecialType.System_Char => new IntegralRange(ushort.MinValue, ushort.MaxValue),
            SpecialType.System_Int32 => new IntegralRange(int.MinValue, int.MaxValue),
            SpecialType.System_UInt32 => new IntegralRange(uint.MinValue, uint.MaxValue),
            SpecialType.System_Int64 or SpecialType.System_IntPtr => new IntegralRange(long.MinValue, long.MaxValue),
            SpecialType.System_UInt64 or SpecialType.System_UIntPtr => new IntegralRange(ulong.MinValue, ulong.MaxValue),
            _ => null,
        };
    }

    /// <summary>
    /// The values <paramref name="value"/>, of type <paramref name="type"/>, can take: its constant, or the
    /// type's range cut at 0 when the polynomial cannot be negative (a size); null when the type is not integral.
    /// </summary>
    public static IntegralRange? Of(Poly value, ITypeSymbol? type)
    {
        if (value.IsConstant(out double constant))
        {
            return new IntegralRange(constant, constant);
        }

        return Of(type) is { } range && value.IsKnownNonNegative && range.Min < 0 ? range with { Min = 0 } : Of(type);
    }

    public bool Contains(IntegralRange other) => Min <= other.Min && other.Max <= Max;
}
