using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pix.Extraction;
using Pix.Extraction.Analysis;
using Pix.Model;
using Pix.Testing;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// The extractor binds bodies without the compiler's nullable analysis when the running Roslyn offers
/// it (<see cref="ExtractionOptions.SkipNullableAnalysis"/>, <see cref="SemanticModels"/>); models
/// must be the same as with it.
/// </summary>
public class NullableAnalysisTests
{
    private static readonly ExtractionOptions Options = ExtractionOptions.Default with { ReuseAcrossCompilations = false };

    // Code whose bound types differ with and without nullable analysis: inferred type arguments
    // (List<string?>), var locals, flow states after null tests, ?. ?? ! and default, nullable
    // generic constraints, and callees followed with those types.
    private const string Source = """
        #nullable enable
        using System.Linq;

        public class Node<T> where T : class?
        {
            public T Value = default!;
            public Node<T>? Next;
        }

        public class C
        {
            private string? _name;
            private readonly List<string?> _items = new();

            public static int Length(string? s) => s?.Length ?? 0;

            public int M(string? a, string b)
            {
                var copy = a;
                if (copy is null) { return b.Length; }
                var list = new List<string?> { a, b, null };
                int total = 0;
                foreach (var item in list) { total += Length(item); }
                return total + copy.Length;
            }

            public static int Walk<T>(Node<T>? node) where T : class?
            {
                int n = 0;
                while (node is not null) { n++; node = node.Next; }
                return n;
            }

            public int Named() => _name!.Length + (_name ?? "").Length;

            public static T? FirstOrDefault<T>(IReadOnlyList<T?> items) where T : class
            {
                for (int i = 0; i < items.Count; i++)
                {
                    if (items[i] is { } found) { return found; }
                }
                return default;
            }

            public string? Pick(bool first) => FirstOrDefault(_items) ?? (first ? _name : null);

            public int Sum(int?[] values)
            {
                int s = 0;
                for (int i = 0; i < values.Length; i++) { s += values[i] ?? 0; }
                return s;
            }

            public int Query(string?[] words) => words.Where(w => w != null).Count();

            public int Interpolate(string? who, int n) => $"{who}:{n}".Length;
        }
        """;

    [Fact]
    public void The_running_compiler_offers_models_without_nullable_analysis()
    {
        // The tests run Roslyn 4.11, which has Compilation.GetSemanticModel(tree, SemanticModelOptions):
        // if this fails, the lookup in SemanticModels no longer finds it and every extraction pays for
        // nullable analysis again.
        Assert.True(SemanticModels.CanSkipNullableAnalysis);
    }

    [Fact]
    public void The_extractors_models_do_not_run_nullable_analysis()
    {
        Compilation compilation = TestCompilation.Create(new[] { Extraction.Usings + Source });
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        // `copy` in `copy.Length`: not null after the `copy is null` return, with nullable analysis.
        IdentifierNameSyntax copy = tree.GetRoot().DescendantNodes().OfType<MemberAccessExpressionSyntax>()
            .Single(m => m.ToString() == "copy.Length").Expression as IdentifierNameSyntax ?? throw new Xunit.Sdk.XunitException("no copy.Length");

        NullableFlowState withAnalysis = SemanticModels.Of(compilation, tree, skipNullableAnalysis: false).GetTypeInfo(copy).Nullability.FlowState;
        NullableFlowState withoutAnalysis = SemanticModels.Of(compilation, tree, skipNullableAnalysis: true).GetTypeInfo(copy).Nullability.FlowState;

        Assert.Equal(NullableFlowState.NotNull, withAnalysis);
        Assert.Equal(NullableFlowState.None, withoutAnalysis);
    }

    [Fact]
    public void Models_are_the_same_with_and_without_nullable_analysis()
    {
        Dictionary<string, InterfaceModel> with = ExtractAll(Options with { SkipNullableAnalysis = false });
        Dictionary<string, InterfaceModel> without = ExtractAll(Options with { SkipNullableAnalysis = true });

        Assert.Equal(with.Keys.OrderBy(k => k), without.Keys.OrderBy(k => k));
        foreach (var (name, model) in with)
        {
            Assert.True(model.Equals(without[name]), $"{name}:\n{model.Dump()}\n--- without nullable analysis ---\n{without[name].Dump()}");
            Assert.Equal(model.Dump(), without[name].Dump());
        }
    }

    private static Dictionary<string, InterfaceModel> ExtractAll(ExtractionOptions options)
    {
        // A fresh compilation for each: models cached in a compilation would hide a difference.
        Compilation compilation = TestCompilation.Create(new[] { Extraction.Usings + Source });
        TestCompilation.AssertNoErrors(compilation);
        return compilation.GetTypeByMetadataName("C")!.GetMembers().OfType<IMethodSymbol>()
            .Where(m => m.MethodKind == MethodKind.Ordinary)
            .ToDictionary(m => m.Name, m => InterfaceExtractor.Extract(m, compilation, options, CancellationToken.None));
    }
}
