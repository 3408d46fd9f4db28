using System.Linq;
using Pix.Model;

namespace Pix.Extractor.Tests;

public sealed class CallTests
{
    [Fact]
    public void Calling_two_methods_costs_the_sum_of_their_interfaces()
    {
        const string source = @"static class C {
            public static long M(int[] a, int n) { return Sum(a) + Count(n); }
            [PerformanceInterface] public static long Sum(int[] a) { long s = 0; for (int i = 0; i < a.Length; i++) s += a[i]; return s; }
            [PerformanceInterface] public static long Count(int n) { long s = 0; for (int i = 0; i < n; i++) s += i * i; return s; } }";
        InterfaceModel caller = Extraction.Extract(source);
        InterfaceModel sum = Extraction.Extract(source, "Sum");
        InterfaceModel count = Extraction.Extract(source, "Count");
        Assert.Empty(caller.Gaps);
        foreach (int size in new[] { 0, 7, 1000 })
        {
            double callees = sum.Ns(("a.Length", size)) + count.Ns(("n", size));
            double total = caller.Ns(("a.Length", size), ("n", size));
            // The caller adds only its own few operations (two calls and an add).
            Assert.InRange(total - callees, 0, 10);
        }

        Assert.Equal(
            sum.Ns(("a.Length", 1000)) - sum.Ns(("a.Length", 0)),
            caller.Ns(("a.Length", 1000), ("n", 0)) - caller.Ns(("a.Length", 0), ("n", 0)),
            9);
    }

    [Fact]
    public void Callee_quantities_are_substituted_by_arguments()
    {
        InterfaceModel model = Extraction.Extract(@"static class C {
            public static int M(int[] data) => Work(data.Length * 2) + Scan(data);
            static int Work(int k) { int s = 0; for (int i = 0; i < k; i++) s ^= i; return s; }
            static int Scan(int[] xs) { int s = 0; foreach (int x in xs) s += x; return s; } }");
        Assert.Equal(new[] { "data.Length" }, model.Quantities.Select(q => q.Name));
        Term work = model.TermAbout("in Work");
        Assert.Equal(200.0, ModelEvaluator.Evaluate(work.Count, _ => 100));
        Term scan = model.TermAbout("in Scan");
        Assert.Equal(100.0, ModelEvaluator.Evaluate(scan.Count, _ => 100));
    }

    [Fact]
    public void Callee_pcvs_become_caller_pcvs_renamed_to_stay_unique()
    {
        InterfaceModel model = Extraction.Extract(@"static class C {
            public static bool M(byte[] a, byte[] b, byte[] c) => Same(a, b) && Same(a, c);
            static bool Same(byte[] x, byte[] y) { for (int i = 0; i < x.Length; i++) if (x[i] != y[i]) return false; return true; } }");
        Assert.Equal(new[] { "mismatchIndex", "mismatchIndex_2" }, model.Pcvs.Select(q => q.Name));
        Assert.All(model.Pcvs, q => Assert.Equal(Expr.Symbol("a.Length"), q.Bound));
    }

    [Fact]
    public void Callee_guards_are_expressed_in_caller_inputs()
    {
        InterfaceModel model = Extraction.Extract(@"static class C {
            public static int M(int n, bool flag) => Pick(n + 1, flag);
            static int Pick(int k, bool slow) { if (!slow) return k; int s = 0; for (int i = 0; i < k; i++) s += i; return s; } }",
            options: Pix.Extraction.ExtractionOptions.Default with { DefaultResolution = 0 });
        Assert.Equal(2, model.Pieces.Count);
        Assert.Contains("flag", model.Pieces[0].When.ToString());
        Assert.True(model.Ns(("n", 100), ("flag", 1)) > 10 * model.Ns(("n", 100), ("flag", 0)));
    }

    [Fact]
    public void Small_leaf_methods_are_inlined_into_the_caller_block_and_chain()
    {
        InterfaceModel model = Extraction.Extract(@"static class C {
            public static uint M(byte[] data) { uint h = 2166136261; for (int i = 0; i < data.Length; i++) h = Mix(h, data[i]); return h; }
            static uint Mix(uint h, byte b) => (h ^ b) * 16777619; }");
        Term loop = model.TermAbout("loop over data.Length");
        Assert.Equal(0, loop.Block.CountOf(OperationClass.Call));
        Assert.Equal(1, loop.Block.CountOf(OperationClass.IntegerMultiply));
    }

    [Fact]
    public void Recursion_becomes_a_depth_pcv_and_a_gap()
    {
        InterfaceModel model = Extraction.Extract(@"static class C {
            public static int M(int n) => n <= 1 ? 1 : n * M(n - 1); }");
        Quantity depth = Assert.Single(model.Pcvs);
        Assert.Equal("recursionDepth", depth.Name);
        Assert.Contains(model.Gaps, g => g.Kind == GapKind.Recursion);
        Assert.Equal(2 * model.Ns(("n", 5), ("recursionDepth", 10)), model.Ns(("n", 5), ("recursionDepth", 20)), 9);
    }

    [Fact]
    public void Calls_deeper_than_the_limit_become_opaque_with_a_gap()
    {
        InterfaceModel model = Extraction.Extract(@"static class C {
            public static int M(int n) => A(n);
            static int A(int n) => B(n) + 1;
            static int B(int n) => D(n) + 1;
            static int D(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; } }",
            options: Pix.Extraction.ExtractionOptions.Default with { MaxCallDepth = 2 });
        Assert.Contains(model.Gaps, g => g.Kind == GapKind.BudgetExceeded && g.Construct.Contains("D("));
    }

    [Fact]
    public void Unknown_external_calls_are_named_opaque_terms_with_a_gap()
    {
        InterfaceModel model = Extraction.Extract(@"static class C {
            public static string M(string path) => System.IO.File.ReadAllText(path); }");
        OpaqueCall call = Assert.Single(model.Pieces.Single().Terms.Single().Block.Opaque);
        Assert.Equal("File.ReadAllText(string)", call.Name);
        Gap gap = Assert.Single(model.Gaps);
        Assert.Equal(GapKind.OpaqueCall, gap.Kind);
        Assert.Equal(3, gap.Where.Line);
    }
}

public sealed class RecursionRegressionTests
{
    [Fact]
    public void Recursive_expression_bodied_method_extracts()
    {
        // Reported from the analyzers: this used to throw "collection was modified".
        InterfaceModel model = Extraction.Extract(@"static class C {
            [PerformanceInterface]
            public static int M(int[] parent, int i) => i < 0 ? 0 : 1 + M(parent, parent[i]); }");
        Assert.Contains(model.Gaps, g => g.Kind == GapKind.Recursion);
        Assert.Equal("recursionDepth", Assert.Single(model.Pcvs).Name);
    }

    [Fact]
    public void State_private_to_a_callees_type_never_becomes_an_input_of_the_caller()
    {
        // LatencyOf_M lives in C: it cannot read Table._slots, Table._freeHead or Table.Used, at any depth.
        InterfaceModel model = Extraction.Extract(@"
            sealed class Table {
                private readonly int[] _slots = new int[64];
                private int _freeHead;
                private int Used { get; set; }
                public void Populate() { _slots.AsSpan().Fill(-1); for (int i = 0; i < _slots.Length; i++) _slots[i] = i; }
                public int Take() { if (_freeHead == -1) { Used++; return -1; } int s = _freeHead; _freeHead = _slots[s]; return s; }
                public int Scan() { int n = 0; for (int i = 0; i < Used; i++) n += _slots[i]; return n; }
            }
            sealed class Holder { private readonly Table _table = new Table(); public int Refresh() { _table.Populate(); return _table.Scan(); } }
            static class C {
                public static int M(Table table, Holder holder) { table.Populate(); return table.Take() + table.Scan() + holder.Refresh(); } }");

        string[] privateNames = { "_slots", "_freeHead", "Used", "_table" };
        foreach (Quantity input in model.Quantities.Where(q => !q.IsPcv))
        {
            Assert.DoesNotContain(privateNames, name => input.Name.Contains(name) || (input.Expression?.Contains(name) ?? false));
        }

        string guards = string.Join(" ", model.Pieces.Select(p => p.When.ToString()));
        Assert.DoesNotContain(privateNames, name => guards.Contains(name));
        Assert.NotEmpty(model.Pcvs); // the sizes over private state are PCVs (with a gap each)
    }
}
