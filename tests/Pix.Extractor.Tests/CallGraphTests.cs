using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Extraction.Analysis;
using Pix.Model;
using Pix;
using Pix.Testing;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// The call graph that names a call cycle's members before any is analysed (<see cref="CallGraph"/>), and the
/// bottom-up summaries that take it (ExtractionSession.BottomUp.cs).
/// </summary>
[Collection(ProcessWideCacheCollection.Name)] // WalkingForTesting is process-wide
public class CallGraphTests
{
    private const string Source = """
        public class G
        {
            private int _v;

            public G() { }
            public G(int n) { _v = ViaConstructor(n - 1); }

            // Two methods calling each other; Leaf is called from the cycle, CallsIn calls into it: neither is in it.
            public static int A(int n) => n <= 0 ? 0 : B(n - 1);
            public static int B(int n) => n <= 0 ? 1 : A(n - 1) + Leaf(n);
            public static int Leaf(int n) => n * 3;
            public static int CallsIn(int n) => A(n) + 1;

            public static int T1(int n) => n <= 0 ? 0 : T2(n - 1);
            public static int T2(int n) => n <= 0 ? 0 : T3(n - 1);
            public static int T3(int n) => n <= 0 ? 0 : T1(n - 1);

            // Two cycles sharing N2 are one; N3's call into A's cycle does not join the two.
            public static int N1(int n) => n <= 0 ? 0 : N2(n - 1);
            public static int N2(int n) => n <= 0 ? 0 : N1(n - 1) + N3(n - 1);
            public static int N3(int n) => n <= 0 ? 0 : Late(n) + N2(n - 1) + A(n);
            public static int Late(int n) => Leaf(n) - 1; // Leaf is closed by the time the walk reads Late

            public static int Self(int n) => n <= 0 ? 0 : Self(n - 1) + 1;

            // Each reaches itself again only through an accessor, a constructor or an operator.
            public static int ViaGetter(int n) => n <= 0 ? 0 : new G().Twice;
            public int Twice => ViaGetter(3) * 2;
            public static int ViaConstructor(int n) => n <= 0 ? 0 : new G(n)._v;
            public static int ViaOperator(int n) => n <= 0 ? 0 : (new V { X = n } + new V { X = 1 }).X;

            // The setter calls Reads, which reads the property (its getter): the graph has the setter too, the analysis does not.
            private int _p;
            public int P { get => _p; set => _p = Reads(value); }
            public int Reads(int n) => n + P;
            public void Sets(int n) { P = n; }
        }

        // Q1 and Q2 call each other; Q2 calls S, which reads H.R. The walk takes R's setter too, which calls Q1: one
        // component of four, where the analysis meets the cycle Q1-Q2 and two methods on none (S before it, the
        // setter after it).
        public static class Q
        {
            public static int Q1(int n) => n <= 0 ? 0 : Q2(n - 1) + 1;
            public static int Q2(int n) => n <= 0 ? 1 : Q1(n - 1) + S(n);
            public static int S(int n) => new H().R + n;
            public static void SetsR(int n) { new H().R = n; }
        }

        public class H
        {
            private int _r;
            public int R { get => _r; set => _r = Q.Q1(value); }
        }

        public struct V
        {
            public int X;
            public static V operator +(V a, V b) => new V { X = G.ViaOperator(a.X - 1) + b.X };
        }
        """;

    // Shared with CallGraphReviewTests, which compiles sources of its own.
    internal static readonly ExtractionOptions Options =
        ExtractionOptions.Default with { ReuseAcrossCompilations = false, DefaultResolution = 0, BottomUpSummaries = true };

    private static Compilation Compile() => Compile(Source);

    internal static Compilation Compile(string source)
    {
        Compilation compilation = TestCompilation.Create(new[] { Extraction.Usings + source });
        TestCompilation.AssertNoErrors(compilation);
        return compilation;
    }

    internal static IMethodSymbol Method(Compilation compilation, string type, string name) =>
        compilation.GetTypeByMetadataName(type)!.GetMembers(name).OfType<IMethodSymbol>().Single();

    /// <summary>The names of the methods on <paramref name="name"/>'s cycle, sorted and space-separated ("" when on none).</summary>
    internal static string Cycle(Compilation compilation, string name, string type = "G") =>
        string.Join(" ", new CallGraph(compilation, skipNullableAnalysis: true).CycleOf(Method(compilation, type, name), CancellationToken.None)
            .Select(m => m.Name).OrderBy(n => n, StringComparer.Ordinal));

    [Theory]
    [InlineData("A", "A B")]
    [InlineData("B", "A B")]
    [InlineData("T2", "T1 T2 T3")]
    [InlineData("N3", "N1 N2 N3")]
    [InlineData("N1", "N1 N2 N3")]
    public void The_walk_finds_the_members_of_a_cycle(string entry, string members) =>
        Assert.Equal(members, Cycle(Compile(), entry));

    [Fact]
    public void Components_kept_from_one_walk_are_the_same_from_another_entry()
    {
        Compilation compilation = Compile();
        var graph = new CallGraph(compilation, skipNullableAnalysis: true);
        // N3 first: the walk closes A's cycle inside N's, and keeps both.
        Assert.Equal(3, graph.CycleOf(Method(compilation, "G", "N3"), CancellationToken.None).Count);
        int known = graph.MethodsKnown;

        IReadOnlyList<IMethodSymbol> ab = graph.CycleOf(Method(compilation, "G", "B"), CancellationToken.None);
        Assert.Equal(["A", "B"], ab.Select(m => m.Name));
        Assert.Equal(known, graph.MethodsKnown);
    }

    [Theory]
    [InlineData("Leaf")]
    [InlineData("CallsIn")]
    [InlineData("Self")]
    public void A_method_on_no_cycle_has_none(string method) =>
        Assert.Equal("", Cycle(Compile(), method));

    [Theory]
    [InlineData("ViaGetter", "G", "ViaGetter get_Twice")]
    [InlineData("ViaConstructor", "G", ".ctor ViaConstructor")]
    [InlineData("op_Addition", "V", "ViaOperator op_Addition")]
    public void A_member_reached_through_an_accessor_a_constructor_or_an_operator_is_found(string entry, string type, string members)
    {
        Compilation compilation = Compile();
        IMethodSymbol method = compilation.GetTypeByMetadataName(type)!.GetMembers(entry).OfType<IMethodSymbol>()
            .First(m => m.MethodKind != MethodKind.Constructor || m.Parameters.Length == 1);

        string found = string.Join(" ", new CallGraph(compilation, skipNullableAnalysis: true).CycleOf(method, CancellationToken.None)
            .Select(m => m.Name).OrderBy(n => n, StringComparer.Ordinal));

        Assert.Equal(members, found);
    }

    [Fact]
    public void A_walk_cancelled_in_the_middle_keeps_nothing()
    {
        Compilation compilation = Compile();
        var graph = new CallGraph(compilation, skipNullableAnalysis: true);
        using var cancellation = new CancellationTokenSource();
        var read = new List<string>();
        CallGraph.WalkingForTesting = method =>
        {
            if (SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, compilation.Assembly))
            {
                read.Add(method.Name);
                if (method.Name == "Late")
                {
                    // Leaf and A's cycle are closed by now, N's is not.
                    cancellation.Cancel();
                }
            }
        };
        try
        {
            Assert.ThrowsAny<OperationCanceledException>(() => graph.CycleOf(Method(compilation, "G", "N1"), cancellation.Token));
        }
        finally
        {
            CallGraph.WalkingForTesting = null;
        }

        Assert.Equal(["N1", "N2", "N3", "A", "B", "Leaf", "Late"], read);
        Assert.Equal(0, graph.MethodsKnown);
        Assert.Equal(["N1", "N2", "N3"], graph.CycleOf(Method(compilation, "G", "N1"), CancellationToken.None).Select(m => m.Name));
        Assert.Equal(["A", "B"], graph.CycleOf(Method(compilation, "G", "A"), CancellationToken.None).Select(m => m.Name));
    }

    [Theory]
    [InlineData("SetsR S Q1 Q2")]
    [InlineData("Q2 Q1 S SetsR")]
    [InlineData("S SetsR Q2 Q1")]
    public void The_walk_s_component_is_split_into_the_cycles_the_analysis_meets(string methods)
    {
        Compilation compilation = Compile();
        Assert.Equal("Q1 Q2 S set_R", string.Join(" ", new CallGraph(compilation, skipNullableAnalysis: true)
            .CycleOf(Method(compilation, "Q", "S"), CancellationToken.None).Select(m => m.Name).OrderBy(n => n, StringComparer.Ordinal)));
        Dictionary<string, InterfaceModel> models = methods.Split(' ').ToDictionary(
            m => m, m => InterfaceExtractor.Extract(Method(compilation, "Q", m), compilation, Options, CancellationToken.None));

        Compilation alone = Compile();
        foreach (var (name, model) in models)
        {
            InterfaceModel fresh = InterfaceExtractor.Extract(Method(alone, "Q", name), alone, Options with { ReuseCalleeSummaries = false }, CancellationToken.None);
            Assert.True(fresh.Equals(model), $"{name} after {methods}:\n{model.Dump()}\n---\n{fresh.Dump()}");
        }

        Assert.Contains(models["Q1"].Gaps, g => g.Construct == "recursion in Q1");
        Assert.Contains(models["Q2"].Gaps, g => g.Construct == "recursion in Q2");
        Assert.DoesNotContain(models["S"].Gaps, g => g.Kind == GapKind.Recursion);
        // Q1 takes Q2's invocation, which takes S's summary: S's allocation (new H()) is priced in Q1.
        Assert.Contains(models["Q1"].Pieces.SelectMany(p => p.Terms), t => t.Block.CountOf(OperationClass.Allocation) > 0);
        // The setter takes Q1's summary (its recursion gaps come with it) and is not itself recursive.
        Assert.Contains(models["SetsR"].Gaps, g => g.Construct == "recursion in Q1");
        Assert.DoesNotContain(models["SetsR"].Gaps, g => g.Construct == "recursion in set_R");
    }

    [Theory]
    [InlineData("Sets", "Reads")]
    [InlineData("Reads", "Sets")]
    public void A_call_the_walk_sees_and_the_analysis_does_not_follow_makes_no_cycle(string first, string second)
    {
        // The walk puts P's setter and Reads on one cycle (Reads reads P, and the walk takes both accessors);
        // the analysis of Reads calls only the getter. The setter takes Reads once: no recursion, no recursionDepth.
        Compilation compilation = Compile();
        Assert.Equal("Reads set_P", Cycle(compilation, "Reads"));
        InterfaceModel one = InterfaceExtractor.Extract(Method(compilation, "G", first), compilation, Options, CancellationToken.None);
        InterfaceModel two = InterfaceExtractor.Extract(Method(compilation, "G", second), compilation, Options, CancellationToken.None);
        InterfaceModel sets = first == "Sets" ? one : two;

        Assert.DoesNotContain(one.Gaps.Concat(two.Gaps), g => g.Kind == GapKind.Recursion);
        Assert.DoesNotContain(sets.Quantities, q => q.Name.Contains("recursion", StringComparison.OrdinalIgnoreCase));
        Compilation alone = Compile();
        Assert.True(sets.Equals(InterfaceExtractor.Extract(Method(alone, "G", "Sets"), alone, Options with { ReuseCalleeSummaries = false }, CancellationToken.None)));
    }
}
