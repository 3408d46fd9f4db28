using System.Linq;
using Pix.Extraction;
using Pix.Model;

namespace Pix.Extractor.Tests;

public sealed class BranchTests
{
    private static readonly ExtractionOptions NoMerging = ExtractionOptions.Default with { DefaultResolution = 0 };

    [Fact]
    public void Branch_on_a_parameter_gives_guarded_pieces_that_select_the_right_cost()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(int[] data, int n) {
            if (n > 16) { int s = 0; for (int i = 0; i < data.Length; i++) s += data[i]; return s; }
            return data[0];
        } }", options: NoMerging);
        Assert.Equal(2, model.Pieces.Count);
        Assert.Empty(model.Gaps);
        double big = model.Ns(("n", 17), ("data.Length", 1000));
        double small = model.Ns(("n", 16), ("data.Length", 1000));
        Assert.True(big > 10 * small, $"{big} vs {small}");
        Assert.Equal(small, model.Ns(("n", 0), ("data.Length", 5)), 9);
    }

    [Fact]
    public void Bool_parameter_and_null_check_are_flags()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(int[] data, bool fast) {
            if (data == null) return 0;
            if (fast) return data.Length;
            int s = 0; for (int i = 0; i < data.Length; i++) s += data[i]; return s;
        } }", options: NoMerging);
        Assert.Contains(model.Quantities, q => q.Name == "fast" && q.Kind == QuantityKind.Flag && q.Expression == "(fast ? 1 : 0)");
        Assert.Contains(model.Quantities, q => q.Kind == QuantityKind.Flag && q.Expression == "(data is null ? 1 : 0)");
        Assert.Equal(3, model.Pieces.Count);
        double slow = model.Ns(("data is null", 0), ("fast", 0), ("data.Length", 100));
        double fast = model.Ns(("data is null", 0), ("fast", 1), ("data.Length", 100));
        double none = model.Ns(("data is null", 1), ("fast", 0), ("data.Length", 100));
        Assert.True(slow > fast && fast > none);
    }

    [Fact]
    public void Length_zero_check_is_a_guard()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static long M(long[] a) {
            if (a.Length == 0) return 0;
            long s = 0; for (int i = 0; i < a.Length; i++) s += a[i] * a[i]; return s;
        } }", options: NoMerging);
        Assert.Equal("a.Length == 0", model.Pieces[0].When.ToString());
    }

    [Fact]
    public void Data_dependent_branch_keeps_the_costlier_arm_with_a_gap()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(int[] a, int n) {
            int s = 0;
            if (a[0] > 3) { for (int i = 0; i < n; i++) s += i; } else { s = 1; }
            return s;
        } }");
        Assert.Single(model.Pieces);
        Assert.Contains(model.Gaps, g => g.Kind == GapKind.DataDependentBranch);
        Assert.Contains(model.Pieces[0].Terms, t => t.Description.StartsWith("loop over n"));
    }

    [Fact]
    public void Switch_on_a_parameter_gives_one_piece_per_section()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(int mode, int n) {
            switch (mode) {
                case 0: return 0;
                case 1: case 2: { int s = 0; for (int i = 0; i < n; i++) s += i; return s; }
                default: { int s = 0; for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) s += j; return s; }
            }
        } }", options: NoMerging);
        Assert.Equal(3, model.Pieces.Count);
        double m0 = model.Ns(("mode", 0), ("n", 50));
        double m2 = model.Ns(("mode", 2), ("n", 50));
        double m9 = model.Ns(("mode", 9), ("n", 50));
        Assert.True(m0 < m2 && m2 < m9);
    }

    [Fact]
    public void Conditional_expression_and_switch_expression_on_inputs_fork()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(string s, int mode) =>
            mode switch { 0 => s.Length, 1 => s.GetHashCode(), _ => mode > 5 ? 1 : -1 }; }", options: NoMerging);
        Assert.Equal(4, model.Pieces.Count);
        Assert.Empty(model.Gaps);
    }

    [Fact]
    public void Short_circuit_conditions_count_the_worst_case()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static bool M(int[] a, int x) => a[0] == x && a[1] == x && a[2] == x; }");
        BlockSummary block = model.Pieces.Single().Terms.Single().Block;
        Assert.Equal(3, block.CountOf(OperationClass.BoundsCheck));
    }

    [Fact]
    public void Too_many_pieces_fall_back_to_the_costliest_path_with_a_gap()
    {
        string ifs = string.Concat(Enumerable.Range(0, 8).Select(i => $"if (n > {i}) s += n * {i + 2};"));
        InterfaceModel model = Extraction.Extract($"static class C {{ public static int M(int n) {{ int s = 0; {ifs} return s; }} }}",
            options: NoMerging with { MaxPieces = 8 });
        Assert.True(model.Pieces.Count <= 8);
        Assert.Contains(model.Gaps, g => g.Kind == GapKind.BudgetExceeded);
    }
}

public sealed class InputTests
{
    [Fact]
    public void Enum_switch_guards_on_the_numeric_value()
    {
        InterfaceModel model = Extraction.Extract(@"enum Mode { Fast, Slow }
            static class C { public static int M(Mode mode, int n) {
                switch (mode) { case Mode.Fast: return n; default: { int s = 0; for (int i = 0; i < n; i++) s += i; return s; } } } }",
            options: ExtractionOptions.Default with { DefaultResolution = 0 });
        Quantity mode = model.Quantities.Single(q => q.Name == "mode");
        Assert.Equal("(long)mode", mode.Expression);
        Assert.Equal("mode == 0", model.Pieces[0].When.ToString());
    }

    [Fact]
    public void Another_types_private_state_is_not_an_input()
    {
        InterfaceModel model = Extraction.Extract(@"
            sealed class Table { private int _size = 4; private int[] _slots = new int[4]; public int Sum() { int s = 0; for (int i = 0; i < _size; i++) s += _slots[i]; return s; } }
            sealed class C { private readonly Table _table = new Table(); public int M() => _table.Sum(); }");
        Assert.DoesNotContain(model.Quantities, q => q.Kind != QuantityKind.Pcv);
        Quantity pcv = Assert.Single(model.Pcvs);
        Assert.Contains(model.Gaps, g => g.Construct == "argument of Sum");
        Assert.DoesNotContain(model.Gaps, g => g.Kind == GapKind.UnboundedLoop);
        Assert.Null(pcv.Expression);
    }

    [Fact]
    public void Own_private_state_is_an_input()
    {
        InterfaceModel model = Extraction.Extract(@"
            sealed class C { private int _size = 4; private int[] _slots = new int[4];
                public int M() => Sum();
                int Sum() { int s = 0; for (int i = 0; i < _size; i++) s += _slots[i]; return s; } }");
        Assert.Equal("_size", Assert.Single(model.Quantities).Name);
        Assert.Empty(model.Gaps);
    }

    [Fact]
    public void Record_constructors_and_equality_are_modelled_without_gaps()
    {
        InterfaceModel model = Extraction.Extract(@"
            readonly record struct Key(int A, int B, long C);
            static class C { public static bool M(int a, int b) => new Key(a, b, 3) == new Key(b, a, 3); }");
        Assert.Empty(model.Gaps);
        Assert.True(model.Pieces.Single().Terms.Sum(t => t.Block.CountOf(OperationClass.Store)) >= 6);
    }
}
