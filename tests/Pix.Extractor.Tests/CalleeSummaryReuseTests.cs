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
/// A callee's recorded analysis is replayed for its later callers on the same compilation
/// (<see cref="ExtractionOptions.ReuseCalleeSummaries"/>), and only when a fresh analysis would give
/// the same summary: models must be the same with and without reuse, in any extraction order.
/// </summary>
public class CalleeSummaryReuseTests
{
    private static readonly ExtractionOptions Options = ExtractionOptions.Default with { ReuseAcrossCompilations = false, DefaultResolution = 0 };

    // Shapes whose summaries depend on the session: shared helpers, a call chain deeper than
    // MaxCallDepth (depth decides what is followed), self and mutual recursion (the call stack
    // decides), a recursive callee met from different callers, and enough work for small budgets.
    private const string Source = """
        public class C
        {
            private int[] _items = new int[16];

            public static int Leaf(int x) => x * 3 + 1;

            public static int Shared(int[] data)
            {
                int s = 0;
                for (int i = 0; i < data.Length; i++) { s += Leaf(data[i]); }
                return s;
            }

            public static int UsesShared(int[] data, bool twice) => twice ? Shared(data) + Shared(data) : Shared(data);

            public static int AlsoShared(int[] data, int n)
            {
                int s = 0;
                for (int k = 0; k < n; k++) { s += Shared(data); }
                return s + Leaf(n);
            }

            public static int D1(int[] a) => D2(a) + Leaf(a.Length);
            public static int D2(int[] a) => D3(a) + 1;
            public static int D3(int[] a) => D4(a) + 2;
            public static int D4(int[] a) => D5(a) + 3;
            public static int D5(int[] a) => Shared(a) + 4;

            public static int Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

            public static bool IsEven(int n) => n == 0 ? true : IsOdd(n - 1);
            public static bool IsOdd(int n) => n == 0 ? false : IsEven(n - 1);

            public static int UsesRecursion(int n) => Factorial(n) + (IsEven(n) ? 1 : 0);

            public int Sum()
            {
                int s = 0;
                foreach (int item in _items) { s += Leaf(item); }
                return s + D3(_items);
            }

            // Big fits a small budget on its own but not after Heavy's own work: a record of Big made
            // alone must not be replayed inside Heavy (which runs out of budget there).
            public static int Big(int a, int b)
            {
                int s = 0;
                s += (a ^ 0) * (b + 0);
                s += (a ^ 1) * (b + 1);
                s += (a ^ 2) * (b + 2);
                s += (a ^ 3) * (b + 3);
                s += (a ^ 4) * (b + 4);
                s += (a ^ 5) * (b + 5);
                s += (a ^ 6) * (b + 6);
                s += (a ^ 7) * (b + 7);
                s += (a ^ 8) * (b + 8);
                s += (a ^ 9) * (b + 9);
                s += (a ^ 10) * (b + 10);
                s += (a ^ 11) * (b + 11);
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
                s -= (b ^ 5) * (a + 5);
                s -= (b ^ 6) * (a + 6);
                s -= (b ^ 7) * (a + 7);
                s -= (b ^ 8) * (a + 8);
                s -= (b ^ 9) * (a + 9);
                s -= (b ^ 10) * (a + 10);
                s -= (b ^ 11) * (a + 11);
                return s + Big(a, b);
            }

            public static int Branchy(int[] data, int mode)
            {
                if (mode == 1) { return Shared(data); }
                if (mode == 2) { return AlsoShared(data, data.Length); }
                if (data.Length > 100) { return D1(data); }
                return UsesRecursion(mode);
            }
        }
        """;

    private static List<IMethodSymbol> Methods(Compilation compilation) =>
        compilation.GetTypeByMetadataName("C")!.GetMembers().OfType<IMethodSymbol>()
            .Where(m => m.MethodKind == MethodKind.Ordinary).ToList();

    private static Dictionary<string, InterfaceModel> ExtractAll(ExtractionOptions options, bool reverse)
    {
        Compilation compilation = TestCompilation.Create(new[] { Extraction.Usings + Source });
        TestCompilation.AssertNoErrors(compilation);
        List<IMethodSymbol> methods = Methods(compilation);
        if (reverse)
        {
            methods.Reverse();
        }

        return methods.ToDictionary(m => m.Name, m => InterfaceExtractor.Extract(m, compilation, options, CancellationToken.None));
    }

    [Theory]
    [InlineData(50_000)]
    [InlineData(400)]
    [InlineData(250)]
    [InlineData(150)]
    [InlineData(60)]
    public void Models_are_the_same_with_and_without_reuse_in_either_order(int maxOperations)
    {
        ExtractionOptions options = Options with { MaxOperations = maxOperations };
        Dictionary<string, InterfaceModel> fresh = ExtractAll(options with { ReuseCalleeSummaries = false }, reverse: false);
        foreach (bool reverse in new[] { false, true })
        {
            Dictionary<string, InterfaceModel> reused = ExtractAll(options, reverse);
            foreach (var (name, model) in fresh)
            {
                Assert.True(model.Equals(reused[name]), $"{name} (budget {maxOperations}, reverse {reverse}):\n{model.Dump()}\n---\n{reused[name].Dump()}");
            }
        }
    }

    [Fact]
    public void The_small_budgets_are_hit_so_that_the_test_covers_replays_that_would_not_fit()
    {
        Dictionary<string, InterfaceModel> models = ExtractAll(Options with { MaxOperations = 60 }, reverse: false);
        Assert.Contains(models.Values, m => m.Gaps.Any(g => g.Kind == GapKind.BudgetExceeded && g.Construct == "analysis budget"));
        Assert.Contains(models.Values, m => m.Gaps.All(g => g.Construct != "analysis budget"));
    }

    [Fact]
    public void A_callee_is_analysed_once_for_all_its_callers()
    {
        Compilation compilation = TestCompilation.Create(new[] { Extraction.Usings + Source });
        var type = compilation.GetTypeByMetadataName("C")!;
        IMethodSymbol Method(string name) => type.GetMembers(name).OfType<IMethodSymbol>().Single();
        foreach (string caller in new[] { "UsesShared", "AlsoShared", "Branchy" })
        {
            InterfaceExtractor.Extract(Method(caller), compilation, Options, CancellationToken.None);
        }

        // Every fresh analysis of Shared adds a record; the later callers replayed the first one.
        Assert.Single(SummaryStore.Find(compilation, Options, Method("Shared")));
    }

    [Fact]
    public void A_method_keeps_a_record_for_each_of_sixteen_contexts()
    {
        // Four records per method dropped the fifth and later contexts' (a depth, a callee memoised from another
        // record), and every later meeting in them analysed the method again (docs/robustness.md, "Eighteenth session").
        Compilation compilation = TestCompilation.Create(new[] { Extraction.Usings + Source });
        IMethodSymbol shared = compilation.GetTypeByMetadataName("C")!.GetMembers("Shared").OfType<IMethodSymbol>().Single();
        InterfaceExtractor.Extract(shared, compilation, Options, CancellationToken.None);
        SummaryRecord record = Assert.Single(SummaryStore.Find(compilation, Options, shared));
        for (int i = 1; i < 20; i++)
        {
            SummaryStore.Add(compilation, Options, shared, new SummaryRecord(record.Summary, record.Events));
        }

        IReadOnlyList<SummaryRecord> kept = SummaryStore.Find(compilation, Options, shared);
        Assert.Equal(16, kept.Count);
        Assert.Same(record, kept[0]); // the first kept, later ones dropped: a look-up tries them in the order they came
    }

    [Fact]
    public void Without_reuse_nothing_is_recorded()
    {
        ExtractionOptions options = Options with { ReuseCalleeSummaries = false };
        Compilation compilation = TestCompilation.Create(new[] { Extraction.Usings + Source });
        var type = compilation.GetTypeByMetadataName("C")!;
        InterfaceExtractor.Extract(type.GetMembers("UsesShared").OfType<IMethodSymbol>().Single(), compilation, options, CancellationToken.None);
        Assert.Empty(SummaryStore.Find(compilation, options, type.GetMembers("Shared").OfType<IMethodSymbol>().Single()));
    }
}
