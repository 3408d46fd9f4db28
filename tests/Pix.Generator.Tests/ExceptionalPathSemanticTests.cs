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
/// Branches some of whose ways throw lose those ways (MethodAnalyzer.ExceptionalPaths.cs), so the pieces
/// left may not cover every input until ModelAssembler makes the last one unguarded: the generated code
/// must still compute what <see cref="ModelEvaluator"/> computes, on the inputs of every piece and on
/// those of the dropped ways.
/// </summary>
public sealed class ExceptionalPathSemanticTests : IDisposable
{
    private const string Source = """
        using System;
        using Pix;

        namespace Demo
        {
            public static partial class Throwing
            {
                [PerformanceInterface]
                public static long Sections(int kind, int[] data)
                {
                    long s = 0;
                    switch (kind)
                    {
                        case 0: for (int i = 0; i < data.Length; i++) s += data[i]; break;
                        case 1: throw new NotSupportedException();
                        case 2: s = data.Length; break;
                        default: throw new ArgumentOutOfRangeException(nameof(kind));
                    }

                    return s;
                }

                [PerformanceInterface]
                public static long OnlyOneReturns(int kind, int[] data)
                {
                    long s = 0;
                    switch (kind)
                    {
                        case 0: throw new NotSupportedException();
                        case 1: for (int i = 0; i < data.Length; i++) s += data[i] * 3; break;
                        case 2: throw new InvalidOperationException();
                    }

                    return s;
                }

                [PerformanceInterface]
                public static int Arms(int kind, int[] data) => kind switch
                {
                    0 => data.Length,
                    1 => throw new ArgumentException(),
                    2 => data[0] + data[1],
                };

                [PerformanceInterface]
                public static long Chain(int kind, int[] data)
                {
                    if (kind < 0) throw new ArgumentOutOfRangeException(nameof(kind));
                    else if (kind > data.Length) throw new ArgumentException();
                    long s = 0;
                    for (int i = 0; i < kind; i++) s += data[i];
                    return s;
                }
            }
        }
        """;

    private readonly Compilation _input;
    private readonly LoadedAssembly _assembly;

    public ExceptionalPathSemanticTests()
    {
        _input = Pix.Testing.TestCompilation.CreateNamed("ExceptionalPathSemanticTest", Source);
        (Compilation output, _) = GeneratorRunner.Run(_input);
        _assembly = LoadedAssembly.Load(output);
    }

    public void Dispose() => _assembly.Dispose();

    [Theory]
    [InlineData("Sections")]
    [InlineData("OnlyOneReturns")]
    [InlineData("Arms")]
    [InlineData("Chain")]
    public void Generated_code_equals_ModelEvaluator_on_every_kind(string name)
    {
        IMethodSymbol symbol = (IMethodSymbol)_input.GetTypeByMetadataName("Demo.Throwing")!.GetMembers(name).Single();
        InterfaceModel model = InterfaceExtractor.Extract(symbol, _input, ExtractionOptions.Default, CancellationToken.None);
        Assert.Empty(model.Gaps);
        MethodInfo method = _assembly.Assembly.GetType("Demo.Throwing", throwOnError: true)!.GetMethods().Single(m => m.Name == "LatencyOf_" + name);
        foreach (HardwareProfile hw in EmitterTests.Profiles())
        {
            foreach (int kind in new[] { -5, -1, 0, 1, 2, 3, 7, 100 })
            {
                foreach (int n in new[] { 0, 4, 1000 })
                {
                    var inputs = new Dictionary<string, double>(StringComparer.Ordinal);
                    foreach (Quantity quantity in model.Quantities.Where(q => !q.IsPcv))
                    {
                        inputs[quantity.Name] = quantity.Expression switch
                        {
                            "kind" => kind,
                            "data.Length" => n,
                            _ => throw new InvalidOperationException($"This test does not know the value of quantity '{quantity.Name}' = {quantity.Expression}."),
                        };
                    }

                    var arguments = new List<object?> { kind, new int[n], hw };
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
                    EmitterTests.AssertSame(expected, LoadedAssembly.Invoke(method, null, arguments.ToArray()), $"{name} at kind={kind}, n={n} on {hw.Name}");
                }
            }
        }
    }
}
