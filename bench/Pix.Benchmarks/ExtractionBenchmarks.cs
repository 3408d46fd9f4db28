using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Model;

namespace Pix.Benchmarks;

/// <summary>
/// One <see cref="InterfaceExtractor.Extract"/> call per representative method shape: what the
/// generator and analyzers pay per annotated method (binding the body included, as in the compiler).
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

    private Compilation _compilation = null!;
    private IMethodSymbol _method = null!;

    [Params("StraightLine", "Loop", "NestedDependent", "Branchy", "Calls")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _compilation = BenchmarkCompilation.Create(BenchmarkCompilation.Parse(Source, "Shapes.cs"));
        _method = _compilation.GetTypeByMetadataName("Shapes")!.GetMembers(Shape).OfType<IMethodSymbol>().Single();
    }

    [Benchmark]
    public InterfaceModel Extract() => InterfaceExtractor.Extract(_method, _compilation, ExtractionOptions.Default, CancellationToken.None);
}
