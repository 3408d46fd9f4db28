using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Generator.Tests.Infrastructure;
using Pix.Model;
using Xunit;

namespace Pix.Generator.Tests;

/// <summary>
/// Companions of methods that read captured primary-constructor parameters (C# 12) read them by name from the generated
/// partial part, where they are in scope; the whole compilation stays free of warnings (no CS9124/CS9107 from a second
/// capture). And every companion refuses a PCV that is no count (NaN, negative, infinite), as <see cref="ModelEvaluator"/> does.
/// </summary>
public sealed class PrimaryConstructorTests : IDisposable
{
    private const string Source = """
        using System.Collections.Generic;
        using Pix;

        namespace Demo
        {
            public partial class Buffer(int[] data)
            {
                [PerformanceInterface]
                public int Sum()
                {
                    int s = 0;
                    for (int i = 0; i < data.Length; i++) s += data[i];
                    return s;
                }
            }

            public partial struct Window(List<int> items, int width)
            {
                [PerformanceInterface]
                public readonly int Sum()
                {
                    int s = 0;
                    for (int i = 0; i < items.Count && i < width; i++) s += items[i];
                    return s;
                }
            }

            public partial class Table<T>(T[] rows)
            {
                [PerformanceInterface]
                public int Count(T value)
                {
                    int n = 0;
                    for (int i = 0; i < rows.Length; i++) if (EqualityComparer<T>.Default.Equals(rows[i], value)) n++;
                    return n;
                }
            }

            public partial record Points(int[] Xs)
            {
                [PerformanceInterface]
                public long Total()
                {
                    long s = 0;
                    foreach (int x in Xs) s += x;
                    return s;
                }
            }

            // A captured parameter named as the companion's profile parameter would be: the profile takes another name.
            public partial class Named(byte[] hw)
            {
                [PerformanceInterface]
                public int Ones()
                {
                    int n = 0;
                    for (int i = 0; i < hw.Length; i++) n += hw[i] & 1;
                    return n;
                }
            }

            public static partial class Finder
            {
                [PerformanceInterface]
                public static int IndexOf(int[] data, int value)
                {
                    for (int i = 0; i < data.Length; i++) if (data[i] == value) return i;
                    return -1;
                }
            }
        }
        """;

    private readonly Compilation _input;
    private readonly LoadedAssembly _assembly;

    public PrimaryConstructorTests()
    {
        _input = Pix.Testing.TestCompilation.CreateNamed("PrimaryConstructorTest", Source);
        (Compilation output, GeneratorRunResult run) = GeneratorRunner.Run(_input);
        Output = output;
        Run = run;
        _assembly = LoadedAssembly.Load(output);
    }

    private Compilation Output { get; }

    private GeneratorRunResult Run { get; }

    public void Dispose() => _assembly.Dispose();

    [Fact]
    public void Primary_constructor_types_match_golden_files_and_compile_without_any_warning()
    {
        GoldenFiles.Verify("Primary_constructor_types", GeneratorRunner.Files(Run));
        // The whole compilation, not only the generated files: a second capture would warn on the user's parameter (CS9124, CS9107).
        Compile.AssertClean(Output);
    }

    [Fact]
    public void The_companion_reads_the_captured_parameter_and_agrees_with_the_evaluator()
    {
        foreach (int n in new[] { 0, 3, 100 })
        {
            object buffer = Activator.CreateInstance(_assembly.Assembly.GetType("Demo.Buffer", throwOnError: true)!, new object[] { new int[n] })!;
            double generated = LoadedAssembly.Invoke(_assembly.Method("Demo.Buffer", "LatencyOf_Sum", 1), buffer, HardwareProfile.Reference);
            double evaluated = ModelEvaluator.Evaluate(Model("Demo.Buffer", "Sum"), new Dictionary<string, double> { ["data.Length"] = n }, HardwareProfile.Reference).Nanoseconds;
            EmitterTests.AssertSame(evaluated, generated, $"Buffer.Sum at data.Length={n}");
        }

        InterfaceModel model = Model("Demo.Buffer", "Sum");
        Assert.Empty(model.Pcvs);
        Assert.Contains(model.Quantities, q => q.Expression == "data.Length");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    public void A_pcv_that_is_no_count_is_refused_by_the_companion_and_the_evaluator(double pcv)
    {
        MethodInfo indexOf = _assembly.Method("Demo.Finder", "LatencyOf_IndexOf", 4);
        var generated = Assert.Throws<ArgumentOutOfRangeException>(() => LoadedAssembly.Invoke(indexOf, null, new int[8], 1, HardwareProfile.Reference, (double?)pcv));
        Assert.Equal(indexOf.GetParameters()[3].Name, generated.ParamName);

        InterfaceModel model = Model("Demo.Finder", "IndexOf");
        string name = Assert.Single(model.Pcvs).Name;
        var evaluated = Assert.Throws<ArgumentOutOfRangeException>(() =>
            ModelEvaluator.Evaluate(model, new Dictionary<string, double> { ["data.Length"] = 8, [name] = pcv }, HardwareProfile.Reference));
        Assert.Contains($"'{name}'", evaluated.Message);

        // Zero and a finite count are accepted by both, and agree.
        EmitterTests.AssertSame(
            ModelEvaluator.Evaluate(model, new Dictionary<string, double> { ["data.Length"] = 8, [name] = 0 }, HardwareProfile.Reference).Nanoseconds,
            LoadedAssembly.Invoke(indexOf, null, new int[8], 1, HardwareProfile.Reference, (double?)0),
            "IndexOf at PCV 0");
    }

    private InterfaceModel Model(string type, string method)
    {
        IMethodSymbol symbol = _input.GetTypeByMetadataName(type)!.GetMembers(method).OfType<IMethodSymbol>().Single();
        return InterfaceExtractor.Extract(symbol, _input, ExtractionOptions.Default, CancellationToken.None);
    }
}
