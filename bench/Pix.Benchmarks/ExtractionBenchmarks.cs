using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Model;

namespace Pix.Benchmarks;

/// <summary>
/// One <see cref="InterfaceExtractor.Extract"/> call per representative method shape: what the
/// generator and analyzers pay per annotated method, cold (binding the body included, as in a first
/// build) and reused from an earlier compilation (the IDE's keystroke case).
/// </summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using Pix;

        public static partial class Shapes
        {
            [PerformanceInterface] public static int StraightLine(int a, int b) => (a * 31 + b) ^ (a >> 3) + b / 7;

            [PerformanceInterface]
            public static uint Loop(ReadOnlySpan<byte> data)
            {
                uint hash = 2166136261;
                foreach (byte b in data) { hash = (hash ^ b) * 16777619; }
                return hash;
            }

            [PerformanceInterface]
            public static double NestedDependent(double[] xs, double[] ys)
            {
                double best = double.MaxValue;
                for (int i = 0; i < xs.Length; i++)
                    for (int j = 0; j < i; j++)
                    {
                        double dx = xs[i] - xs[j], dy = ys[i] - ys[j];
                        best = Math.Min(best, dx * dx + dy * dy);
                    }
                return best;
            }

            [PerformanceInterface]
            public static int Branchy(int[] data, bool strict, int limit)
            {
                if (data is null) return -1;
                if (data.Length == 0) return 0;
                int count = 0;
                for (int i = 0; i < data.Length; i++)
                {
                    if (strict) { if (data[i] > limit) count += 2; }
                    else if (data[i] >= limit) count++;
                }
                return strict ? count * 2 : count;
            }

            [PerformanceInterface]
            public static int Calls(Dictionary<string, int> map, string[] keys, List<int> output)
            {
                int found = 0;
                foreach (string key in keys)
                {
                    if (map.TryGetValue(key, out int value)) { output.Add(value); found++; }
                }
                return found + Loop(default) + Branchy(output.ToArray(), false, 3);
            }
        }
        """;

    private static readonly ExtractionOptions Fresh = ExtractionOptions.Default with { ReuseAcrossCompilations = false };

    private Compilation _original = null!;
    private Compilation _compilation = null!;
    private IMethodSymbol _method = null!;

    [Params("StraightLine", "Loop", "NestedDependent", "Branchy", "Calls")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _original = BenchmarkCompilation.Create(BenchmarkCompilation.Parse(Source, "Shapes.cs"));

    /// <summary>
    /// A new compilation of the same tree for every call (a clone shares syntax, not binding), with
    /// its declarations bound: what the compiler has when Pix is asked for a method's interface.
    /// Without it the per-compilation cache would answer every call after the first.
    /// </summary>
    [IterationSetup]
    public void NewCompilation()
    {
        _compilation = _original.Clone();
        _method = _compilation.GetTypeByMetadataName("Shapes")!.GetMembers(Shape).OfType<IMethodSymbol>().Single();
    }

    /// <summary>First extraction in a compilation: binding the bodies, analysis, assembly.</summary>
    [Benchmark(Baseline = true)]
    public InterfaceModel ExtractCold() => InterfaceExtractor.Extract(_method, _compilation, Fresh, CancellationToken.None);

    /// <summary>
    /// The same method in a new compilation with nothing changed, reuse on (the IDE's case for every
    /// method outside the edited file): a fingerprint lookup and a check of the files it read.
    /// </summary>
    [Benchmark]
    public InterfaceModel ExtractReused() => InterfaceExtractor.Extract(_method, _compilation, ExtractionOptions.Default, CancellationToken.None);
}
