using System.Linq;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// Where the extractor expects mispredicted branches (<see cref="OperationClass.BranchMiss"/>, the two
/// rules of MethodAnalyzer.Mispredictions.cs): half a miss per test of a moving bit of data, one per
/// execution of a loop whose trip count data decide, and nothing for the branches a predictor learns.
/// </summary>
public sealed class BranchMissTests
{
    /// <summary>Expected misses per call of <c>C.M</c> (every piece's terms, each count at <paramref name="atoms"/> for its symbols).</summary>
    private static double Misses(string members, double atoms = 10) =>
        Misses(Extraction.Extract($"class C {{ {members} }}"), atoms);

    private static Term TermStarting(InterfaceModel model, string text) =>
        model.Pieces.Last().Terms.Single(t => t.Description.StartsWith(text, System.StringComparison.Ordinal));

    /// <summary>Expected misses of either kind: of a branch (<see cref="OperationClass.BranchMiss"/>) and of a loop's exit (<see cref="OperationClass.LoopExitMiss"/>).</summary>
    private static double Misses(InterfaceModel model, double atoms) =>
        model.Pieces.Last().Terms.Sum(t => ModelEvaluator.Evaluate(t.Count, _ => atoms) * (t.Block.CountOf(OperationClass.BranchMiss) + t.Block.CountOf(OperationClass.LoopExitMiss)));

    private static double LoopBodyMisses(string body, string parameters = "int[] a, uint key") =>
        TermStarting(
            Extraction.Extract($@"class C {{
                public int M({parameters}) {{
                    int found = 0;
                    for (int i = 0; i < a.Length; i++) {{ {body} }}
                    return found; }} }}"),
            "loop over").Block.CountOf(OperationClass.BranchMiss);

    [Fact]
    public void The_tries_child_pick_misses_half_the_time_and_its_walk_once_at_the_end()
    {
        // PrefixTrie.Lookup's shape: a bit of the address at the walk's depth picks the child.
        InterfaceModel model = Extraction.Extract(@"class C {
            private int[] _zero = new int[1], _one = new int[1];
            public int M(uint address) {
                int node = 0, depth = 0;
                while (true) {
                    PixHint.LoopBound(33);
                    if (depth == 32) return node;
                    node = ((address >> (31 - depth)) & 1) != 0 ? _one[node] : _zero[node];
                    if (node == 0) return depth;
                    depth++;
                } } }");

        Assert.Equal(0.5, TermStarting(model, "loop over").Block.CountOf(OperationClass.BranchMiss));
        Assert.Equal(0, TermStarting(model, "straight-line").Block.CountOf(OperationClass.BranchMiss));
        Assert.Equal(1, TermStarting(model, "mispredicted exit").Block.CountOf(OperationClass.LoopExitMiss));

        // Seven levels: 3.5 child picks and the exit.
        Assert.Equal(4.5, Misses(model, atoms: 7));
    }

    [Theory]
    [InlineData("if (((key >> i) & 1) != 0) found += a[i];")]
    [InlineData("if ((key & (1u << i)) == 0) found += a[i];")]
    [InlineData("if (1 == (1 & (key >> i))) found += a[i];")]
    public void A_test_of_a_moving_bit_is_a_coin_flip(string statement)
    {
        Assert.Equal(0.5, LoopBodyMisses(statement));
    }

    [Theory]
    [InlineData("if ((key & 4) != 0) found += a[i];", "a flag at a fixed position follows its bias")]
    [InlineData("if (a[i] == key) found++;", "an equality test is mostly false")]
    [InlineData("if (a[i] > 0 && a[i] < 100 && (a[i] & 1) == 0) found++;", "a && chain on elements: the firewall's rule scan")]
    [InlineData("found = ((key >> i) & 1) != 0 ? i : found;", "arms of plain values: a conditional move")]
    [InlineData("found += ((key >> i) & 1) != 0 ? 1 : 0;", "constant arms: a conditional move")]
    public void Branches_a_predictor_learns_miss_nothing(string statement, string why)
    {
        Assert.True(LoopBodyMisses(statement) == 0, why);
    }

    [Fact]
    public void A_counted_loop_exits_without_a_miss()
    {
        Assert.Equal(0, Misses("public int M(int[] a) { int s = 0; for (int i = 0; i < a.Length; i++) s += a[i]; return s; }"));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)] // stops at its first element every time: learnt
    [InlineData(2, 1)]
    [InlineData(128, 1)]
    public void An_early_exit_on_data_misses_once_per_call_from_the_second_iteration(double matchIndex, double misses)
    {
        InterfaceModel model = Extraction.Extract(@"class C {
            public int M(int[] a, int key) { for (int i = 0; i < a.Length; i++) { if (a[i] == key) return i; } return -1; } }");

        Assert.Equal(0, TermStarting(model, "loop over").Block.CountOf(OperationClass.BranchMiss));
        Assert.Equal(0, TermStarting(model, "straight-line").Block.CountOf(OperationClass.BranchMiss));
        Assert.Equal(misses, Misses(model, matchIndex));
    }

    [Theory]
    [InlineData(128, 1)]
    [InlineData(129, 2)]
    [InlineData(300, 2)]
    [InlineData(65536, 2)]
    public void An_early_exit_past_128_iterations_costs_a_second_exit(double matchIndex, double misses)
    {
        // bench/Pix.IndexOfStep (docs/accuracy.md, twenty-seventh session, index27): the Quickstart's IndexOf pays
        // ~10-13 ns more per call from 160 items on than at 16-128, on top of the exit miss, whatever the match.
        InterfaceModel model = Extraction.Extract(@"class C {
            public int M(int[] a, int key) { for (int i = 0; i < a.Length; i++) { if (a[i] == key) return i; } return -1; } }");

        Assert.Equal(misses, Misses(model, matchIndex));
        Term longExit = TermStarting(model, "exit past 128 iterations");
        Assert.Equal(1, longExit.Block.CountOf(OperationClass.LoopExitMiss));
        Assert.Equal(misses - 1, ModelEvaluator.Evaluate(longExit.Count, _ => matchIndex));
    }

    [Fact]
    public void A_window_of_a_constant_bound_up_to_128_has_no_long_loop_exit()
    {
        InterfaceModel model = Extraction.Extract(@"class C {
            public int M(int[] a, int key) { for (int i = 0; i < 8; i++) { if (a[i] == key) return i; } return -1; } }");

        Assert.DoesNotContain(model.Pieces.Last().Terms, t => t.Description.StartsWith("exit past", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_while_loop_on_data_misses_once_per_call()
    {
        Assert.Equal(1, Misses(@"private int[] _next = new int[8];
            public int M(int index) { int n = 0; while (index != -1) { PixHint.Pcv(""chainLength""); index = _next[index]; n++; } return n; }"));
    }

    [Fact]
    public void A_binary_search_exits_without_a_miss()
    {
        // ⌊log2 n⌋ + 1 halvings for every key but the rare early hit: the same count every time.
        Assert.Equal(0, Misses(@"public int M(int[] a, int key) {
            int lo = 0, hi = a.Length - 1;
            while (lo <= hi) {
                int mid = lo + ((hi - lo) >> 1);
                if (a[mid] == key) return mid;
                if (a[mid] < key) lo = mid + 1; else hi = mid - 1;
            }
            return -1; }", atoms: 1000));
    }

    [Fact]
    public void A_goto_to_a_label_inside_the_loop_does_not_leave_it()
    {
        Assert.Equal(0, Misses(@"public int M(int[] a) { int s = 0;
            for (int i = 0; i < a.Length; i++) { if (a[i] < 0) goto next; s += a[i]; next: s ^= 1; } return s; }"));
    }

    [Fact]
    public void An_early_return_from_an_inner_loop_is_one_miss_not_one_per_enclosing_loop()
    {
        // The return leaves both loops through one mispredicted branch: only the inner search pays it (and, past 128
        // iterations, the second exit of a long loop: the inner loop's too).
        InterfaceModel model = Extraction.Extract(@"class C {
            public int M(int[] a, int[] b) {
                for (int i = 0; i < a.Length; i++) { for (int j = 0; j < b.Length; j++) { if (a[i] == b[j]) return i; } }
                return -1; } }");
        Assert.Single(model.Pieces.Last().Terms, t => t.Block.CountOf(OperationClass.LoopExitMiss) > 0 && t.Description.StartsWith("mispredicted exit", System.StringComparison.Ordinal));
        Assert.Single(model.Pieces.Last().Terms, t => t.Block.CountOf(OperationClass.LoopExitMiss) > 0 && t.Description.StartsWith("exit past", System.StringComparison.Ordinal));
        Assert.Equal(2, model.Pieces.Last().Terms.Count(t => t.Block.CountOf(OperationClass.LoopExitMiss) > 0));
    }

    [Fact]
    public void A_partial_method_counts_its_loop_over_its_arguments()
    {
        // The call binds to the declaration part; the body refers to the implementation part's parameters.
        InterfaceModel model = Extraction.Extract(@"partial class C {
            public int M(int n) => Work(n);
            private partial int Work(int k);
            private partial int Work(int k) { int s = 0; for (int i = 0; i < k; i++) s += i; return s; } }");
        Assert.Equal(0, Misses(model, 100));
        Assert.Equal(100.0, ModelEvaluator.Evaluate(model.TermAbout("in Work").Count, _ => 100));
    }

    [Fact]
    public void A_loop_that_only_throws_early_misses_nothing()
    {
        Assert.Equal(0, Misses(@"public int M(int[] a) { int s = 0;
            for (int i = 0; i < a.Length; i++) { if (a[i] < 0) throw new ArgumentException(""negative""); s += a[i]; } return s; }"));
    }

    [Fact]
    public void An_inner_search_misses_once_per_outer_iteration()
    {
        InterfaceModel model = Extraction.Extract(@"class C {
            public int M(int[][] rows, int key) { int hits = 0;
                for (int r = 0; r < rows.Length; r++) {
                    int[] row = rows[r];
                    for (int i = 0; i < row.Length; i++) { if (row[i] == key) { hits++; break; } }
                }
                return hits; } }");

        // The inner loop's exit, once per outer iteration: rows.Length misses per call.
        Term exit = TermStarting(model, "mispredicted exit");
        Assert.Equal(10, ModelEvaluator.Evaluate(exit.Count, name => name == "rows.Length" ? 10 : 5));
        Assert.Equal(10, Misses(model, atoms: 10));
    }

    [Fact]
    public void A_mispredicted_exit_is_a_loop_exit_miss_priced_at_the_profiles_exit_cost_not_a_branch_miss()
    {
        // A search's exit resolves only when its item's load arrives, after the core ran ahead through later iterations:
        // calibrated on its own (LoopExitKernels), 7–8.5 ns on the twenty-third session's Zen 5 against 5.2–5.4 for a miss.
        InterfaceModel model = Extraction.Extract(@"class C {
            public int M(int[] a, int key) { for (int i = 0; i < a.Length; i++) { if (a[i] == key) return i; } return -1; } }");
        HardwareProfile zen5 = HardwareProfile.Reference
            .With(OperationClass.BranchMiss, new OperationCost(5.3, 5.3))
            .With(OperationClass.LoopExitMiss, new OperationCost(7.8, 7.8));

        BlockSummary exit = TermStarting(model, "mispredicted exit").Block;
        Assert.Equal(1, exit.CountOf(OperationClass.LoopExitMiss));
        Assert.Equal(0, exit.CountOf(OperationClass.BranchMiss));
        Assert.Equal(7.8, exit.Price(zen5), 12);
    }

    [Fact]
    public void A_mispredicted_exit_prices_as_one_refill_on_the_reference_profile()
    {
        InterfaceModel model = Extraction.Extract(@"class C {
            public int M(int[] a, int key) { for (int i = 0; i < a.Length; i++) { if (a[i] == key) return i; } return -1; } }");

        Assert.Equal(5.5, TermStarting(model, "mispredicted exit").Block.Price(HardwareProfile.Reference), 12);
        Assert.Equal(5.5, model.Ns(("a.Length", 1000), ("matchIndex", 100)) - model.Ns(("a.Length", 1000), ("matchIndex", 1)) - (99 * TermStarting(model, "loop over").Block.Price(HardwareProfile.Reference)), 9);

        // Past 128 iterations, a second refill.
        Assert.Equal(11.0, model.Ns(("a.Length", 1000), ("matchIndex", 300)) - model.Ns(("a.Length", 1000), ("matchIndex", 1)) - (299 * TermStarting(model, "loop over").Block.Price(HardwareProfile.Reference)), 9);
    }
}
