using System;
using System.Globalization;
using System.Text;

namespace Pix.Solver;

/// <summary>Writes doubles as SMT-LIB2 real literals and reads Z3's numerals back.</summary>
internal static class SmtNumbers
{
    /// <summary>
    /// <paramref name="value"/> as a real literal: the shortest decimal that round-trips
    /// (<c>0.33</c>, <c>4096.0</c>, <c>(- 1.5)</c>); never exponent notation, which SMT-LIB lacks.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN or infinity (no SMT-LIB value).</exception>
    public static string Real(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "NaN and infinity have no SMT-LIB2 value.");
        }

        string digits = Plain(Math.Abs(value));
        return value < 0 ? "(- " + digits + ")" : digits;
    }

    /// <summary>An integral value as an Int literal (<c>5</c>, <c>(- 5)</c>).</summary>
    public static string Int(double value)
    {
        long integral = (long)Math.Round(value);
        return integral < 0
            ? "(- " + (-integral).ToString(CultureInfo.InvariantCulture) + ")"
            : integral.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Parses a Z3 numeral term: <c>5</c>, <c>5.0</c>, <c>(- 5)</c>, <c>(/ 1.0 3.0)</c>, <c>(- (/ 1 2))</c>.
    /// </summary>
    public static bool TryParse(SExpr term, out double value)
    {
        value = 0;
        if (term.Atom is { } atom)
        {
            return double.TryParse(atom, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        if (term.Items.Count == 2 && term.Items[0].Atom == "-" && TryParse(term.Items[1], out double negated))
        {
            value = -negated;
            return true;
        }

        if (term.Items.Count == 3 && term.Items[0].Atom == "/"
            && TryParse(term.Items[1], out double numerator) && TryParse(term.Items[2], out double denominator)
            && denominator != 0)
        {
            value = numerator / denominator;
            return true;
        }

        return false;
    }

    private static string Plain(double abs)
    {
        string r = abs.ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOfAny(new[] { 'E', 'e' });
        string mantissa = e < 0 ? r : r.Substring(0, e);
        int exponent = e < 0 ? 0 : int.Parse(r.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        int dot = mantissa.IndexOf('.');
        string intPart = dot < 0 ? mantissa : mantissa.Substring(0, dot);
        string fracPart = dot < 0 ? string.Empty : mantissa.Substring(dot + 1);
        string allDigits = intPart + fracPart;
        int pointPosition = intPart.Length + exponent;

        var text = new StringBuilder();
        if (pointPosition <= 0)
        {
            text.Append("0.").Append('0', -pointPosition).Append(allDigits);
        }
        else if (pointPosition >= allDigits.Length)
        {
            text.Append(allDigits).Append('0', pointPosition - allDigits.Length).Append(".0");
        }
        else
        {
            text.Append(allDigits, 0, pointPosition).Append('.').Append(allDigits, pointPosition, allDigits.Length - pointPosition);
        }

        string result = text.ToString().TrimStart('0');
        return result.StartsWith(".", StringComparison.Ordinal) ? "0" + result : result;
    }
}
