using System;
using System.Collections.Immutable;
using Pix.Extraction;
using Pix.Solver;
using Pix.Targets;

namespace Pix.Analyzers.Extraction;

/// <summary>
/// One Pix MSBuild property whose value has a fixed form (build/Pix.props): the key the compiler passes it under,
/// the test of a valid value (the reader the generator, the analyzers or the CLI use), what it takes, and what an
/// invalid value leaves in force. Every reader ignores a value it cannot read, so PIX0007 is what tells the project.
/// </summary>
/// <param name="Key">The analyzer-config key the compiler passes the property under: its reader's own constant where the analyzers can see it.</param>
/// <param name="IsValid">True for a value its reader accepts (called with non-blank text: blank means the default).</param>
/// <param name="Expected">What the property takes, for the message.</param>
/// <param name="Fallback">What is used instead, for the message.</param>
internal sealed record ProjectSetting(string Key, Func<string, bool> IsValid, string Expected, string Fallback)
{
    /// <summary>
    /// The properties checked, in the order they are reported. Paths (<c>PixProfile</c>, <c>PixBaselineFile</c>,
    /// the dump folder) take any text; <c>PixConstantTimeBalancedBranches</c> has its own diagnostic (PIX0107).
    /// </summary>
    public static ImmutableArray<ProjectSetting> All { get; } = ImmutableArray.Create(
        new ProjectSetting(
            ExtractionOptions.ResolutionBuildProperty,
            text => ExtractionOptions.TryParseResolution(text, out _),
            "a fraction in [0, 1) such as 0.05",
            $"pieces are merged at the default resolution {ExtractionOptions.Default.DefaultResolution.ToString(System.Globalization.CultureInfo.InvariantCulture)}"),
        new ProjectSetting(
            Regression.RegressionOptions.ToleranceBuildProperty,
            text => RelativeTolerance.Parse(text) is not null,
            "a non-negative fraction such as 0.1 or a percentage such as 10%",
            $"the regression check uses the default tolerance {RelativeTolerance.Format(Regression.RegressionOptions.DefaultTolerance)}"),
        new ProjectSetting(
            ExtractionOptions.BottomUpBuildProperty,
            text => ExtractionOptions.ParseBottomUp(text) is not null,
            "'true' or 'false'",
            ExtractionOptions.Default.BottomUpSummaries
                ? "callee summaries are composed bottom-up (the default)"
                : "callee summaries are composed to a bounded call depth (the default)"),
        new ProjectSetting(
            MethodSupport.AnnotateAllBuildProperty,
            IsBoolean,
            "'true' or 'false'",
            "annotate-all mode is off (the default): only [PerformanceInterface] methods are analysed"),
        new ProjectSetting(
            ExplainBuildProperty,
            IsBoolean,
            "'true' or 'false'",
            "no ExplainLatencyOf_X methods are generated (the default)"));

    /// <summary>The MSBuild property, for the message.</summary>
    public string Name => Key.Substring(BuildPropertyPrefix.Length);

    private const string BuildPropertyPrefix = "build_property.";

    // The generator's ExplainProperty (PerformanceInterfaceGenerator.Parser.cs), which the analyzers do not reference.
    private const string ExplainBuildProperty = BuildPropertyPrefix + "PixExplain";

    /// <summary>
    /// The value when it is set (not blank) and its reader would not take it, else null. The readers trim;
    /// <c>PixAnnotateAll</c>'s reader is <see cref="MethodSupport.IsAnnotateAllEnabled"/>, the generator's
    /// <c>PixExplain</c> reader takes <c>true</c> in any case and ignores the rest.
    /// </summary>
    public string? Invalid(string? value) =>
        string.IsNullOrWhiteSpace(value) || IsValid(value!.Trim()) ? null : value!.Trim();

    private static bool IsBoolean(string text) => bool.TryParse(text, out _);
}
