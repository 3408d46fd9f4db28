using System;
using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Pix.Analyzers.Regression;

/// <summary>
/// The project's regression settings, read from MSBuild properties the package exposes with
/// <c>CompilerVisibleProperty</c>: <c>PixRegressionTolerance</c> (<c>0.1</c> or <c>10%</c>; default 10%)
/// and <c>PixDumpSolverQueries</c> (a folder that receives every solver query).
/// </summary>
internal sealed record RegressionOptions(double Tolerance, string? DumpFolder)
{
    public const double DefaultTolerance = 0.10;

    public static RegressionOptions From(AnalyzerConfigOptionsProvider provider)
    {
        provider.GlobalOptions.TryGetValue("build_property.PixRegressionTolerance", out string? toleranceText);
        provider.GlobalOptions.TryGetValue("build_property.PixDumpSolverQueries", out string? dump);
        return new RegressionOptions(
            ParseTolerance(toleranceText) ?? DefaultTolerance,
            string.IsNullOrWhiteSpace(dump) ? null : dump!.Trim());
    }

    /// <summary><c>0.1</c>, <c>10%</c> → 0.1; null when absent or not a non-negative number.</summary>
    public static double? ParseTolerance(string? text)
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
