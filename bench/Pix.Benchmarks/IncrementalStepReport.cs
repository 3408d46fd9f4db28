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
        GeneratorDriver floor = CSharpGeneratorDriver.Create([new AttributeOnlyGenerator().AsSourceGenerator()], parseOptions: BenchmarkCompilation.ParseOptions)
            .RunGenerators(compilation);

        // Five successive edits of the same method, as typing makes: the first rerun also pays for
        // JIT-compiling the paths a rerun takes, the later ones show the steady state.
        for (int edit = 0; edit < 5; edit++)
        {
            SyntaxTree tree = compilation.SyntaxTrees.First();
            string text = tree.ToString();
            string before = $"acc += {7 + edit};", after = $"acc += {8 + edit};";
            int at = text.IndexOf(before, StringComparison.Ordinal);
            compilation = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text.Remove(at, before.Length).Insert(at, after), Encoding.UTF8)));
            var stopwatch = System.Diagnostics.Stopwatch.StartNew();
            driver = driver.RunGenerators(compilation);
            double pix = stopwatch.Elapsed.TotalMilliseconds;
            stopwatch.Restart();
            floor = floor.RunGenerators(compilation.Clone());   // a clone: no symbols bound by Pix's run
            Console.WriteLine($"rerun after one-method edit #{edit + 1}: Pix {pix:F1} ms, attribute-only floor {stopwatch.Elapsed.TotalMilliseconds:F1} ms");
        }

        foreach (var step in driver.GetRunResult().Results[0].TrackedSteps)
        {
            var reasons = step.Value.SelectMany(run => run.Outputs).GroupBy(o => o.Reason).Select(g => $"{g.Key} {g.Count()}");
            Console.WriteLine($"  {step.Key}: {string.Join(", ", reasons)}");
        }
    }
}
