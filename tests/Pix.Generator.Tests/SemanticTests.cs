using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Generator.Tests.Infrastructure;
using Pix.Model;

namespace Pix.Generator.Tests;

/// <summary>
/// Third level: compile the user's code with the generator, load it, call <c>LatencyOf_X</c>, and check
/// the numbers: against <see cref="ModelEvaluator"/> on the extractor's own model, and against the
/// shape the code must have (linear, triangular, PCV defaults, composition).
/// </summary>
public sealed class SemanticTests : IDisposable
{
    private const string Source = """
        using System;
        using Pix;

        namespace Demo
        {
            public static partial class Subject
            {
                [PerformanceInterface]
                public static int Sum(int[] values)
                {
                    int sum = 0;
                    for (int i = 0; i < values.Length; i++)
                    {
                        sum += values[i];
                    }

                    return sum;
                }

                [PerformanceInterface]
                public static int SumTwice(int[] values) => Sum(values) + Sum(values);

                [PerformanceInterface]
                public static long Pairs(int[] values)
                {
                    long count = 0;
                    for (int i = 0; i < values.Length; i++)
                    {
                        for (int j = 0; j < i; j++)
                        {
                            if (values[j] < values[i])
                            {
                                count++;
                            }
                        }
                    }

                    return count;
                }

                [PerformanceInterface]
                public static int IndexOf(int[] data, int value)
                {
                    for (int i = 0; i < data.Length; i++)
                    {
                        if (data[i] == value)
                        {
                            return i;
                        }
                    }

                    return -1;
                }
            }
        }
        """;

    private readonly Compilation _input;
    private readonly LoadedAssembly _assembly;

    public SemanticTests()
    {
        _input = Pix.Testing.TestCompilation.CreateNamed("SemanticTest", Source);
        (Compilation output, _) = GeneratorRunner.Run(_input, pixExplain: "true");   // the tests read both companions
        _assembly = LoadedAssembly.Load(output);
    }

    public void Dispose() => _assembly.Dispose();

    [Fact]
    public void A_loop_over_data_Length_scales_linearly()
    {
        double at0 = Latency("Sum", 0);
        double at100 = Latency("Sum", 100);
        double at200 = Latency("Sum", 200);
        Assert.True(at100 > at0, $"Sum: {at0} ns at 0 elements, {at100} ns at 100");
        EmitterTests.AssertClose(at100 - at0, at200 - at100, "Sum: equal steps of 100 elements");
    }

    [Fact]
    public void A_triangular_nest_grows_as_n_times_n_minus_1_over_2()
    {
        // With g(n) = a + b·n + c·n(n-1)/2, the second difference g(n+1) - 2g(n) + g(n-1) is c for every n ≥ 1.
        double[] g = Enumerable.Range(0, 12).Select(n => Latency("Pairs", n)).ToArray();
        double c = g[2] - 2 * g[1] + g[0];
        Assert.True(c > 0, "Pairs: the inner body must cost something");
        for (int n = 2; n < 11; n++)
        {
            EmitterTests.AssertClose(c, g[n + 1] - 2 * g[n] + g[n - 1], $"Pairs: second difference at n={n}");
        }
    }

    [Fact]
    public void An_early_exit_pcv_defaults_to_the_full_trip_count()
    {
        MethodInfo method = LatencyOf("IndexOf");
        ParameterInfo pcv = method.GetParameters().Last();
        Assert.Equal(typeof(double?), pcv.ParameterType);
        Assert.True(pcv.IsOptional);

        int[] data = new int[64];
        double byDefault = LoadedAssembly.Invoke(method, null, data, 7, HardwareProfile.Reference, null);
        double atFullLength = LoadedAssembly.Invoke(method, null, data, 7, HardwareProfile.Reference, (double?)data.Length);
        double atZero = LoadedAssembly.Invoke(method, null, data, 7, HardwareProfile.Reference, (double?)0);
        EmitterTests.AssertClose(atFullLength, byDefault, "IndexOf: PCV null vs data.Length");
        Assert.True(atZero < byDefault, $"IndexOf: an early match ({atZero} ns) must be cheaper than a full scan ({byDefault} ns)");
    }

    [Fact]
    public void Composition_is_the_sum_of_the_parts()
    {
        // SumTwice = 2 × Sum + a constant (its own entry, two calls, one add): the difference does not depend on the size.
        double overhead0 = Latency("SumTwice", 0) - 2 * Latency("Sum", 0);
        foreach (int n in new[] { 1, 10, 1000 })
        {
            EmitterTests.AssertClose(overhead0, Latency("SumTwice", n) - 2 * Latency("Sum", n), $"SumTwice - 2·Sum at n={n}");
        }
    }

    [Theory]
    [InlineData("Sum")]
    [InlineData("SumTwice")]
    [InlineData("Pairs")]
    [InlineData("IndexOf")]
    public void Generated_code_equals_ModelEvaluator_on_the_extracted_model(string name)
    {
        IMethodSymbol symbol = (IMethodSymbol)_input.GetTypeByMetadataName("Demo.Subject")!.GetMembers(name).Single();
        InterfaceModel model = InterfaceExtractor.Extract(symbol, _input, ExtractionOptions.Default, CancellationToken.None);
        MethodInfo method = LatencyOf(name);
        foreach (HardwareProfile hw in EmitterTests.Profiles())
        {
            foreach (int n in new[] { 0, 1, 2, 3, 7, 64, 1000 })
            {
                int[] values = new int[n];
                var inputs = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (Quantity quantity in model.Quantities.Where(q => !q.IsPcv))
                {
                    inputs[quantity.Name] = quantity.Expression switch
                    {
                        "values.Length" or "data.Length" => n,
                        "value" => 7,
                        _ => throw new InvalidOperationException($"This test does not know the value of quantity '{quantity.Name}' = {quantity.Expression}."),
                    };
                }

                // Bounded PCVs are left to their default (null: the bound); the others get a value, given to both sides.
                var arguments = new List<object?> { values };
                if (name == "IndexOf")
                {
                    arguments.Add(7);
                }

                arguments.Add(hw);
                foreach (ParameterInfo parameter in method.GetParameters().Skip(arguments.Count))
                {
                    Quantity pcv = model.Pcvs.Single(p => p.Name == parameter.Name);
                    if (pcv.Bound is null)
                    {
                        inputs[pcv.Name] = 3;
                        arguments.Add(3.0);
                    }
                    else
                    {
                        arguments.Add(null);
                    }
                }

                double expected = ModelEvaluator.Evaluate(model, inputs, hw).Nanoseconds;
                EmitterTests.AssertSame(expected, _assembly.InvokeAndExplain(method, null, $"{name} at n={n}", arguments.ToArray()), $"{name} at n={n} on {hw.Name}");
            }
        }
    }

    [Fact]
    public void The_breakdown_names_each_term_and_the_quantities_its_count_comes_from()
    {
        MethodInfo explain = _assembly.Assembly.GetType("Demo.Subject", throwOnError: true)!.GetMethod("ExplainLatencyOf_IndexOf")!;
        var breakdown = (LatencyBreakdown)explain.Invoke(null, new object?[] { new int[40], 7, HardwareProfile.Reference, (double?)12 })!;

        LatencyTerm loop = breakdown.Terms.Single(t => t.Quantities.Count > 0 && t.Description.StartsWith("loop", StringComparison.Ordinal));
        Assert.Equal(12, loop.Count);

        // The search's exit, where the data end it, is one mispredicted branch (from the second element on).
        LatencyTerm exit = breakdown.Terms.Single(t => t.Description.StartsWith("mispredicted exit", StringComparison.Ordinal));
        Assert.Equal(1, exit.Count);
        Assert.Equal(loop.Quantities[0].Name, Assert.Single(exit.Quantities).Name);
        Assert.Equal(new[] { 12.0 }, loop.Quantities.Select(q => q.Value));
        Assert.Contains("loop", loop.Description, StringComparison.Ordinal);
        Assert.Equal(loop.Count * loop.PerExecution.Nanoseconds, loop.Latency.Nanoseconds);
        Assert.Contains(loop.Quantities[0].Name + " = 12", breakdown.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("Subject.IndexOf(int[], int) = ", breakdown.ToString(), StringComparison.Ordinal);
    }

    private MethodInfo LatencyOf(string name) =>
        _assembly.Assembly.GetType("Demo.Subject", throwOnError: true)!.GetMethods().Single(m => m.Name == "LatencyOf_" + name);

    private double Latency(string name, int n)
    {
        MethodInfo method = LatencyOf(name);
        var arguments = new List<object?> { new int[n] };
        if (name == "IndexOf")
        {
            arguments.Add(7);
        }

        arguments.Add(HardwareProfile.Reference);
        arguments.AddRange(method.GetParameters().Skip(arguments.Count).Select(p => p.HasDefaultValue ? null : (object?)0.0));
        return LoadedAssembly.Invoke(method, null, arguments.ToArray());
    }
}
