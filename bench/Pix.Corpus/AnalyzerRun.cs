using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Analyzers.ConstantTime;
using Pix.Analyzers.Extraction;

namespace Pix.Corpus;

/// <summary>What Pix's analyzers reported over a corpus.</summary>
/// <param name="Crashes">AD0001 (an analyzer threw) and PIX0006 (extraction failed inside Pix): each one a Pix bug.</param>
/// <param name="CountsById">Every diagnostic the analyzers reported, by ID.</param>
internal sealed record AnalyzerResult(IReadOnlyList<Diagnostic> Crashes, IReadOnlyDictionary<string, int> CountsById, TimeSpan Elapsed);

/// <summary>
/// Runs the analyzers (gap, method support, constant time) over the corpus with the generated code, in
/// annotate-all mode, through <see cref="CompilationWithAnalyzers"/> as the compiler does. The regression
/// analyzer is not run: it needs a committed baseline, which a corpus does not have.
/// </summary>
internal static class AnalyzerRun
{
    public static AnalyzerResult Run(Compilation compilation, CancellationToken ct)
    {
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new InterfaceGapAnalyzer(), new MethodSupportAnalyzer(), new ConstantTimeAnalyzer());
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, BuildProperties.AnnotateAll),
            onAnalyzerException: null,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var stopwatch = Stopwatch.StartNew();
        ImmutableArray<Diagnostic> diagnostics = compilation.WithAnalyzers(analyzers, options)
            .GetAnalyzerDiagnosticsAsync(ct).GetAwaiter().GetResult();
        stopwatch.Stop();

        var crashes = diagnostics.Where(d => d.Id is "AD0001" or "PIX0006").ToList();
        var counts = diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        return new AnalyzerResult(crashes, counts, stopwatch.Elapsed);
    }
}
