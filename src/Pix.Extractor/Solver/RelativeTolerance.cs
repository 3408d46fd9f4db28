using System;
using System.Globalization;

namespace Pix.Solver;

/// <summary>
/// A regression tolerance as people write it, <c>0.1</c> or <c>10%</c>: one reading for the
/// analyzers' <c>PixRegressionTolerance</c> and <c>pix diff --tolerance</c>, so the two cannot accept
/// different texts.
/// </summary>
public static class RelativeTolerance
{
    /// <summary>
    /// <c>0.1</c>, <c>10%</c> → 0.1; null when absent or not a finite non-negative number (NaN
    /// compares false with every change, so it would let every regression through).
    /// </summary>
    public static double? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string t = text!.Trim();
        bool percent = t.EndsWith("%", StringComparison.Ordinal);
        if (!double.TryParse(percent ? t.Substring(0, t.Length - 1) : t, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            || value < 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return null;
        }

        return percent ? value / 100 : value;
    }

    /// <summary>The tolerance as people write it: <c>10%</c>.</summary>
    public static string Format(double tolerance) => (tolerance * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
