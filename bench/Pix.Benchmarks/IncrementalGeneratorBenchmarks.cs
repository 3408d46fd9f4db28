using System.Linq;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Pix.Generator;

namespace Pix.Benchmarks;

/// <summary>
/// What the IDE pays per keystroke: in a synthetic project of 1,000 annotated methods (50 files of
/// 20), one method body is edited and the generator driver, which has already run on the project,
/// runs again. Each iteration edits a fresh compilation, as each keystroke does.
/// </summary>
[MemoryDiagnoser]
public class IncrementalGeneratorBenchmarks
{
    private const int Files = 50;
    private const int MethodsPerFile = 20;

    private GeneratorDriver _warmDriver = null!;
    private GeneratorDriver _warmFloorDriver = null!;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private SyntaxTree _editedTree = null!;
    private int _edit;

    [GlobalSetup]
    public void Setup()
    {
        _compilation = BenchmarkCompilation.Create(Enumerable.Range(0, Files)
            .Select(f => BenchmarkCompilation.Parse(SyntheticProject.File(f, MethodsPerFile), $"File{f}.cs")).ToArray());
        _editedTree = _compilation.SyntaxTrees.First();
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new PerformanceInterfaceGenerator().AsSourceGenerator()],
            parseOptions: BenchmarkCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
        _warmDriver = driver.RunGenerators(_compilation);
        _warmFloorDriver = CSharpGeneratorDriver.Create(
            [new AttributeOnlyGenerator().AsSourceGenerator()],
            parseOptions: BenchmarkCompilation.ParseOptions).RunGenerators(_compilation);
    }

    [IterationSetup]
    public void EditOneMethod()
    {
        // Change one literal in the first method's body: a one-character keystroke, new text each time.
        string text = _editedTree.ToString();
        int at = text.IndexOf("acc += 7;", System.StringComparison.Ordinal);
        string edited = text.Remove(at, "acc += 7;".Length).Insert(at, $"acc += {8 + (_edit++ % 1000)};");
        _edited = _compilation.ReplaceSyntaxTree(_editedTree, _editedTree.WithChangedText(SourceText.From(edited, Encoding.UTF8)));
    }

    [Benchmark(Baseline = true)]
    public GeneratorDriver RerunAfterOneMethodEdit() => _warmDriver.RunGenerators(_edited);

    /// <summary>The same edit through <see cref="AttributeOnlyGenerator"/>: what Roslyn's attribute pipeline alone costs.</summary>
    [Benchmark]
    public GeneratorDriver FloorAttributeOnlyGenerator() => _warmFloorDriver.RunGenerators(_edited.Clone());
}

/// <summary>The synthetic project: annotated methods of realistic shapes (loops, nested loops, branches, calls).</summary>
internal static class SyntheticProject
{
    public static string File(int file, int methods)
    {
        var source = new StringBuilder();
        source.AppendLine("using System;\nusing Pix;\n");
        source.AppendLine($"public static partial class Synthetic{file}\n{{");
        for (int k = 0; k < methods; k++)
        {
            source.AppendLine(Method(k));
        }

        source.AppendLine("}");
        return source.ToString();
    }

    public static string Method(int k) => (k % 4) switch
    {
        0 => $$"""
                [PerformanceInterface]
                public static long M{{k}}(int[] data, int n)
                {
                    long acc = 0;
                    for (int i = 0; i < data.Length; i++) { acc += data[i] * 31; }
                    for (int i = 0; i < n; i++) { acc += 7; }
                    return acc;
                }
            """,
        1 => $$"""
                [PerformanceInterface]
                public static long M{{k}}(double[] xs, int n)
                {
                    long acc = 0;
                    for (int i = 0; i < n; i++)
                        for (int j = 0; j < i; j++) { acc += (long)(xs[(i + j) % xs.Length] * 2); }
                    return acc;
                }
            """,
        2 => $$"""
                [PerformanceInterface]
                public static long M{{k}}(ReadOnlySpan<byte> data, bool strict)
                {
                    if (data.Length == 0) return 0;
                    long acc = 0;
                    foreach (byte b in data) { acc = strict ? (acc ^ b) * 16777619 : acc + b; }
                    return acc;
                }
            """,
        _ => $$"""
                [PerformanceInterface]
                public static long M{{k}}(int[] data, int n) => M{{k - 1}}(new ReadOnlySpan<byte>(new byte[n]), n > 3) + data.Length;
            """,
    };
}
