using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Pix.Generator.Tests.Infrastructure;

/// <summary>Runs the generator the way the compiler does, with step tracking on, and optional <c>PixResolution</c>, <c>PixAnnotateAll</c> and <c>PixExplain</c>.</summary>
internal static class GeneratorRunner
{
    public static GeneratorDriver CreateDriver(CSharpParseOptions parseOptions, string? pixResolution = null, string? pixAnnotateAll = null, string? pixExplain = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new PerformanceInterfaceGenerator().AsSourceGenerator() },
            parseOptions: parseOptions,
            optionsProvider: new ProjectOptions(pixResolution, pixAnnotateAll, pixExplain),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once; fails if it threw. Returns the compilation with the generated files, and the run.</summary>
    public static (Compilation Output, GeneratorRunResult Run) Run(Compilation input, string? pixResolution = null, string? pixAnnotateAll = null, string? pixExplain = null)
    {
        GeneratorDriver driver = CreateDriver((CSharpParseOptions)input.SyntaxTrees.First().Options, pixResolution, pixAnnotateAll, pixExplain)
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

    /// <summary>Analyzer config with only global build properties (what <c>CompilerVisibleProperty</c> gives a generator).</summary>
    private sealed class ProjectOptions : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global;

        public ProjectOptions(string? pixResolution, string? pixAnnotateAll, string? pixExplain)
        {
            var values = ImmutableDictionary<string, string>.Empty;
            if (pixResolution is not null)
            {
                values = values.Add("build_property.PixResolution", pixResolution);
            }

            if (pixAnnotateAll is not null)
            {
                values = values.Add("build_property.PixAnnotateAll", pixAnnotateAll);
            }

            if (pixExplain is not null)
            {
                values = values.Add("build_property.PixExplain", pixExplain);
            }

            _global = new Options(values);
        }

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options : AnalyzerConfigOptions
        {
            public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

            private readonly ImmutableDictionary<string, string> _values;

            public Options(ImmutableDictionary<string, string> values) => _values = values;

            public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
        }
    }
}
