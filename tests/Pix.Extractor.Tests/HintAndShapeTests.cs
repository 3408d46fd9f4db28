using System.Linq;
using Pix.Model;

namespace Pix.Extractor.Tests;

public sealed class HintAndShapeTests
{
    [Fact]
    public void Loop_without_a_bound_gets_an_unbounded_pcv_and_gap()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(int[] next) {
            int i = 0, steps = 0;
            while (next[i] >= 0) { i = next[i]; steps++; }
            return steps; } }");
        Quantity pcv = Assert.Single(model.Pcvs);
        Assert.Null(pcv.Bound);
        Assert.Equal("iterations", pcv.Name);
        Assert.Contains(model.Gaps, g => g.Kind == GapKind.UnboundedLoop);
    }

    [Fact]
    public void Infinite_for_with_break_is_unbounded()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(int[] a) {
            int i = 0; for (;;) { if (a[i] == 0) break; i++; } return i; } }");
        Assert.Contains(model.Gaps, g => g.Kind == GapKind.UnboundedLoop);
        Assert.Single(model.Pcvs);
    }

    [Fact]
    public void PixHint_names_the_pcv_and_LoopBound_bounds_it()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(int[] next, int n) {
            int i = 0, steps = 0;
            while (next[i] >= 0) { PixHint.Pcv(""chainLength"", ""nodes walked""); PixHint.LoopBound(n); i = next[i]; steps++; }
            return steps; } }");
        Quantity pcv = Assert.Single(model.Pcvs);
        Assert.Equal("chainLength", pcv.Name);
        Assert.Equal("nodes walked", pcv.Description);
        Assert.Equal(Expr.Symbol("n"), pcv.Bound);
        Assert.DoesNotContain(model.Gaps, g => g.Kind == GapKind.UnboundedLoop);
    }

    [Fact]
    public void A_Pcv_hint_alone_acknowledges_an_unbounded_loop()
    {
        // The user named the loop's count: no gap asks them for the hint they wrote; the PCV has no bound.
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(int[] next) {
            int i = 0, steps = 0;
            while (next[i] >= 0) { PixHint.Pcv(""chainLength"", ""nodes walked""); i = next[i]; steps++; }
            return steps; } }");
        Quantity pcv = Assert.Single(model.Pcvs);
        Assert.Equal("chainLength", pcv.Name);
        Assert.Null(pcv.Bound);
        Assert.DoesNotContain(model.Gaps, g => g.Kind == GapKind.UnboundedLoop);
    }

    [Fact]
    public void A_hinted_pcv_keeps_its_name_through_a_callee_parameter_of_that_name()
    {
        // Inside Walk the PCV must avoid Walk's parameter 'steps'; in M that parameter is gone (substituted).
        InterfaceModel model = Extraction.Extract(@"static class C {
            public static int M(int[] next) { Walk(next, out int steps); return steps; }
            static void Walk(int[] next, out int steps) {
                int i = 0; steps = 0;
                while (next[i] >= 0) { PixHint.Pcv(""steps"", ""nodes walked""); i = next[i]; steps++; } } }");
        Assert.Equal("steps", Assert.Single(model.Pcvs).Name);
    }

    [Fact]
    public void A_hinted_pcv_is_renamed_only_when_it_collides_with_a_root_parameter()
    {
        InterfaceModel model = Extraction.Extract(@"static class C {
            public static int M(int[] next, int steps) { Walk(next, out int walked); return walked + steps; }
            static void Walk(int[] next, out int steps) {
                int i = 0; steps = 0;
                while (next[i] >= 0) { PixHint.Pcv(""steps"", ""nodes walked""); i = next[i]; steps++; } } }");
        Assert.Equal("steps_2", Assert.Single(model.Pcvs).Name);
    }

    [Fact]
    public void Made_up_pcv_names_come_from_the_code_not_from_line_numbers()
    {
        const string Body = @"
            int i = 0, steps = 0;
            while (next[i] >= 0) { i = next[i]; steps++; }
            while (next[i] != 7) { i = next[i]; steps++; }
            for (int k = 0; k < next.Length; k++) { if (next[k] > 3 && next[k] < 9) return k + steps; }
            var buffer = new byte[next[0]];
            var builder = new System.Text.StringBuilder();
            builder.Append(steps);
            return builder.ToString().Length + buffer.Length;";
        string[] Names(string padding) => Extraction.Extract(
            "static class C { public static int M(int[] next) {" + padding + Body + " } }").Pcvs.Select(p => p.Name).ToArray();

        string[] names = Names(string.Empty);
        Assert.Equal(new[] { "iterations", "iterations_2", "iterationsBeforeExit", "bufferLength", "builderLength" }, names);
        Assert.Equal(names, Names("\n int unrelated = 1;\n unrelated++;\n\n"));
    }

    [Fact]
    public void LoopBound_alone_bounds_the_loop()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(int[] next, int n) {
            int i = 0, steps = 0;
            while (next[i] >= 0) { PixHint.LoopBound(n * 2); i = next[i]; steps++; }
            return steps; } }");
        Assert.Empty(model.Pcvs);
        Assert.Empty(model.Gaps);
        Assert.Contains(model.Pieces.Single().Terms, t => ModelEvaluator.Evaluate(t.Count, _ => 10) == 20);
    }

    [Theory]
    [InlineData("for (int i = 0; i < n; i++)", 10)]
    [InlineData("for (int i = 0; i <= n; i++)", 11)]
    [InlineData("for (int i = n; i > 0; i--)", 10)]
    [InlineData("for (int i = n - 1; i >= 0; i--)", 10)]
    [InlineData("for (int i = 0; i != n; i++)", 10)]
    [InlineData("for (int i = 3; i < n; i += 2)", 4)]
    [InlineData("for (int i = 1; i < n; i *= 2)", 4)]
    [InlineData("for (int i = n; i > 0; i >>= 1)", 4)]
    [InlineData("for (int i = 0; n > i; i++)", 10)]
    public void Affine_and_geometric_for_loops_have_exact_trip_counts(string header, double expected)
    {
        InterfaceModel model = Extraction.Extract($"static class C {{ public static int M(int n) {{ int s = 0; {header} s += 3; return s; }} }}");
        Term loop = model.TermAbout("loop over");
        Assert.Equal(expected, ModelEvaluator.Evaluate(loop.Count, _ => 10));
        Assert.Empty(model.Gaps);
    }

    [Fact]
    public void Negative_ranges_run_zero_times()
    {
        InterfaceModel model = Extraction.Extract("static class C { public static int M(int n) { int s = 0; for (int i = 0; i < n; i++) s += 3; return s; } }");
        Assert.Equal(0.0, ModelEvaluator.Evaluate(model.TermAbout("loop over").Count, _ => -7));
    }

    [Fact]
    public void While_counter_loop_is_bounded()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(int[] a) {
            int i = 0, s = 0; while (i < a.Length) { s += a[i]; i++; } return s; } }");
        Assert.Empty(model.Gaps);
        Assert.Equal(Expr.Symbol("a.Length"), model.TermAbout("loop over").Count);
    }

    [Fact]
    public void Search_loop_with_data_condition_gets_a_match_pcv()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(int[] a, int x) {
            int i = 0; while (i < a.Length && a[i] != x) i++; return i; } }");
        Quantity pcv = Assert.Single(model.Pcvs);
        Assert.Equal("matchIndex", pcv.Name);
        Assert.Equal(Expr.Symbol("a.Length"), pcv.Bound);
    }

    [Fact]
    public void State_bound_loops_read_this_fields()
    {
        InterfaceModel model = Extraction.Extract(@"class C { int _count; int[] _items = new int[8];
            public int M() { int s = 0; for (int i = 0; i < _count; i++) s += _items[i]; return s; } }");
        Quantity count = Assert.Single(model.Quantities);
        Assert.Equal("_count", count.Name);
        Assert.Equal(QuantityKind.State, count.Kind);
        Assert.Equal("this._count", count.Expression);
    }

    [Fact]
    public void Foreach_over_a_list_counts_the_enumerator()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(List<int> items) {
            int s = 0; foreach (int x in items) s += x; return s; } }");
        Term loop = model.TermAbout("foreach over items.Count");
        Assert.Equal(Expr.Symbol("items.Count"), loop.Count);
        Assert.True(loop.Block.CountOf(OperationClass.Load) >= 3);
        Assert.Empty(model.Gaps);
    }

    [Fact]
    public void Nested_independent_loops_multiply()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(int[] a, int[] b) {
            int s = 0; for (int i = 0; i < a.Length; i++) for (int j = 0; j < b.Length; j++) s += a[i] * b[j]; return s; } }");
        Term inner = model.Pieces.Single().Terms.Single(t => t.Description.Contains("b.Length"));
        Assert.Equal(35.0, ModelEvaluator.Evaluate(inner.Count, name => name == "a.Length" ? 5 : 7));
    }

    [Fact]
    public void Cubic_dependent_nest_uses_faulhaber()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static long M(int n) {
            long s = 0;
            for (int i = 0; i < n; i++) for (int j = 0; j < i; j++) for (int k = 0; k < j; k++) s++;
            return s; } }");
        Term innermost = model.Pieces.Single().Terms.Single(t => t.Description.Contains("k < j"));
        foreach (int n in new[] { 0, 3, 10, 50 })
        {
            Assert.Equal(n * (n - 1.0) * (n - 2) / 6, ModelEvaluator.Evaluate(innermost.Count, _ => n), 6);
        }
    }
}
