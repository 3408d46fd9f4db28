using System.Globalization;

namespace Pix.Extraction.Inputs;

/// <summary>
/// Reads a compile-time constant as a number. The one place that converts constants, because
/// <see cref="System.Convert.ToDouble(object, System.IFormatProvider)"/> throws on <c>char</c>
/// (InvalidCastException), on strings that are not numbers and on <c>bool</c> — all of which real
/// code puts where a number could stand (<c>c - 'a'</c>, <c>s + "x"</c>).
/// </summary>
internal static class NumericConstant
{
    /// <summary>True when <paramref name="value"/> is a number (a <c>char</c> counts as its code point).</summary>
    public static bool TryGetValue(object? value, out double number)
    {
        switch (value)
        {
            case char c:
                number = c;
                return true;
            case byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal:
                number = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
                return true;
            default:
                number = 0;
                return false;
        }
    }
}
