using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Extraction.Analysis;
using Pix.Model;
using Pix.Testing;

namespace Pix.Extractor.Tests;

/// <summary>
/// Search loops (MethodAnalyzer.SearchExitTests.cs, MethodAnalyzer.Mispredictions.cs): a failing
/// iteration of <c>if (a &amp;&amp; b &amp;&amp; c) return</c> runs its test up to the first comparison, the rest
/// of the test runs once, at the hit; and a loop that runs out its constant bound leaves it without a miss.
/// </summary>
public sealed class SearchLoopTests
{
    private const string Rules = @"
        private struct Rule { public uint Source, SourceMask, Destination, DestinationMask; public ushort FirstPort, LastPort; }
        private Rule[] _rules = new Rule[100];
        private int _count;";

    /// <summary>The firewall's first-match scan with <paramref name="test"/> as the rule test.</summary>
    private static InterfaceModel RuleScan(string test) => Extraction.Extract($@"class C {{ {Rules}
        public bool M(uint source, uint destination, ushort port) {{
            for (int i = 0; i < _count; i++) {{
                PixHint.Pcv(""rulesScanned"");
                ref readonly Rule rule = ref _rules[i];
                if ({test}) return true;
            }}
            return false; }} }}");

    private static Term Loop(InterfaceModel model) => model.TermAbout("loop over");

    private static Term StraightLine(InterfaceModel model) => model.TermAbout("straight-line");

    private static double Count(Term term, OperationClass operation) => term.Block.CountOf(operation);

    private const string SourceTest = "((source ^ rule.Source) & rule.SourceMask) == 0";

    private const string FullTest = SourceTest
        + " && ((destination ^ rule.Destination) & rule.DestinationMask) == 0"
        + " && port >= rule.FirstPort && port <= rule.LastPort";

    [Fact]
    public void A_failing_rule_is_counted_up_to_its_first_comparison()
    {
        InterfaceModel full = RuleScan(FullTest);
        InterfaceModel first = RuleScan(SourceTest);

        // Per rule: the source test and its jump, as if the test were that comparison alone.
        foreach (OperationClass operation in new[] { OperationClass.Load, OperationClass.IntegerAlu, OperationClass.Branch, OperationClass.BoundsCheck })
        {
            Assert.Equal(Count(Loop(first), operation), Count(Loop(full), operation));
        }
    }

    private static Term HitTest(InterfaceModel model) => model.TermAbout("exit test of the");

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(100, 1)]
    public void The_rest_of_the_test_is_counted_once_at_the_hit(double rulesScanned, double runs)
    {
        InterfaceModel full = RuleScan(FullTest);

        // Destination (its field and mask: the parameter is in a register), first and last port.
        Assert.Equal(4, Count(HitTest(full), OperationClass.Load));

        // Three more operands, each a compare and a conditional jump; the destination also a xor and an and.
        Assert.Equal(3, Count(HitTest(full), OperationClass.Branch));
        Assert.Equal(5, Count(HitTest(full), OperationClass.IntegerAlu));

        // Once per scan that looks at a rule at all, whatever the number of rules.
        Assert.Equal(runs, ModelEvaluator.Evaluate(HitTest(full).Count, name => name == "rulesScanned" ? rulesScanned : 1000));
        Assert.DoesNotContain(RuleScan(SourceTest).Pieces.Last().Terms, t => t.Description.StartsWith("exit test", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_rule_read_through_properties_is_split_the_same_way()
    {
        // samples/NetworkFunctions' FirewallRule: a readonly struct of get-only auto-properties.
        string Scan(string test) => $@"class C {{
            private readonly struct Rule {{ public uint Source {{ get; }} public uint Mask {{ get; }} public ushort Port {{ get; }} }}
            private Rule[] _rules = new Rule[100];
            private int _count;
            public bool M(uint source, ushort port) {{
                for (int i = 0; i < _count; i++) {{
                    ref readonly Rule rule = ref _rules[i];
                    if ({test}) return true;
                }}
                return false; }} }}";

        InterfaceModel full = Extraction.Extract(Scan("((source ^ rule.Source) & rule.Mask) == 0 && port == rule.Port"));
        InterfaceModel first = Extraction.Extract(Scan("((source ^ rule.Source) & rule.Mask) == 0"));
        Assert.Equal(Count(Loop(first), OperationClass.Load), Count(Loop(full), OperationClass.Load));
        Assert.Equal(Count(Loop(first), OperationClass.IntegerAlu), Count(Loop(full), OperationClass.IntegerAlu));
    }

    [Fact]
    public void A_sentinel_check_of_a_local_does_not_end_the_failing_prefix()
    {
        string Walk(string test) => $@"class C {{
            private int[] _keys = new int[64], _next = new int[64];
            public int M(int index, int key) {{
                while (index != -1) {{
                    PixHint.Pcv(""chainLength"");
                    if ({test}) return index;
                    index = _next[index];
                }}
                return -1; }} }}";

        // `index >= 0` holds on every entry: the key compare after it still runs on every entry.
        Assert.Equal(
            Count(Loop(Extraction.Extract(Walk("_keys[index] == key"))), OperationClass.Load),
            Count(Loop(Extraction.Extract(Walk("index >= 0 && _keys[index] == key"))), OperationClass.Load));
    }

    [Fact]
    public void Plain_flags_before_the_first_comparison_run_in_every_iteration()
    {
        // The load balancer's probe: `live` is a local, the hash compare decides, the key compare runs at the hit.
        string Probe(string test) => $@"class C {{
            private struct Slot {{ public uint Hash; public long Key, LastSeen; public bool InUse; }}
            private Slot[] _slots = new Slot[64];
            public int M(uint hash, long key, long now) {{
                for (int i = 0; i < 8; i++) {{
                    PixHint.Pcv(""probes"");
                    ref readonly Slot s = ref _slots[(int)(hash + i) & 63];
                    bool live = s.InUse && now - s.LastSeen < 1000;
                    if ({test}) return i;
                }}
                return -1; }} }}";

        InterfaceModel full = Extraction.Extract(Probe("live && s.Hash == hash && s.Key == key"));
        InterfaceModel upToHash = Extraction.Extract(Probe("live && s.Hash == hash"));
        Assert.Equal(Count(Loop(upToHash), OperationClass.Load), Count(Loop(full), OperationClass.Load));
        Assert.Equal(Count(Loop(upToHash), OperationClass.Branch), Count(Loop(full), OperationClass.Branch));
        Assert.Equal(1, Count(HitTest(full), OperationClass.Load)); // s.Key, at the address the hash compare computed
    }

    [Theory]
    [InlineData("if (a[i] > 0 && a[i] < limit) found++;", "a test that does not leave the loop is a filter: every operand runs as often as the data say")]
    [InlineData("if (a[i] > 0 && a[i] < limit) { found++; continue; }", "continue does not leave the loop")]
    [InlineData("found += a[i] > 0 && a[i] < limit ? 1 : 0;", "a conditional expression is not an exit test")]
    public void Only_a_test_that_leaves_the_loop_is_split(string statement, string why)
    {
        InterfaceModel model = Extraction.Extract($@"class C {{
            public int M(int[] a, int limit) {{ int found = 0;
                for (int i = 0; i < a.Length; i++) {{ {statement} }}
                return found; }} }}");
        InterfaceModel firstOnly = Extraction.Extract($@"class C {{
            public int M(int[] a, int limit) {{ int found = 0;
                for (int i = 0; i < a.Length; i++) {{ {statement.Replace(" && a[i] < limit", string.Empty)} }}
                return found; }} }}");

        Assert.True(Count(Loop(model), OperationClass.IntegerAlu) > Count(Loop(firstOnly), OperationClass.IntegerAlu), why);
    }

    [Fact]
    public void A_break_out_of_the_loop_is_an_exit_too()
    {
        InterfaceModel model = Extraction.Extract(@"class C {
            public int M(int[] a, int[] b, int key) { int at = -1;
                for (int i = 0; i < a.Length; i++) { if (a[i] == key && b[i] == key) { at = i; break; } }
                return at; } }");
        InterfaceModel firstOnly = Extraction.Extract(@"class C {
            public int M(int[] a, int[] b, int key) { int at = -1;
                for (int i = 0; i < a.Length; i++) { if (a[i] == key) { at = i; break; } }
                return at; } }");

        Assert.Equal(Count(Loop(firstOnly), OperationClass.Load), Count(Loop(model), OperationClass.Load));
        Assert.Equal(Count(Loop(firstOnly), OperationClass.BoundsCheck), Count(Loop(model), OperationClass.BoundsCheck));
    }

    [Theory]
    [InlineData("return r;", 1)] // a hit ends the call: once, however many rows were searched
    [InlineData("{ hits++; break; }", 10)] // a hit ends the row: once per row
    public void A_hit_is_counted_once_per_execution_of_the_loop_it_leaves_last(string leave, double hitsAt10Rows)
    {
        InterfaceModel model = Extraction.Extract($@"class C {{
            public int M(int[][] rows, int[] keys, int key) {{ int hits = 0;
                for (int r = 0; r < rows.Length; r++) {{
                    int[] row = rows[r];
                    for (int i = 0; i < row.Length; i++) {{ if (row[i] == key && keys[i] == key) {leave} }}
                }}
                return hits; }} }}");

        Assert.Equal(hitsAt10Rows, ModelEvaluator.Evaluate(HitTest(model).Count, name => name == "rows.Length" ? 10 : 5));
    }

    [Fact]
    public void A_test_without_a_comparison_keeps_every_operand_in_the_loop()
    {
        string Search(string test) => $@"class C {{
            public int M(bool[] a, bool[] b) {{
                for (int i = 0; i < a.Length; i++) {{ if ({test}) return i; }}
                return -1; }} }}";

        // Without a comparison nothing says which operand fails: b[i] stays in every iteration.
        Assert.True(
            Count(Loop(Extraction.Extract(Search("a[i] && b[i]"))), OperationClass.Load)
            > Count(Loop(Extraction.Extract(Search("a[i]"))), OperationClass.Load));
    }

    [Theory]
    [InlineData("keys[i] != 0 && vals[i] * 3 + keys[i] / 7 == key", "keys[i] != 0", "an occupied-slot check usually holds")]
    [InlineData("keys[i] > 0 && vals[i] * 3 + keys[i] / 7 > key", "keys[i] > 0", "a validation loop's checks usually hold")]
    [InlineData("keys[i] is not 0 && vals[i] * 3 + keys[i] / 7 == key", "keys[i] is not 0", "a negated pattern usually holds")]
    public void Only_an_equality_of_element_data_ends_the_failing_prefix(string test, string first, string why)
    {
        string Search(string t) => $@"class C {{
            public int M(int[] keys, int[] vals, int key) {{
                for (int i = 0; i < keys.Length; i++) {{ if ({t}) return -1; }}
                return 0; }} }}";

        // The second operand still runs on every element.
        Assert.True(
            Count(Loop(Extraction.Extract(Search(test))), OperationClass.IntegerAlu)
            > Count(Loop(Extraction.Extract(Search(first))), OperationClass.IntegerAlu),
            why);
    }

    [Fact]
    public void A_foreach_variable_is_element_data()
    {
        string Search(string test) => $@"class C {{
            public int M(int[] a, int k, int m) {{ int at = 0;
                foreach (int x in a) {{ if ({test}) return at; at++; }}
                return -1; }} }}";

        InterfaceModel full = Extraction.Extract(Search("x == k && x * 7 + m / 3 == m"));
        InterfaceModel first = Extraction.Extract(Search("x == k"));
        Term Foreach(InterfaceModel model) => model.TermAbout("foreach over");
        Assert.Equal(Count(Foreach(first), OperationClass.IntegerAlu), Count(Foreach(full), OperationClass.IntegerAlu));
        Assert.True(Count(HitTest(full), OperationClass.IntegerAlu) > 0);
    }

    [Fact]
    public void Two_exit_tests_of_one_loop_cost_the_costliest_at_the_hit_not_both()
    {
        string Search(string cheap, string costly) => $@"class C {{
            public int M(int[] data, int[] keys, int[] vals, int k, int v, int k2, int v2) {{
                for (int i = 0; i < data.Length; i++) {{
                    if (data[i] > 0) {{ if ({cheap}) return i; }}
                    else {{ if ({costly}) return -i; }}
                }}
                return 0; }} }}";

        const string Cheap = "keys[i] == k && vals[i] == v";
        const string Costly = "keys[i] == k2 && vals[i] * 3 + keys[i] / 7 == v2";
        Term both = HitTest(Extraction.Extract(Search(Cheap, Costly)));
        Term costlyOnly = HitTest(Extraction.Extract(Search("keys[i] == k", Costly)));

        // One execution of the loop hits at most one exit: the hit term is the costlier test's rest.
        Assert.Equal(Count(costlyOnly, OperationClass.Load), Count(both, OperationClass.Load));
        Assert.Equal(Count(costlyOnly, OperationClass.IntegerAlu), Count(both, OperationClass.IntegerAlu));
        Assert.Equal(Count(costlyOnly, OperationClass.Branch), Count(both, OperationClass.Branch));
    }

    [Fact]
    public void The_constant_time_checkers_extra_arm_walk_counts_no_hit_test()
    {
        // The exit test sits in an arm, so the checker walks that arm twice (ObserveArms, then for real).
        Compilation compilation = TestCompilation.Create(new[] { Extraction.Usings + @"class C {
            public int M(int[] data, int[] keys, int[] vals, int k, int v) {
                for (int i = 0; i < data.Length; i++) {
                    if (data[i] > 0) { if (keys[i] == k && vals[i] * 3 + keys[i] / 7 == v) return i; }
                    else { data[i] = 1; }
                }
                return 0; } }" });
        IMethodSymbol method = Extraction.FindMethod(compilation, "M");

        double HitBranches(ArmCostObserver? observer)
        {
            var session = new ExtractionSession(compilation, ExtractionOptions.Default, CancellationToken.None);
            MethodSummary summary = new MethodAnalyzer(session, method) { ArmObserver = observer }.Analyze();
            return summary.Alternatives.SelectMany(a => a.Cost.Terms)
                .Where(t => t.Description.StartsWith("exit test of the", System.StringComparison.Ordinal))
                .Sum(t => t.Block.CountOf(OperationClass.Branch));
        }

        int observed = 0;
        Assert.Equal(HitBranches(null), HitBranches((_, _) => observed++));
        Assert.True(observed > 0);
    }

    private static double ExitMisses(InterfaceModel model, string pcv, double trips) =>
        model.Pieces.Last().Terms
            .Where(t => t.Description.StartsWith("mispredicted exit", System.StringComparison.Ordinal))
            .Sum(t => ModelEvaluator.Evaluate(t.Count, name => name == pcv ? trips : 1000) * Count(t, OperationClass.LoopExitMiss));

    [Theory]
    [InlineData(1, 0)] // a hit at the home slot: learnt
    [InlineData(2, 1)]
    [InlineData(7, 1)]
    [InlineData(8, 0)] // the whole window: the same 8 iterations every time, learnt
    public void A_window_run_out_to_its_constant_bound_exits_without_a_miss(double probes, double misses)
    {
        InterfaceModel model = Extraction.Extract(@"class C {
            private int[] _slots = new int[64];
            public int M(int hash, int key) {
                for (int i = 0; i < 8; i++) { if (_slots[(hash + i) & 63] == key) return i; }
                return -1; } }");

        Assert.Equal(misses, ExitMisses(model, "matchIndex", probes));
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(999, 1)]
    [InlineData(1000, 1)] // value absent: a bound an input sets still mispredicts its exit (the Quickstart's IndexOf)
    public void A_window_an_input_sets_keeps_its_exit_miss(double matchIndex, double misses)
    {
        InterfaceModel model = Extraction.Extract(@"class C {
            public int M(int[] a, int key) { for (int i = 0; i < a.Length; i++) { if (a[i] == key) return i; } return -1; } }");

        Assert.Equal(misses, ExitMisses(model, "matchIndex", matchIndex));
    }
}
