using System;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Pix.Generator;

namespace Pix.Benchmarks;

/// <summary>
/// Why a rerun costs what it costs: after the same one-method edit as
/// <see cref="IncrementalGeneratorBenchmarks"/>, counts each tracked step's outputs by reason
/// (Cached, Unchanged, Modified, New, Removed). Run with <c>-- --explain-incremental</c>.
/// </summary>
internal static class IncrementalStepReport
{
    public static void Print()
    {
        CSharpCompilation compilation = BenchmarkCompilation.Create(Enumerable.Range(0, 50)
            .Select(f => BenchmarkCompilation.Parse(SyntheticProject.File(f, 20), $"File{f}.cs")).ToArray());
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new PerformanceInterfaceGenerator().AsSourceGenerator()],
            parseOptions: BenchmarkCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);

        SyntaxTree tree = compilation.SyntaxTrees.First();
        string text = tree.ToString();
        int at = text.IndexOf("acc += 7;", StringComparison.Ordinal);
        var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text.Remove(at, 9).Insert(at, "acc += 8;"), Encoding.UTF8)));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        driver = driver.RunGenerators(edited);
        Console.WriteLine($"rerun after a one-method edit: {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
        foreach (var step in driver.GetRunResult().Results[0].TrackedSteps)
        {
            var reasons = step.Value.SelectMany(run => run.Outputs).GroupBy(o => o.Reason).Select(g => $"{g.Key} {g.Count()}");
            Console.WriteLine($"  {step.Key}: {string.Join(", ", reasons)}");
        }
    }
}
