using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Cli.Validation;
using Pix.Extraction;
using Pix.Model;
using Pix.Testing;

namespace Pix.Cli.Tests.Validation;

/// <summary>
/// How <c>pix validate --project</c> connects a built method with its model: documentation IDs computed
/// by reflection must equal Roslyn's, and the terms read from the model must add up to its prediction.
/// </summary>
public sealed class InterfaceTermsTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using Pix;

        namespace Sample.Inner
        {
            public static class Kernels
            {
                [PerformanceInterface]
                public static uint Sum(ReadOnlySpan<byte> data, bool twice)
                {
                    uint s = 0;
                    for (int i = 0; i < data.Length; i++) { s += data[i]; }
                    if (twice) { for (int i = 0; i < data.Length; i++) { s ^= data[i]; } }
                    return s;
                }

                public static Latency LatencyOf_Sum(ReadOnlySpan<byte> data, bool twice, HardwareProfile hw) => default;

                public static void Shapes<U>(ref int a, U[] b, int[,] c, Dictionary<string, List<U>> d, Span<double> e) { }
            }

            public sealed class Box<T>
            {
                public sealed class Nested
                {
                    public void Take(T item, Box<int> other, int? maybe) { }
                }

                public int Count;

                public int Scaled(T[] items, int factor) => items.Length * factor + Count;
            }
        }
        """;

    [Fact]
    public void Documentation_ids_from_reflection_equal_roslyns()
    {
        (Compilation compilation, Assembly assembly) = Build();

        foreach (Type type in assembly.GetTypes().Where(t => t.Namespace == "Sample.Inner"))
        {
            foreach (MethodInfo method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                string metadataName = type.FullName!;
                INamedTypeSymbol symbol = compilation.GetTypeByMetadataName(metadataName)!;
                string[] roslyn = symbol.GetMembers(method.Name).OfType<IMethodSymbol>().Select(m => m.GetDocumentationCommentId()!).ToArray();
                Assert.Contains(DocumentationId.Of(method), roslyn);
            }
        }
    }

    [Fact]
    public void Terms_of_the_selected_piece_add_up_to_the_models_prediction()
    {
        (Compilation compilation, Assembly assembly) = Build();
        IMethodSymbol symbol = compilation.GetTypeByMetadataName("Sample.Inner.Kernels")!.GetMembers("Sum").OfType<IMethodSymbol>().Single();
        InterfaceModel model = InterfaceExtractor.Extract(symbol, compilation, ExtractionOptions.Default, CancellationToken.None);
        Type kernels = assembly.GetType("Sample.Inner.Kernels")!;
        var breakdown = new TermBreakdown(model, kernels.GetMethod("Sum")!, kernels.GetMethod("LatencyOf_Sum")!);
        HardwareProfile hw = HardwareProfile.Reference;

        foreach (bool twice in new[] { false, true })
        {
            byte[] data = new byte[1000];
            IReadOnlyList<TermValue> terms = breakdown.Evaluate(new object?[] { data, twice }, new object?[] { data, twice, hw }, hw);

            var values = model.Quantities.ToDictionary(q => q.Name, q => q.Name.Contains("twice") ? (twice ? 1.0 : 0.0) : 1000.0);
            Assert.Equal(ModelEvaluator.Evaluate(model, values, hw).Nanoseconds, terms.Sum(t => t.Nanoseconds), 9);
            Assert.Equal(ModelEvaluator.SelectPiece(model, values).Terms.Count, terms.Count);
            Assert.All(terms, t => Assert.False(string.IsNullOrEmpty(t.Label)));
        }
    }

    [Fact]
    public void Quantities_are_read_from_the_arguments_by_reflection()
    {
        (_, Assembly assembly) = Build();
        Type box = assembly.GetType("Sample.Inner.Box`1")!.MakeGenericType(typeof(string));
        object instance = Activator.CreateInstance(box)!;
        box.GetField("Count")!.SetValue(instance, 7);
        MethodInfo scaled = box.GetMethod("Scaled")!;
        var reader = new QuantityReader(scaled, new object?[] { instance, new string[5], 3 });

        Assert.Equal(5, reader.Read("items.Length"));
        Assert.Equal(3, reader.Read("factor"));
        Assert.Equal(7, reader.Read("this.Count"));
        Assert.Equal(0, reader.Read("(items is null ? 1 : 0)"));
        Assert.Equal(int.MaxValue, reader.Read("System.Int32.MaxValue"));
        Assert.Throws<NotSupportedException>(() => reader.Read("items.Length + 1"));
        Assert.Throws<NotSupportedException>(() => reader.Read("items.Nothing"));
    }

    private static (Compilation Compilation, Assembly Assembly) Build()
    {
        Compilation compilation = TestCompilation.CreateNamed("TermsTest", Source);
        TestCompilation.AssertNoErrors(compilation);
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return (compilation, new AssemblyLoadContext("terms-test", isCollectible: true).LoadFromStream(image));
    }
}
