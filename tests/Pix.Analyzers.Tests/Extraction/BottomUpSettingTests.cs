using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Analyzers.Extraction;
using Pix.Testing;

namespace Pix.Analyzers.Tests.Extraction;

/// <summary>
/// <c>PixBottomUpSummaries</c>: the analyzers extract in the mode the project picks (the generator's, through the one
/// parser), and a value that is neither <c>true</c> nor <c>false</c> is PIX0007, once, with the default mode kept.
/// </summary>
public sealed class BottomUpSettingTests
{
    private const string Chain = CallChains.FiveDeep;

    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("nope", false)]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    public async Task The_gap_analyzer_follows_PixBottomUpSummaries(string? setting, bool bottomUp)
    {
        ImmutableArray<Diagnostic> diagnostics = await Analyze(setting, new InterfaceGapAnalyzer());

        Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "PIX0006");
        // Depth-bounded, the call past the depth is cut (a budget gap on Entry); bottom-up, Entry's interface is complete.
        Assert.Equal(!bottomUp, diagnostics.Any(d => d.Id == "PIX0005"));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("bottom-up")]
    public async Task A_value_other_than_true_or_false_is_PIX0007(string setting)
    {
        Diagnostic diagnostic = Assert.Single(await Analyze(setting, new ExtractionSettingsAnalyzer()));

        Assert.Equal("PIX0007", diagnostic.Id);
        Assert.Equal(Location.None, diagnostic.Location);
        Assert.Contains($"'{setting}' of the MSBuild property PixBottomUpSummaries", diagnostic.GetMessage());
        Assert.Contains("bounded call depth (the default)", diagnostic.GetMessage());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("true")]
    [InlineData(" False ")]
    public async Task A_valid_or_missing_value_is_not_reported(string? setting) =>
        Assert.Empty(await Analyze(setting, new ExtractionSettingsAnalyzer()));

    private static async Task<ImmutableArray<Diagnostic>> Analyze(string? setting, params DiagnosticAnalyzer[] analyzers)
    {
        Compilation compilation = TestCompilation.CreateNamed("BottomUpSetting", Chain);
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, GlobalAnalyzerConfig.FromBuildProperties(("PixBottomUpSummaries", setting)));
        return await compilation.WithAnalyzers(ImmutableArray.Create(analyzers), options).GetAnalyzerDiagnosticsAsync();
    }
}
