using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Testing;

namespace Pix.Generator.Tests.Infrastructure;

/// <summary>Runs the generator the way the compiler does, with step tracking on, and optional <c>PixResolution</c>, <c>PixAnnotateAll</c>, <c>PixExplain</c> and <c>PixBottomUpSummaries</c>.</summary>
internal static class GeneratorRunner
{
    public static GeneratorDriver CreateDriver(CSharpParseOptions parseOptions, string? pixResolution = null, string? pixAnnotateAll = null, string? pixExplain = null, string? pixBottomUp = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new PerformanceInterfaceGenerator().AsSourceGenerator() },
            parseOptions: parseOptions,
            optionsProvider: GlobalAnalyzerConfig.FromBuildProperties(("PixResolution", pixResolution), ("PixAnnotateAll", pixAnnotateAll), ("PixExplain", pixExplain), ("PixBottomUpSummaries", pixBottomUp)),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once; fails if it threw. Returns the compilation with the generated files, and the run.</summary>
    public static (Compilation Output, GeneratorRunResult Run) Run(Compilation input, string? pixResolution = null, string? pixAnnotateAll = null, string? pixExplain = null, string? pixBottomUp = null)
    {
        GeneratorDriver driver = CreateDriver((CSharpParseOptions)input.SyntaxTrees.First().Options, pixResolution, pixAnnotateAll, pixExplain, pixBottomUp)
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        Assert.True(run.Exception is null, "The generator threw: " + run.Exception);
        Assert.Empty(diagnostics);
        Assert.Empty(run.Diagnostics);
        return (output, run);
    }

    /// <summary>Generated files by hint name.</summary>
    public static IReadOnlyDictionary<string, string> Files(GeneratorRunResult run) =>
        run.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
}
