using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Extraction;
using Pix.Extraction.Analysis;
using Pix.Model;
using Pix.Testing;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// Bottom-up summaries bounded by how many methods a callee reaches (<see cref="ExtractionOptions.MaxCalleeReach"/>):
/// a callee that reaches more is an opaque call, the same whichever method is extracted first, and a callee under the
/// limit is taken whole as before (ExtractionSession.BottomUp.cs, <see cref="CallGraph.ReachesMoreThan"/>).
/// </summary>
[Collection(ProcessWideCacheCollection.Name)] // ComputingForTesting is process-wide
public class CalleeReachTests
{
    // A chain C0 -> C1 -> ... -> C5 (C5 reaches 1 method, itself; C2 reaches 4), a tree Wide -> W1..W4 (5 methods) and
    // a ring Ring1 -> Ring2 -> Ring3 -> Ring1 that also calls Leaf (each member reaches 4).
    private const string Source = """
        public static class B
        {
            public static int C0(int n) => C1(n) + 1;
            public static int C1(int n) => C2(n) * 3;
            public static int C2(int n) => C3(n) - 2;
            public static int C3(int n) => C4(n) + Leaf(n);
            public static int C4(int n) => C5(n) + 5;
            public static int C5(int n) => n * 7;

            public static int CallsWide(int n) => Wide(n) + 1;
            public static int Wide(int n) => W1(n) + W2(n) + W3(n) + W4(n);
            public static int W1(int n) => n + 1;
            public static int W2(int n) => n * 2;
            public static int W3(int n) => Leaf(n);
            public static int W4(int n) => n - 4;

            public static int EntersRing(int n) => Ring1(n) + 1;
            public static int Ring1(int n) => n <= 0 ? 0 : Ring2(n - 1) + Leaf(n);
            public static int Ring2(int n) => n <= 0 ? 1 : Ring3(n - 1) * 2;
            public static int Ring3(int n) => n <= 0 ? 2 : Ring1(n - 1) - 1;

            public static int Leaf(int n)
            {
                int s = 0;
                for (int i = 0; i < n; i++) { s += i * 3; }
                return s;
            }
        }
        """;

    private const int Limit = 4;

    // C3 reaches C3, C4, C5 and Leaf: 4, at the limit (taken whole); C2 reaches 5 and Wide 6 (opaque calls); a ring member 4.
    private static readonly ExtractionOptions Bounded = CallGraphTests.Options with { MaxCalleeReach = Limit };
    private static readonly ExtractionOptions Unbounded = CallGraphTests.Options with { MaxCalleeReach = 1_000 };

    private static Compilation Compile() => CallGraphTests.Compile(Source);

    private static InterfaceModel Extract(Compilation compilation, string name, ExtractionOptions options) =>
        InterfaceExtractor.Extract(CallGraphTests.Method(compilation, "B", name), compilation, options, CancellationToken.None);

    private static bool CutAt(InterfaceModel model, string callee) => CutAt(model, "B", callee);

    [Fact]
    public void Reach_counts_are_the_compilation_s_whichever_method_is_asked_first()
    {
        Compilation compilation = Compile();
        string[] names = ["C0", "C1", "C2", "C3", "C4", "C5", "Wide", "W3", "Ring1", "Ring2", "Leaf"];
        // Expected: C5 1, C4 2, C3 4 (with Leaf), C2 5, C1 6, C0 7; Wide 6; W3 2; a ring member 4 (the ring and Leaf); Leaf 1.
        bool[] expected = [true, true, true, false, false, false, true, false, false, false, false];
        foreach (IEnumerable<string> order in new[] { names, names.Reverse(), names.OrderBy(n => n.Length).ThenByDescending(n => n) })
        {
            var graph = new CallGraph(compilation, skipNullableAnalysis: true);
            var answers = order.ToDictionary(n => n, n => graph.ReachesMoreThan(CallGraphTests.Method(compilation, "B", n), Limit, CancellationToken.None).MoreThan);
            Assert.Equal(expected, names.Select(n => answers[n]));
        }
    }

    [Fact]
    public void Under_a_limit_of_zero_every_method_reaches_more_even_a_leaf()
    {
        // Every method reaches itself (the count includes it): past a limit of 0 whatever it calls, so that
        // MaxCalleeReach = 0 makes every callee an opaque call, leaves too, asked first or after a count that met them.
        Compilation compilation = Compile();
        var graph = new CallGraph(compilation, skipNullableAnalysis: true);
        Assert.True(graph.ReachesMoreThan(CallGraphTests.Method(compilation, "B", "Leaf"), 0, CancellationToken.None).MoreThan);
        Assert.True(graph.ReachesMoreThan(CallGraphTests.Method(compilation, "B", "C5"), 0, CancellationToken.None).MoreThan);
        Assert.False(graph.ReachesMoreThan(CallGraphTests.Method(compilation, "B", "C3"), Limit, CancellationToken.None).MoreThan);
        Assert.True(graph.ReachesMoreThan(CallGraphTests.Method(compilation, "B", "C5"), 0, CancellationToken.None).MoreThan);

        Assert.True(CutAt(Extract(Compile(), "W3", Bounded with { MaxCalleeReach = 0 }), "Leaf"));
    }

    [Theory]
    [InlineData("C0 C1 C2 C3 C4 C5 CallsWide Wide EntersRing Ring1 Ring2 Ring3")]
    [InlineData("Ring3 Ring2 Ring1 EntersRing Wide CallsWide C5 C4 C3 C2 C1 C0")]
    [InlineData("C3 Wide C1 Ring2 C5 EntersRing C0 Ring3 C2 CallsWide C4 Ring1")]
    public void A_callee_that_reaches_more_than_the_limit_is_cut_the_same_way_in_any_order(string methods)
    {
        Compilation compilation = Compile();
        Dictionary<string, InterfaceModel> models = methods.Split(' ').ToDictionary(m => m, m => Extract(compilation, m, Bounded));

        Compilation alone = Compile();
        foreach (var (name, model) in models)
        {
            InterfaceModel fresh = Extract(alone, name, Bounded with { ReuseCalleeSummaries = false });
            Assert.True(fresh.Equals(model), $"{name} after {methods}:\n{model.Dump()}\n---\n{fresh.Dump()}");
        }

        // The chain is cut where a callee reaches more than 4 methods: C1 calls C2 (5) opaquely, C2 takes C3 (4) whole.
        Assert.True(CutAt(models["C0"], "C1"));
        Assert.True(CutAt(models["C1"], "C2"));
        Assert.False(CutAt(models["C2"], "C3"));
        Assert.Contains(models["C2"].Pieces.SelectMany(p => p.Terms), t => t.Description.Contains("loop"));
        // The tree is cut above its root: wider than the limit, not deeper.
        Assert.True(CutAt(models["CallsWide"], "Wide"));
        Assert.DoesNotContain(models["Wide"].Gaps, g => g.Kind == GapKind.BudgetExceeded);
        // The ring reaches 4 (at the limit): entered and summarised as a cycle as before.
        Assert.False(CutAt(models["EntersRing"], "Ring1"));
    }

    [Theory]
    [InlineData("C2")]
    [InlineData("C3")]
    [InlineData("Wide")]
    [InlineData("EntersRing")]
    [InlineData("Ring2")]
    public void A_method_that_reaches_no_more_than_the_limit_is_unchanged(string name)
    {
        // Each callee of these reaches at most the limit: the bound changes nothing under it.
        Compilation bounded = Compile();
        Compilation unbounded = Compile();
        InterfaceModel model = Extract(bounded, name, Bounded);
        InterfaceModel whole = Extract(unbounded, name, Unbounded);
        Assert.True(whole.Equals(model), $"{name}:\n{model.Dump()}\n---\n{whole.Dump()}");
    }

    [Fact]
    public void A_method_on_a_cycle_past_the_limit_is_summarised_alone_without_a_walk()
    {
        // With a limit of 3 the ring's members (4 each) are past it: extracting one analyses it and Leaf, and takes its
        // calls into the ring as opaque calls, without walking or summarising the ring.
        Compilation compilation = Compile();
        var computed = new Dictionary<string, int>();
        ExtractionSession.ComputingForTesting = method =>
        {
            if (SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly))
            {
                computed[method.Name] = computed.TryGetValue(method.Name, out int n) ? n + 1 : 1;
            }
        };
        InterfaceModel model;
        try
        {
            model = Extract(compilation, "Ring1", Bounded with { MaxCalleeReach = 3 });
        }
        finally
        {
            ExtractionSession.ComputingForTesting = null;
        }

        Assert.Equal(["Leaf:1", "Ring1:1"], computed.Select(c => $"{c.Key}:{c.Value}").OrderBy(c => c, StringComparer.Ordinal));
        Assert.True(CutAt(model, "Ring2"));
        Assert.DoesNotContain(model.Gaps, g => g.Kind == GapKind.Recursion);
    }

    /// <summary>
    /// <c>C1</c> -> <c>C2</c> -> <c>C3</c> -> <c>C4</c> (body <paramref name="c4"/>, which calls <c>C5</c> or not);
    /// <c>Other</c>'s body is <paramref name="other"/>. A type of its own per test: the cross-compilation cache is process-wide.
    /// </summary>
    private static string Chain(string name, string c4 = "C5(n) + 5", string other = "x * 2") => Extraction.Usings + $$"""
        public static class {{name}}
        {
            public static int C1(int n) => C2(n) * 3;
            public static int C2(int n) => C3(n) - 2;
            public static int C3(int n) => C4(n) + 1;
            public static int C4(int n) => {{c4}};
            public static int C5(int n) => n * 7;
            public static int Other(int x) => {{other}};
        }
        """;

    // C2 reaches C2, C3, C4, C5: 4, past 3; with C4 no longer calling C5, 3.
    private static readonly ExtractionOptions Cached = ExtractionOptions.Default with { DefaultResolution = 0, BottomUpSummaries = true, MaxCalleeReach = 3 };

    [Fact]
    public void An_edit_that_brings_a_callee_under_the_limit_extracts_its_caller_again()
    {
        // C1 read none of C2..C5's bodies for its model (C2 was cut), but the count that cut it did.
        CSharpCompilation before = TestCompilation.Create(Chain("Reach1"));
        CSharpCompilation after = ThrowHelperDependencyTests.Replace(before, Chain("Reach1", c4: "n + 5"));

        InterfaceModel first = Extract(before, "Reach1", "C1", Cached);
        (InterfaceModel model, int extracted) = ThrowHelperDependencyTests.Counting(after, "Reach1", "C1", Cached);

        Assert.True(CutAt(first, "Reach1", "C2"));
        Assert.Equal(1, extracted);
        Assert.False(CutAt(model, "Reach1", "C2"));
        Assert.Equal(Extract(after, "Reach1", "C1", Cached with { ReuseAcrossCompilations = false, ReuseCalleeSummaries = false }), model);
    }

    [Fact]
    public void An_edit_in_a_body_no_count_read_keeps_the_model()
    {
        CSharpCompilation before = TestCompilation.Create(Chain("Reach2"));
        CSharpCompilation after = ThrowHelperDependencyTests.Replace(before, Chain("Reach2", other: "x * 2 + x / 3"));

        Extract(before, "Reach2", "C1", Cached);
        (InterfaceModel model, int extracted) = ThrowHelperDependencyTests.Counting(after, "Reach2", "C1", Cached);

        Assert.Equal(0, extracted);
        Assert.Equal(Extract(after, "Reach2", "C1", Cached with { ReuseAcrossCompilations = false, ReuseCalleeSummaries = false }), model);
    }

    private static InterfaceModel Extract(Compilation compilation, string type, string name, ExtractionOptions options) =>
        InterfaceExtractor.Extract(CallGraphTests.Method(compilation, type, name), compilation, options, CancellationToken.None);

    private static bool CutAt(InterfaceModel model, string type, string callee) =>
        model.Gaps.Any(g => g.Kind == GapKind.BudgetExceeded && g.Construct == $"call to {type}.{callee}(int)");
}
