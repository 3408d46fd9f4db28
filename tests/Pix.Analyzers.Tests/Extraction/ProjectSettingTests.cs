using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Analyzers.Extraction;
using Pix.Testing;

namespace Pix.Analyzers.Tests.Extraction;

/// <summary>
/// PIX0007 for every Pix MSBuild property with a fixed form: a typo (<c>PixResolution=abc</c>, <c>PixAnnotateAll=yes</c>)
/// was ignored in silence, the default kept, and the project never told that its setting had no effect.
/// </summary>
public sealed class ProjectSettingTests
{
    private const string Source = """
        public static class Settings
        {
            [Pix.PerformanceInterface]
            public static int Twice(int x) => x * 2;
        }
        """;

    [Theory]
    [InlineData("PixResolution", "abc", "a fraction in [0, 1)", "default resolution 0.05")]
    [InlineData("PixResolution", "5%", "a fraction in [0, 1)", "default resolution 0.05")]
    [InlineData("PixResolution", "1", "a fraction in [0, 1)", "default resolution 0.05")]
    [InlineData("PixRegressionTolerance", "abc", "a percentage such as 10%", "default tolerance 10%")]
    [InlineData("PixRegressionTolerance", "-5%", "a percentage such as 10%", "default tolerance 10%")]
    [InlineData("PixAnnotateAll", "yes", "'true' or 'false'", "annotate-all mode is off")]
    [InlineData("PixExplain", "on", "'true' or 'false'", "no ExplainLatencyOf_X")]
    [InlineData("PixBottomUpSummaries", "1", "'true' or 'false'", "bounded call depth (the default)")]
    public async Task An_unreadable_value_is_PIX0007_naming_the_property(string property, string value, string expected, string fallback)
    {
        Diagnostic diagnostic = Assert.Single(await Analyze((property, value)));

        Assert.Equal("PIX0007", diagnostic.Id);
        string message = diagnostic.GetMessage();
        Assert.Contains($"'{value}' of the MSBuild property {property} is not", message);
        Assert.Contains(expected, message);
        Assert.Contains(fallback, message);
    }

    [Theory]
    [InlineData("PixResolution", "0")]
    [InlineData("PixResolution", " 0.95 ")]
    [InlineData("PixRegressionTolerance", "10%")]
    [InlineData("PixRegressionTolerance", "0.2")]
    [InlineData("PixAnnotateAll", "False")]
    [InlineData("PixExplain", "TRUE")]
    [InlineData("PixResolution", "")]
    public async Task A_readable_or_empty_value_is_not_reported(string property, string value) =>
        Assert.Empty(await Analyze((property, value)));

    [Fact]
    public async Task Each_unreadable_property_is_reported_once()
    {
        ImmutableArray<Diagnostic> diagnostics = await Analyze(("PixResolution", "abc"), ("PixAnnotateAll", "yes"), ("PixExplain", "false"));

        Assert.Equal(2, diagnostics.Length);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("PixResolution"));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("PixAnnotateAll"));
    }

    private static async Task<ImmutableArray<Diagnostic>> Analyze(params (string Name, string? Value)[] properties)
    {
        Compilation compilation = TestCompilation.CreateNamed("ProjectSettings", Source);
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, GlobalAnalyzerConfig.FromBuildProperties(properties));
        return await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ExtractionSettingsAnalyzer()), options).GetAnalyzerDiagnosticsAsync();
    }
}
