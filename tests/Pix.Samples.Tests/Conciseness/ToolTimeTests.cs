using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace Pix.Samples.Tests.Conciseness;

/// <summary>
/// Pix's own cost on each network function, as a build pays it: the sample compiled with only that
/// function's entry points annotated (the <c>[PerformanceInterface]</c> of the others removed), then
/// Pix's source generator and Pix's analyzers run over it in process, timed separately (wall time; the
/// analyzers also report their own execution time). A first run over the whole sample warms the JIT up
/// and is not reported. Each run's compilation carries a type of its own (<c>PixTimingRun…</c>), so its
/// declarations differ from every other run's and Pix's cross-compilation cache reuses nothing from
/// them: each figure is a cold build of that function. Within a run the analyzers do reuse what the
/// generator extracted, as they do in a real build. With <c>PIX_UPDATE_DOCS=1</c> the table is written to docs/conciseness.md.
/// </summary>
public class ToolTimeTests(ITestOutputHelper output)
{
    private static readonly (string Function, string[] Types)[] Functions =
    {
        ("NAT", new[] { "Nat", "Checksum" }),
        ("load balancer", new[] { "MaglevLoadBalancer" }),
        ("bridge", new[] { "LearningBridge" }),
        ("router", new[] { "LpmRouter" }),
        ("firewall", new[] { "StatefulFirewall" }),
        ("policer", new[] { "TokenBucketPolicer" }),
    };

    [Fact]
    public void Generator_and_analyzer_time_per_network_function_is_measured()
    {
        CSharpCompilation sample = SampleCompilation.Create();
        _ = CompilerAlone(sample.Clone());
        _ = Time(Distinct(sample, "WarmUp")); // warm-up: JIT of Roslyn's and Pix's code paths

        var table = new StringBuilder();
        table.AppendLine("| network function | entry points | generator (ms) | analyzers (ms) | Pix total (ms) | compiler alone (ms) |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach ((string function, string[] types) in Functions)
        {
            (CSharpCompilation only, int entryPoints) = OnlyAnnotated(sample, types);
            double compiler = CompilerAlone(only.Clone());
            (double generator, double analyzers) = Time(Distinct(only, types[0]));
            Assert.True(entryPoints > 0, $"{function}: no annotated entry point left.");
            table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {function} | {entryPoints} | {generator:0} | {analyzers:0} | {generator + analyzers:0} | {compiler:0} |"));
        }

        output.WriteLine(table.ToString());
        if (Environment.GetEnvironmentVariable("PIX_UPDATE_DOCS") == "1")
        {
            string path = Path.Combine(SampleCompilation.RepositoryRoot, "docs", "conciseness.md");
            string text = File.ReadAllText(path);
            const string Begin = "<!-- tool times: begin -->", End = "<!-- tool times: end -->";
            int begin = text.IndexOf(Begin, StringComparison.Ordinal), end = text.IndexOf(End, StringComparison.Ordinal);
            Assert.True(begin >= 0 && end > begin, $"{path} has no {Begin} … {End} markers.");
            File.WriteAllText(path, text.Substring(0, begin + Begin.Length) + "\n" + table + "\n" + TimingConditions.Line() + "\n" + text.Substring(end));
        }
    }

    /// <summary>A fresh copy of <paramref name="compilation"/> with one more, empty type: declarations no other run has.</summary>
    private static CSharpCompilation Distinct(CSharpCompilation compilation, string run) =>
        compilation.Clone().AddSyntaxTrees(CSharpSyntaxTree.ParseText($"internal static class PixTimingRun{run} {{ }}", (CSharpParseOptions)compilation.SyntaxTrees.First().Options));

    /// <summary>The sample with <c>[PerformanceInterface]</c> removed from every method not declared in <paramref name="types"/>.</summary>
    private static (CSharpCompilation Compilation, int EntryPoints) OnlyAnnotated(CSharpCompilation sample, string[] types)
    {
        CSharpCompilation result = sample;
        int kept = 0;
        foreach (SyntaxTree tree in sample.SyntaxTrees)
        {
            SyntaxNode root = tree.GetRoot();
            AttributeListSyntax[] lists = root.DescendantNodes().OfType<MethodDeclarationSyntax>()
                .SelectMany(m => m.AttributeLists.Where(l => l.Attributes.Any(a => a.Name.ToString() == "PerformanceInterface")).Select(l => (m, l)))
                .Where(pair =>
                {
                    bool keep = pair.m.Parent is TypeDeclarationSyntax type && types.Contains(type.Identifier.Text);
                    kept += keep ? 1 : 0;
                    return !keep;
                })
                .Select(pair => pair.l)
                .ToArray();
            if (lists.Length > 0)
            {
                SyntaxNode stripped = root.RemoveNodes(lists, SyntaxRemoveOptions.KeepLeadingTrivia)!;
                result = result.ReplaceSyntaxTree(tree, tree.WithRootAndOptions(stripped, tree.Options));
            }
        }

        return (result, kept);
    }

    /// <summary>
    /// For scale: the compiler's own binding and checking of the same sources (<c>GetDiagnostics</c>:
    /// declarations and every method body), which a build pays with or without Pix.
    /// </summary>
    private static double CompilerAlone(CSharpCompilation compilation)
    {
        long start = Stopwatch.GetTimestamp();
        Assert.DoesNotContain(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>Wall time of the generator, then of all Pix analyzers, over <paramref name="compilation"/>.</summary>
    private static (double GeneratorMs, double AnalyzersMs) Time(CSharpCompilation compilation)
    {
        long start = Stopwatch.GetTimestamp();
        GeneratedInterfaces generated = GeneratedInterfaces.Run(compilation);
        double generator = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        Assert.Empty(generated.Diagnostics);

        ImmutableArray<DiagnosticAnalyzer> analyzers = typeof(Pix.Analyzers.ConstantTime.ConstantTimeAnalyzer).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        Exception? failure = null;
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (e, _, _) => failure ??= e,
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: true);
        start = Stopwatch.GetTimestamp();
        _ = compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        double analyzersMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        Assert.True(failure is null, $"An analyzer threw: {failure}");
        return (generator, analyzersMs);
    }
}
