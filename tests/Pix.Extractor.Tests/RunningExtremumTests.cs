using System.Collections.Generic;
using System.Linq;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// The running-extremum rule (MethodAnalyzer.RunningExtremum.cs): <c>if (x &lt; best) { …; best = x; }</c> in a loop
/// that starts a new <c>best</c> on each execution misses <c>H(trips) − 1</c> times per execution; the shapes a
/// predictor or a conditional move handles, and extrema carried across executions, get no term.
/// </summary>
public sealed class RunningExtremumTests
{
    private const string Description = "mispredicted updates of the running extremum";

    /// <summary>The load balancer's probe window (ConnectionTable.Find's shape), its window a PCV bounded by 8.</summary>
    private const string ProbeWindow = @"
        using Pix;
        class C {
            private long[] _seen = new long[64];
            private int[] _keys = new int[64];
            public int M(int home, int key) {
                int victim = home;
                long victimSeen = long.MaxValue;
                for (int i = 0; i < 8; i++) {
                    PixHint.Pcv(""probes"");
                    int index = (home + i) & 63;
                    if (_keys[index] == key) return index;
                    long seen = _seen[index];
                    if (seen < victimSeen) {
                        victim = index;
                        victimSeen = seen;
                    }
                }
                return victim; } }";

    private static Term? UpdatesTerm(InterfaceModel model) =>
        model.Pieces.Last().Terms.SingleOrDefault(t => t.Description.StartsWith(Description, System.StringComparison.Ordinal));

    private static double Misses(Term term, IReadOnlyDictionary<string, double> values) =>
        ModelEvaluator.Evaluate(term.Count, name => values[name]) * term.Block.CountOf(OperationClass.BranchMiss);

    private static Term? LoopTerm(string body, string declarations = "long best = long.MaxValue; int at = 0;", string bound = "a.Length") =>
        UpdatesTerm(Extraction.Extract($@"class C {{
            public int M(long[] a) {{
                {declarations}
                for (int i = 0; i < {bound}; i++) {{ {body} }}
                return at; }} }}"));

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0.5)]
    [InlineData(4, 1.0 / 2 + 1.0 / 3 + 1.0 / 4)]
    [InlineData(8, 1.0 / 2 + 1.0 / 3 + 1.0 / 4 + 1.0 / 5 + 1.0 / 6 + 1.0 / 7 + 1.0 / 8)]
    public void The_probe_windows_victim_scan_misses_the_harmonic_number_less_one(double probes, double expected)
    {
        Term term = UpdatesTerm(Extraction.Extract(ProbeWindow)) ?? throw new Xunit.Sdk.XunitException("no running-extremum term");
        Assert.Equal(expected, Misses(term, new Dictionary<string, double> { ["probes"] = probes }), 12);
    }

    [Fact]
    public void A_maximum_written_the_other_way_round_counts_too()
    {
        Assert.NotNull(LoopTerm("long v = a[i]; if (best > v) { at = i; best = v; }"));
        Assert.NotNull(LoopTerm("long v = a[i]; if (v >= best) { at = i; best = v; }", "long best = long.MinValue; int at = 0;"));
    }

    [Fact]
    public void An_input_bound_uses_the_logarithm_and_stays_within_the_floors_error()
    {
        Term term = LoopTerm("long v = a[i]; if (v < best) { at = i; best = v; }") ?? throw new Xunit.Sdk.XunitException("no running-extremum term");
        foreach (int n in new[] { 2, 3, 10, 100, 1000 })
        {
            double harmonic = Enumerable.Range(2, n - 1).Sum(j => 1.0 / j);
            double misses = Misses(term, new Dictionary<string, double> { ["a.Length"] = n });
            Assert.InRange(misses, harmonic - 0.7, harmonic + 0.1);
        }

        Assert.Equal(0, Misses(term, new Dictionary<string, double> { ["a.Length"] = 1 }));
        Assert.Equal(0, Misses(term, new Dictionary<string, double> { ["a.Length"] = 0 }));
    }

    [Theory]
    [InlineData("long v = a[i]; if (v < best) best = v;", "one assignment: the JIT may if-convert it")]
    [InlineData("long v = a[i]; if (v < best) { at = i; best = a[0]; }", "the extremum is not assigned the value compared")]
    [InlineData("long v = a[i]; if (v < best) { at = i; best = v; } else { at = -1; }", "an else arm: two kinds of work")]
    [InlineData("long v = a[i]; if (v == best) { at = i; best = v; }", "an equality test is not an extremum")]
    [InlineData("long v = a[i]; if (v < 100) { at = i; best = v; }", "a constant threshold is not a running extremum")]
    public void Branches_that_are_not_a_running_extremum_get_no_term(string body, string why)
    {
        Assert.True(LoopTerm(body) is null, why);
    }

    [Fact]
    public void An_extremum_carried_across_the_executions_of_the_loop_gets_no_term()
    {
        // The Quickstart's closest pair: one minimum over every pair, not one per row.
        InterfaceModel model = Extraction.Extract(@"class C {
            public int M(double[] xs) {
                double best = double.MaxValue; int at = 0;
                for (int i = 0; i < xs.Length; i++) {
                    for (int j = 0; j < i; j++) {
                        double d = xs[i] - xs[j];
                        if (d < best) { at = j; best = d; }
                    }
                }
                return at; } }");
        Assert.Null(UpdatesTerm(model));
    }

    [Fact]
    public void An_extremum_reset_in_the_outer_loop_counts_per_inner_loop()
    {
        InterfaceModel model = Extraction.Extract(@"class C {
            public int M(double[] xs, int rows) {
                int total = 0;
                for (int r = 0; r < rows; r++) {
                    double best = double.MaxValue; int at = 0;
                    for (int j = 0; j < 4; j++) {
                        double d = xs[j];
                        if (d < best) { at = j; best = d; }
                    }
                    total += at;
                }
                return total; } }");
        Term term = UpdatesTerm(model) ?? throw new Xunit.Sdk.XunitException("no running-extremum term");
        double perRow = 1.0 / 2 + 1.0 / 3 + 1.0 / 4;
        Assert.Equal(5 * perRow, Misses(term, new Dictionary<string, double> { ["rows"] = 5, ["xs.Length"] = 10 }), 12);
    }
}
