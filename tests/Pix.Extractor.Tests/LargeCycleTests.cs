using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Extraction.Analysis;
using Pix.Model;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// Bottom-up summaries of a call cycle larger than <see cref="ExtractionOptions.MaxCycleMembers"/>: each member on its
/// own, taking its in-cycle callees' kept invocations (ExtractionSession.BottomUp.cs), so that entering the cycle costs
/// the members called; and call-graph walks that run concurrently (<see cref="CallGraph"/>).
/// </summary>
[Collection(ProcessWideCacheCollection.Name)] // ComputingForTesting and WalkingForTesting are process-wide
public class LargeCycleTests
{
    // K1..K4 form a ring, each also calling Leaf (a loop); EntersK1 calls into it from outside.
    private const string Source = """
        public static class R
        {
            public static int K1(int n) => n <= 0 ? 0 : K2(n - 1) + Leaf(n);
            public static int K2(int n) => n <= 0 ? 1 : K3(n - 1) * 2;
            public static int K3(int n) => n <= 0 ? 2 : K4(n - 1) + Leaf(n);
            public static int K4(int n) => n <= 0 ? 3 : K1(n - 1) - 1;
            public static int EntersK1(int n) => K1(n) + 1;
            public static int EntersK3(int n) => K3(n) + 2;

            public static int Leaf(int n)
            {
                int s = 0;
                for (int i = 0; i < n; i++) { s += i * 3; }
                return s;
            }
        }
        """;

    // The ring has four members: with at most three it is large.
    private static readonly ExtractionOptions Large = CallGraphTests.Options with { MaxCycleMembers = 3 };

    private static Compilation Compile() => CallGraphTests.Compile(Source);

    private static InterfaceModel Extract(Compilation compilation, string name, ExtractionOptions options) =>
        InterfaceExtractor.Extract(CallGraphTests.Method(compilation, "R", name), compilation, options, CancellationToken.None);

    /// <summary>How many times each method of the compilation is analysed while <paramref name="run"/> runs.</summary>
    private static Dictionary<string, int> Analyses(Compilation compilation, Action run)
    {
        var computed = new Dictionary<string, int>();
        ExtractionSession.ComputingForTesting = method =>
        {
            if (SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly))
            {
                computed[method.Name] = computed.TryGetValue(method.Name, out int n) ? n + 1 : 1;
            }
        };
        try
        {
            run();
        }
        finally
        {
            ExtractionSession.ComputingForTesting = null;
        }

        return computed;
    }

    [Fact]
    public void Entering_a_large_cycle_analyses_the_entry_and_the_members_it_calls_not_the_whole_cycle()
    {
        Compilation small = Compile();
        Dictionary<string, int> whole = Analyses(small, () => Extract(small, "EntersK1", CallGraphTests.Options));
        Assert.True(CallGraphTests.Options.MaxCycleMembers >= 4);
        Assert.Equal([2, 2, 2, 2], new[] { "K1", "K2", "K3", "K4" }.Select(k => whole[k]));

        Compilation large = Compile();
        Dictionary<string, int> entered = Analyses(large, () => Extract(large, "EntersK1", Large));
        // K1's summary, and K2's invocation (every call into the ring cut); K3 and K4 are not reached.
        Assert.Equal(1, entered["K1"]);
        Assert.Equal(1, entered["K2"]);
        Assert.False(entered.ContainsKey("K3"));
        Assert.False(entered.ContainsKey("K4"));
    }

    [Theory]
    [InlineData("EntersK1 EntersK3 K1 K2 K3 K4")]
    [InlineData("K4 K3 K2 K1 EntersK3 EntersK1")]
    [InlineData("K2 EntersK3 K4 EntersK1 K1 K3")]
    public void A_large_cycle_s_models_do_not_depend_on_the_order_and_equal_the_whole_cycle_s(string methods)
    {
        Compilation compilation = Compile();
        Dictionary<string, InterfaceModel> models = methods.Split(' ').ToDictionary(m => m, m => Extract(compilation, m, Large));

        Compilation alone = Compile();
        Compilation whole = Compile();
        foreach (var (name, model) in models)
        {
            InterfaceModel fresh = Extract(alone, name, Large with { ReuseCalleeSummaries = false });
            Assert.True(fresh.Equals(model), $"{name} after {methods}:\n{model.Dump()}\n---\n{fresh.Dump()}");
            // A ring is a cycle the analysis meets whole (nothing to split): summarised member by member it gets
            // what the two passes over the whole cycle give.
            InterfaceModel twoPasses = Extract(whole, name, CallGraphTests.Options);
            Assert.True(twoPasses.Equals(model), $"{name}:\n{model.Dump()}\n---\n{twoPasses.Dump()}");
        }

        // K1 takes K2's invocation (no loop of its own) and its own call to Leaf; K4 takes K1's invocation, whose Leaf loop it prices.
        Assert.Contains(models["K1"].Gaps, g => g.Kind == GapKind.Recursion && g.Construct == "recursion in K1");
        Assert.Contains(models["K4"].Pieces.SelectMany(p => p.Terms), t => t.Description.Contains("loop"));
    }

    [Fact]
    public void A_walk_does_not_wait_for_another_and_both_find_the_components()
    {
        Compilation compilation = Compile();
        var graph = new CallGraph(compilation, skipNullableAnalysis: true);
        using var reachedK3 = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        int firstThread = -1;
        CallGraph.WalkingForTesting = method =>
        {
            if (method.Name == "K3" && Environment.CurrentManagedThreadId == Volatile.Read(ref firstThread))
            {
                // The first walk holds K1 and K2 open here until the second walk has published the ring.
                reachedK3.Set();
                release.Wait(TimeSpan.FromSeconds(30));
            }
        };
        try
        {
            Task<IReadOnlyList<IMethodSymbol>> first = Task.Factory.StartNew(
                () =>
                {
                    Volatile.Write(ref firstThread, Environment.CurrentManagedThreadId);
                    return graph.CycleOf(CallGraphTests.Method(compilation, "R", "K1"), CancellationToken.None);
                },
                TaskCreationOptions.LongRunning);
            Assert.True(reachedK3.Wait(TimeSpan.FromSeconds(30)));

            Task<IReadOnlyList<IMethodSymbol>> second = Task.Run(() => graph.CycleOf(CallGraphTests.Method(compilation, "R", "K2"), CancellationToken.None));
            Assert.True(second.Wait(TimeSpan.FromSeconds(30)), "the second walk waited for the first");
            release.Set();
            Assert.True(first.Wait(TimeSpan.FromSeconds(30)));

            // The first walk skipped K4 and Leaf (published meanwhile) and closed K3, K2, K1 alone: the ring stays.
            Assert.Equal(["K1", "K2", "K3", "K4"], first.Result.Select(m => m.Name));
            Assert.Equal(["K1", "K2", "K3", "K4"], second.Result.Select(m => m.Name));
            Assert.Equal(["K1", "K2", "K3", "K4"], graph.CycleOf(CallGraphTests.Method(compilation, "R", "K3"), CancellationToken.None).Select(m => m.Name));
            Assert.Empty(graph.CycleOf(CallGraphTests.Method(compilation, "R", "Leaf"), CancellationToken.None));
        }
        finally
        {
            release.Set();
            CallGraph.WalkingForTesting = null;
        }
    }
}
