using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Extraction.Analysis;
using Pix.Extraction.Caching;
using Pix.Model;
using Pix.Testing;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// Summaries composed bottom-up (<see cref="ExtractionOptions.BottomUpSummaries"/>): one summary per
/// method per compilation, the same whoever asks first and at whatever depth, recursion cut by the
/// call graph's cycles, and nothing kept from a cancelled computation.
/// </summary>
[Collection(ProcessWideCacheCollection.Name)] // ComputingForTesting is process-wide
public class BottomUpSummaryTests
{
    private static readonly ExtractionOptions Options =
        ExtractionOptions.Default with { ReuseAcrossCompilations = false, DefaultResolution = 0, BottomUpSummaries = true };

    // X is met at depth 1 from Direct and at depth 3 from Via; below X the chain goes two calls further,
    // to a loop over n. Chain reaches that loop six calls down, twice the default MaxCallDepth.
    private const string Source = """
        public class C
        {
            public static int Direct(int n) => X(n) + 1;

            public static int Via(int n) => V1(n) + 1;
            public static int V1(int n) => V2(n) + 2;
            public static int V2(int n) => X(n) + 3;

            public static int X(int n) => W(n) + Y(n) * 2;
            public static int W(int n) => n * 7 + 1;
            public static int Y(int n) => Z(n) + 5;

            public static int Z(int n)
            {
                int s = 0;
                for (int i = 0; i < n; i++) { s += i * i; }
                return s;
            }

            public static int Chain(int n) => Via(n) - 1;

            public static bool IsEven(int n) => n == 0 ? true : IsOdd(n - 1);
            public static bool IsOdd(int n) => n == 0 ? false : IsEven(n - 1) ^ Z(n) > 0;
            public static int UsesParity(int n) => IsOdd(n) ? Direct(n) : 2;

            // A cycle of three, entered from outside at each member.
            public static int P1(int n) => n <= 0 ? 0 : P2(n - 1) + W(n);
            public static int P2(int n) => n <= 0 ? 1 : P3(n - 1) * 2;
            public static int P3(int n) => n <= 0 ? 2 : P1(n - 1) + Z(n);
            public static int EntersAt1(int n) => P1(n);
            public static int EntersAt2(int n) => P2(n) + 1;
            public static int EntersAt3(int n) => P3(n) + 2;

            // Each fits a budget of 60 operations on its own; together they do not.
            public static int Big(int a, int b)
            {
                int s = 0;
                s += (a ^ 0) * (b + 0);
                s += (a ^ 1) * (b + 1);
                s += (a ^ 2) * (b + 2);
                s += (a ^ 3) * (b + 3);
                s += (a ^ 4) * (b + 4);
                return s;
            }

            public static int Heavy(int a, int b)
            {
                int s = 0;
                s -= (b ^ 0) * (a + 0);
                s -= (b ^ 1) * (a + 1);
                s -= (b ^ 2) * (a + 2);
                s -= (b ^ 3) * (a + 3);
                s -= (b ^ 4) * (a + 4);
                return s + Big(a, b);
            }
        }
        """;

    private static Compilation Compile()
    {
        Compilation compilation = TestCompilation.Create(new[] { Extraction.Usings + Source });
        TestCompilation.AssertNoErrors(compilation);
        return compilation;
    }

    private static InterfaceModel Extract(Compilation compilation, string method, ExtractionOptions? options = null, CancellationToken ct = default) =>
        InterfaceExtractor.Extract(Extraction.FindMethod(compilation, method), compilation, options ?? Options, ct);

    /// <summary>
    /// The terms of <paramref name="model"/> that price Z's loop (the bottom of every chain here), without
    /// their descriptions, which name the calls they were reached through.
    /// </summary>
    private static List<(BlockSummary Block, Expr Count, Provenance Origin)> LoopTerms(InterfaceModel model) =>
        model.Pieces.SelectMany(p => p.Terms).Where(t => t.Description.Contains("loop")).Select(t => (t.Block, t.Count, t.Origin)).ToList();

    [Fact]
    public void A_callee_met_at_depth_1_and_at_depth_3_gets_the_same_summary()
    {
        Compilation compilation = Compile();
        // Via first: X's summary is computed three calls down, then Direct takes it at depth 1.
        InterfaceModel via = Extract(compilation, "Via");
        InterfaceModel direct = Extract(compilation, "Direct");

        Assert.True(ComposedSummaryStore.For(compilation, Options).TryGet(Extraction.FindMethod(compilation, "X"), out ComposedSummary? x));
        Assert.NotEmpty(LoopTerms(direct));
        Assert.Equal(LoopTerms(direct), LoopTerms(via));
        Assert.Equal(direct.Gaps, via.Gaps);
        Assert.Equal(direct.Gaps, x!.Gaps);
    }

    [Fact]
    public void A_chain_deeper_than_the_call_depth_is_followed()
    {
        InterfaceModel chain = Extract(Compile(), "Chain");

        Assert.True(Options.MaxCallDepth < 6);
        Assert.Single(LoopTerms(chain));
        Assert.DoesNotContain(chain.Gaps, g => g.Kind == GapKind.BudgetExceeded);
        Assert.True(chain.Ns(("n", 10)) < chain.Ns(("n", 1000)));
    }

    [Theory]
    [InlineData("IsEven IsOdd UsesParity")]
    [InlineData("IsOdd IsEven UsesParity")]
    [InlineData("UsesParity IsOdd IsEven")]
    public void Mutual_recursion_is_a_gap_and_the_same_in_every_order(string methods)
    {
        string[] order = methods.Split(' ');
        Compilation compilation = Compile();
        Dictionary<string, InterfaceModel> models = order.ToDictionary(m => m, m => Extract(compilation, m));
        Compilation alone = Compile();

        foreach (var (name, model) in models)
        {
            // Each alone on a compilation of its own: what no earlier extraction can have left behind.
            InterfaceModel fresh = Extract(alone, name, Options with { ReuseCalleeSummaries = false });
            Assert.True(fresh.Equals(model), $"{name} after {string.Join(", ", order)}:\n{model.Dump()}\n---\n{fresh.Dump()}");
        }

        Assert.Contains(models["IsEven"].Gaps, g => g.Kind == GapKind.Recursion && g.Construct == "recursion in IsEven");
        Assert.Contains(models["IsOdd"].Gaps, g => g.Kind == GapKind.Recursion && g.Construct == "recursion in IsOdd");
    }

    [Theory]
    [InlineData(50_000)]
    [InlineData(60)]
    public void Extraction_order_does_not_change_a_model(int maxOperations)
    {
        ExtractionOptions options = Options with { MaxOperations = maxOperations };
        string[] methods = ["Heavy", "Big", "Via", "Direct", "X", "Chain", "UsesParity", "IsEven"];
        Compilation forward = Compile(), backward = Compile();
        Dictionary<string, InterfaceModel> first = methods.ToDictionary(m => m, m => Extract(forward, m, options));
        Dictionary<string, InterfaceModel> second = methods.Reverse().ToDictionary(m => m, m => Extract(backward, m, options));

        foreach (string method in methods)
        {
            Assert.True(first[method].Equals(second[method]), $"{method}:\n{first[method].Dump()}\n---\n{second[method].Dump()}");
        }

        // The budget is each method's own: Big alone fits it, and so does Heavy's own code, whoever comes first.
        Assert.DoesNotContain(first["Big"].Gaps, g => g.Construct == "analysis budget");
        Assert.DoesNotContain(first["Heavy"].Gaps, g => g.Construct == "analysis budget");
    }

    [Fact]
    public void The_small_budget_is_below_the_methods_together()
    {
        InterfaceModel heavy = Extract(Compile(), "Heavy", Options with { MaxOperations = 60, BottomUpSummaries = false });
        Assert.Contains(heavy.Gaps, g => g.Construct == "analysis budget");
    }

    [Fact]
    public void A_cycle_is_summarised_once_whichever_member_is_entered()
    {
        Compilation compilation = Compile();
        var computed = new Dictionary<string, int>();
        ExtractionSession.ComputingForTesting = method =>
        {
            if (SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly))
            {
                computed[method.Name] = computed.TryGetValue(method.Name, out int n) ? n + 1 : 1;
            }
        };
        Dictionary<string, InterfaceModel> models;
        try
        {
            models = new[] { "EntersAt1", "EntersAt2", "EntersAt3", "P3", "P2", "P1" }.ToDictionary(m => m, m => Extract(compilation, m));
        }
        finally
        {
            ExtractionSession.ComputingForTesting = null;
        }

        // The call graph names the cycle's members without analysing them; then once for each one's own invocation,
        // once with the invocations of the members it calls: for the whole compilation, not per entry.
        Assert.Equal(2, computed["P1"]);
        Assert.Equal(2, computed["P2"]);
        Assert.Equal(2, computed["P3"]);
        Compilation alone = Compile();
        foreach (var (name, model) in models)
        {
            Assert.True(model.Equals(Extract(alone, name, Options with { ReuseCalleeSummaries = false })), name);
        }

        Assert.Contains(models["P2"].Gaps, g => g.Kind == GapKind.Recursion && g.Construct == "recursion in P2");
        // P3's invocation (its loop, Z's) is in P2's model, one call away; P1's call to P2 reaches P3 two calls away.
        Assert.NotEmpty(LoopTerms(models["P2"]));
        Assert.Empty(LoopTerms(models["P1"]));
    }

    [Fact]
    public void A_callee_summary_larger_than_the_limit_is_an_opaque_call()
    {
        Compilation compilation = Compile();
        InterfaceModel within = Extract(compilation, "Y");
        InterfaceModel beyond = Extract(compilation, "Y", Options with { MaxCalleeTerms = LoopTerms(within).Count - 1 });

        Assert.Empty(LoopTerms(beyond));
        Assert.Contains(beyond.Gaps, g => g.Kind == GapKind.BudgetExceeded && g.Reason.Contains("MaxCalleeTerms"));
        Assert.DoesNotContain(within.Gaps, g => g.Kind == GapKind.BudgetExceeded);
    }

    [Fact]
    public void A_cancelled_computation_leaves_nothing_stored()
    {
        Compilation compilation = Compile();
        using var cancellation = new CancellationTokenSource();
        ExtractionSession.ComputingForTesting = method =>
        {
            if (method.Name == "Y" && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly))
            {
                cancellation.Cancel();
            }
        };
        try
        {
            Assert.ThrowsAny<OperationCanceledException>(() => Extract(compilation, "Direct", ct: cancellation.Token));
        }
        finally
        {
            ExtractionSession.ComputingForTesting = null;
        }

        ComposedSummaryStore store = ComposedSummaryStore.For(compilation, Options);
        bool Kept(string method) => store.TryGet(Extraction.FindMethod(compilation, method), out _);
        Assert.True(Kept("W")); // finished before Y started
        Assert.False(Kept("Y"));
        Assert.False(Kept("X"));
        Assert.False(Kept("Direct"));

        InterfaceModel after = Extract(compilation, "Direct");
        Assert.True(after.Equals(Extract(Compile(), "Direct")), after.Dump());
        Assert.True(Kept("Y"));
    }
}
