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
/// Constructors price what they run besides their written code (Analysis/ConstructorBody.cs): a compiler-declared
/// constructor of a source class runs its type's instance initializers, then its base class's parameterless constructor;
/// a declared one runs the initializers before its base call and body, unless it chains to a sibling with <c>this(…)</c>.
/// Each test compares with the same work written out by hand, so that it checks the price, not only completeness.
/// </summary>
[Collection(ProcessWideCacheCollection.Name)]
public sealed class ConstructorTests
{
    private static readonly ExtractionOptions Options = ExtractionOptions.Default with { DefaultResolution = 0 };

    // Implicit: two compiler-declared constructors chained (Derived() → Base() → object()). Written: the same stores.
    private const string Chain = """
        public class Base { public int[] Table = new int[64]; public int Seed = 7; }
        public class Derived : Base { public List<int> Items = new List<int>(); public string Name { get; } = "x"; }
        public class WrittenBase { public int[] Table; public int Seed; public WrittenBase() { Table = new int[64]; Seed = 7; } }
        public class Written : WrittenBase { public List<int> Items; public string Name; public Written() { Items = new List<int>(); Name = "x"; } }
        public static class C
        {
            public static object Implicit() => new Derived();
            public static object ByHand() => new Written();
        }
        """;

    [Fact]
    public void A_compiler_declared_constructor_runs_the_initializers_then_the_base_constructor()
    {
        InterfaceModel implicitly = Extraction.Extract(Chain, "Implicit", Options);
        InterfaceModel byHand = Extraction.Extract(Chain, "ByHand", Options);

        Assert.Empty(implicitly.Gaps);
        Assert.Equal(3, Allocations(implicitly)); // the object, its List, Base's array: both ran
        Assert.Equal(byHand.Pieces.Single().Terms.Single().Block, implicitly.Pieces.Single().Terms.Single().Block);
    }

    [Fact]
    public void The_bottom_up_summaries_give_the_same_model()
    {
        ExtractionOptions bottomUp = Options with { BottomUpSummaries = true };

        InterfaceModel composed = Extraction.Extract(Chain, "Implicit", bottomUp);

        Assert.Equal(3, Allocations(composed)); // both compiler-declared constructors ran there too
        Assert.Equal(Extraction.Extract(Chain, "Implicit", Options).Dump(), composed.Dump());
    }

    [Fact]
    public void A_declared_constructor_runs_the_initializers_once_even_when_chained_with_this()
    {
        const string source = """
            public class Counted
            {
                public List<int> Items = new List<int>();
                public int N;
                public Counted(int n) { N = n; }
                public Counted() : this(0) { }
            }
            public class Written { public List<int> Items; public int N; public Written(int n) { Items = new List<int>(); N = n; } }
            public static class C
            {
                public static object Declared(int n) => new Counted(n);
                public static object ByHand(int n) => new Written(n);
                public static object Chained() => new Counted();
            }
            """;

        InterfaceModel declared = Extraction.Extract(source, "Declared", Options);
        InterfaceModel byHand = Extraction.Extract(source, "ByHand", Options);

        Assert.Empty(declared.Gaps);
        Assert.Equal(2, Allocations(declared)); // the object and its List
        Assert.Equal(byHand.Pieces.Single().Terms.Single().Block, declared.Pieces.Single().Terms.Single().Block);
        Assert.Equal(2, Allocations(Extraction.Extract(source, "Chained", Options))); // not 3: Counted() runs no initializer
    }

    [Fact]
    public void A_generic_class_runs_the_initializers_of_its_definition()
    {
        const string source = """
            public class Box<T> { public List<T> Items = new List<T>(); public T[] Spare = new T[8]; }
            public static class C { public static object M() => new Box<string>(); }
            """;

        InterfaceModel model = Extraction.Extract(source, "M", Options);

        Assert.Empty(model.Gaps);
        Assert.Equal(3, Allocations(model)); // the box, its List, the array
    }

    [Fact]
    public void A_record_runs_its_initializers_and_a_struct_constructor_the_compiler_declares_runs_none()
    {
        const string source = """
            public record Settings { public List<int> Ports { get; init; } = new List<int>(); }
            public struct Slot
            {
                public List<int> Items = new List<int>();
                public Slot(int n) { }
            }
            public static class C
            {
                public static object Record() => new Settings();
                public static int Zeroed() => new Slot().Items?.Count ?? 0;
                public static int Declared(int n) => new Slot(n).Items.Count;
            }
            """;

        InterfaceModel record = Extraction.Extract(source, "Record", Options);

        Assert.Empty(record.Gaps);
        Assert.Equal(2, Allocations(record)); // the record and its List
        // new Slot() is default(Slot): no initializer runs (C# 10 structs); a declared constructor runs them.
        Assert.Equal(0, Allocations(Extraction.Extract(source, "Zeroed", Options)));
        Assert.Equal(1, Allocations(Extraction.Extract(source, "Declared", Options))); // its List
    }

    // A primary constructor's base list: `Sized(int n) : Table(n)` calls Table(n) with its own parameter; `Named(string
    // name) : Counter` calls Counter(). Written: the same work as declared constructors.
    private const string Primary = """
        public class Table { public int[] Cells; public Table(int n) { Cells = new int[n]; } }
        public class Counter { public List<int> Items; public Counter() { Items = new List<int>(); } }
        public class Sized(int n) : Table(n) { public int Rows => n; }
        public class Named(string name) : Counter { public string Name => name; }
        public class SizedByHand : Table { private int _n; public SizedByHand(int n) : base(n) { _n = n; } }
        public class NamedByHand : Counter { private string _name; public NamedByHand(string name) { _name = name; } }
        public static class C
        {
            public static object Sized(int n) => new Sized(n);
            public static object SizedByHand(int n) => new SizedByHand(n);
            public static object Named(string name) => new Named(name);
            public static object NamedByHand(string name) => new NamedByHand(name);
        }
        """;

    [Theory]
    [InlineData("Sized", "SizedByHand")]
    [InlineData("Named", "NamedByHand")]
    public void A_primary_constructor_calls_the_base_constructor_of_its_base_list(string primary, string byHand)
    {
        InterfaceModel model = Extraction.Extract(Primary, primary, Options);
        InterfaceModel written = Extraction.Extract(Primary, byHand, Options);

        Assert.Empty(model.Gaps);
        Assert.Equal(2, Allocations(model)); // the object and what the base constructor allocates
        // Table(n)'s array is n ints: the argument is the primary constructor's parameter, substituted.
        Assert.Equal(written.Ns(("n", 1000), ("name.Length", 3)), model.Ns(("n", 1000), ("name.Length", 3)), 6);
    }

    [Fact]
    public void The_call_graph_follows_a_primary_constructor_to_its_base_constructor()
    {
        // Grow → new Leaf(…) → Leaf(int) → Node(int) → Grow: a cycle only through the primary constructor's base call.
        const string source = """
            public class Node { public Node Next; public Node(int depth) { Next = Grow(depth); } public static Node Grow(int depth) => depth > 0 ? new Leaf(depth - 1) : null; }
            public class Leaf(int depth) : Node(depth) { }
            """;
        Compilation compilation = TestCompilation.Create(new[] { Extraction.Usings + source });
        var graph = new CallGraph(compilation, skipNullableAnalysis: true);
        IMethodSymbol grow = compilation.GetTypeByMetadataName("Node")!.GetMembers("Grow").OfType<IMethodSymbol>().Single();

        Assert.Equal(3, graph.CycleOf(grow, CancellationToken.None).Count); // Grow, Leaf(int), Node(int)
    }

    [Fact]
    public void An_initializer_Pix_cannot_price_is_a_gap_at_the_initializer()
    {
        const string source = """
            public class Holder { public Func<int> Make; public int Value = Environment.TickCount; }
            public static class C { public static object M() => new Holder(); }
            """;

        Gap gap = Assert.Single(Extraction.Extract(source, "M", Options).Gaps);

        Assert.Contains("Environment.TickCount", gap.Construct);
        Assert.Equal(2, gap.Where.Line); // the field's line (line 1 holds the usings)
    }

    [Fact]
    public void The_call_graph_follows_an_initializer_and_the_base_constructor()
    {
        // Grow → new Tree() → Tree() → its initializer → Grow: a cycle only through the compiler-declared constructor.
        const string source = """
            public class Tree { public Tree Left = Grow(); public static int Budget; public static Tree Grow() => Budget-- > 0 ? new Tree() : null; }
            public class Leafy : Tree { }
            """;
        Compilation compilation = TestCompilation.Create(new[] { Extraction.Usings + source });
        var graph = new CallGraph(compilation, skipNullableAnalysis: true);
        IMethodSymbol grow = compilation.GetTypeByMetadataName("Tree")!.GetMembers("Grow").OfType<IMethodSymbol>().Single();
        IMethodSymbol leafy = compilation.GetTypeByMetadataName("Leafy")!.InstanceConstructors.Single();

        Assert.Equal(2, graph.CycleOf(grow, CancellationToken.None).Count);
        Assert.Equal(2, graph.CycleOf(leafy.ContainingType.BaseType!.InstanceConstructors.Single(), CancellationToken.None).Count);
        Assert.Empty(graph.CycleOf(leafy, CancellationToken.None)); // Leafy() calls into the cycle
        Assert.True(graph.ReachesMoreThan(leafy, 2, CancellationToken.None).MoreThan); // Leafy(), Tree(), Grow
    }

    [Fact]
    public void Editing_an_initializer_extracts_the_callers_again()
    {
        static string File(int length) => Extraction.Usings + $$"""
            public class Holder { public int[] Data = new int[{{length}}]; }
            public static class Edited2 { public static object Top() => new Holder(); public static int Other(int x) => x * 2; }
            """;
        CSharpCompilation before = TestCompilation.Create(File(4));
        CSharpCompilation after = ThrowHelperDependencyTests.Replace(before, File(4000));

        InterfaceModel first = Run(before);
        (InterfaceModel model, int extracted) = ThrowHelperDependencyTests.Counting(after, "Edited2", "Top", Options);

        Assert.Equal(1, extracted);
        Assert.True(model.Ns() > first.Ns());
        Assert.Equal(Run(after, Options with { ReuseAcrossCompilations = false, ReuseCalleeSummaries = false }), model);
    }

    private static InterfaceModel Run(Compilation compilation, ExtractionOptions? options = null) =>
        InterfaceExtractor.Extract(
            compilation.GetTypeByMetadataName("Edited2")!.GetMembers("Top").OfType<IMethodSymbol>().Single(), compilation, options ?? Options, CancellationToken.None);

    private static double Allocations(InterfaceModel model) =>
        model.Pieces.Single().Terms.Sum(t => t.Block.CountOf(OperationClass.Allocation));
}
