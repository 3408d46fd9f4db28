using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Generator;
using Pix.Targets;

namespace Pix.Corpus;

/// <summary>What one annotate-all generator run over a corpus produced.</summary>
/// <param name="Output">The corpus compilation with the generated files added.</param>
/// <param name="Sources">Generated text by hint name (ordinal order): what determinism compares.</param>
/// <param name="Exception">The generator's exception (the driver catches it), or null.</param>
/// <param name="GeneratedErrors">Errors located in generated files: each one is a Pix bug.</param>
/// <param name="NewErrorsElsewhere">Errors in the corpus's own files that the generated code added (corpus errors after minus before).</param>
/// <param name="Companions">Generated <c>LatencyOf_X</c> methods.</param>
internal sealed record GenerationResult(
    Compilation Output,
    IReadOnlyList<KeyValuePair<string, string>> Sources,
    Exception? Exception,
    IReadOnlyList<Diagnostic> GeneratedErrors,
    int NewErrorsElsewhere,
    int Companions,
    TimeSpan Elapsed);

/// <summary>Runs <see cref="PerformanceInterfaceGenerator"/> with <c>PixAnnotateAll=true</c> the way the compiler does, and compiles the result.</summary>
internal static class GenerationRun
{
    public static GenerationResult Run(CSharpCompilation input, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new PerformanceInterfaceGenerator().AsSourceGenerator() },
            parseOptions: (CSharpParseOptions)input.SyntaxTrees.First().Options,
            optionsProvider: BuildProperties.AnnotateAll);
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out _, ct);
        stopwatch.Stop();
        GeneratorRunResult run = driver.GetRunResult().Results.Single();

        ImmutableArray<Diagnostic> after = output.GetDiagnostics(ct);
        var generatedErrors = after.Where(d => d.Severity == DiagnosticSeverity.Error && IsGenerated(d.Location.SourceTree)).ToList();
        int before = input.GetDiagnostics(ct).Count(d => d.Severity == DiagnosticSeverity.Error);
        int elsewhere = after.Count(d => d.Severity == DiagnosticSeverity.Error && !IsGenerated(d.Location.SourceTree)) - before;

        int companions = output.SyntaxTrees.Where(IsGenerated)
            .SelectMany(t => t.GetRoot(ct).DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>())
            .Count(m => m.Identifier.ValueText.StartsWith(MethodSupport.LatencyMethodPrefix, StringComparison.Ordinal));
        var sources = run.GeneratedSources
            .Select(s => new KeyValuePair<string, string>(s.HintName, s.SourceText.ToString()))
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .ToList();
        return new GenerationResult(output, sources, run.Exception, generatedErrors, elsewhere, companions, stopwatch.Elapsed);
    }

    /// <summary>Hint names of the files whose text differs between two runs (or exists in one only).</summary>
    public static List<string> Differences(GenerationResult a, GenerationResult b)
    {
        var other = b.Sources.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        var differing = a.Sources.Where(s => !other.TryGetValue(s.Key, out string? text) || !string.Equals(text, s.Value, StringComparison.Ordinal))
            .Select(s => s.Key)
            .ToList();
        differing.AddRange(other.Keys.Except(a.Sources.Select(s => s.Key), StringComparer.Ordinal));
        return differing;
    }

    private static bool IsGenerated(SyntaxTree? tree) =>
        tree is not null && tree.FilePath.EndsWith(MethodSupport.GeneratedFileSuffix, StringComparison.Ordinal);
}
