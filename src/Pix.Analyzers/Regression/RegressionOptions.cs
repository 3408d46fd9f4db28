using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Pix.Analyzers.Regression;

/// <summary>
/// The project's regression settings, read from MSBuild properties the package exposes with
/// <c>CompilerVisibleProperty</c>: <c>PixRegressionTolerance</c> (<c>0.1</c> or <c>10%</c>; default 10%)
/// and <c>PixDumpSolverQueries</c>: <c>true</c> writes every solver query to <c>PixSolverDumpDirectory</c>
/// (the package's default is <c>obj/…/pix/solver/</c>), a path writes them there, and <c>false</c> or
/// nothing (the default) writes nothing; <c>PixBaselineFile</c> (the full path Pix.targets makes of it)
/// says which AdditionalFile is the baseline (a relative one, as <c>dotnet build -p:PixBaselineFile=…</c> leaves it, is
/// resolved against the project directory the SDK passes as <c>ProjectDir</c>).
/// </summary>
internal sealed record RegressionOptions(double Tolerance, string? DumpFolder, Pix.Extraction.ExtractionOptions Extraction, string? BaselineFile = null)
{
    public const double DefaultTolerance = 0.10;

    /// <summary>The analyzer-config key under which the compiler passes a project's <c>PixRegressionTolerance</c>.</summary>
    public const string ToleranceBuildProperty = "build_property.PixRegressionTolerance";

    public static RegressionOptions From(AnalyzerConfigOptionsProvider provider)
    {
        provider.GlobalOptions.TryGetValue(ToleranceBuildProperty, out string? toleranceText);
        provider.GlobalOptions.TryGetValue("build_property.PixDumpSolverQueries", out string? dump);
        provider.GlobalOptions.TryGetValue("build_property.PixSolverDumpDirectory", out string? directory);
        provider.GlobalOptions.TryGetValue("build_property.PixBaselineFile", out string? baselineFile);
        provider.GlobalOptions.TryGetValue("build_property.ProjectDir", out string? projectDirectory);
        return new RegressionOptions(
            ParseTolerance(toleranceText) ?? DefaultTolerance,
            DumpFolderOf(dump, directory),
            ProjectExtraction.Options(provider),
            string.IsNullOrWhiteSpace(baselineFile) ? null : ProjectPath.Resolve(baselineFile!.Trim(), projectDirectory));
    }

    /// <summary>
    /// The folder for solver queries: <c>true</c> means <paramref name="directory"/>; <c>false</c>,
    /// empty or <c>true</c> without a directory mean none; any other value is itself the folder.
    /// </summary>
    public static string? DumpFolderOf(string? dump, string? directory)
    {
        string value = dump?.Trim() ?? string.Empty;
        if (value.Length == 0 || value.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (value.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(directory) ? null : directory!.Trim();
        }

        return value;
    }

    /// <summary><c>0.1</c>, <c>10%</c> → 0.1; null when absent or not a finite non-negative number.</summary>
    public static double? ParseTolerance(string? text) => Pix.Solver.RelativeTolerance.Parse(text);

    /// <summary>The tolerance as people write it: <c>10%</c>.</summary>
    public static string Format(double tolerance) => Pix.Solver.RelativeTolerance.Format(tolerance);
}
