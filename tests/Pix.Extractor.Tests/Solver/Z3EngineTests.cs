using System;
using System.Collections.Generic;
using System.Threading;
using Pix.Model;
using Pix.Solver;
using static Pix.Extractor.Tests.Solver.Models;

namespace Pix.Extractor.Tests.Solver;

public sealed class Z3EngineTests
{
    private static readonly HardwareProfile Hw = HardwareProfile.Reference;

    internal static Z3Engine Engine(SolverOptions? options = null)
    {
        Assert.True(Z3Library.TryLoad(out Z3Library? library, out string detail), detail);
        return new Z3Engine(library!, options ?? SolverOptions.Default);
    }

    [Fact]
    public void Libz3_loads_by_its_soname()
    {
        Assert.True(Z3Library.TryLoad(out Z3Library? library, out string detail), detail);
        Assert.StartsWith("4.", library!.Version);
        Assert.Contains("z3 4.", detail);
    }

    [Fact]
    public void A_bigger_per_item_cost_is_a_regression_with_a_witness_that_really_regresses()
    {
        var question = new RegressionQuestion(Linear(perItem: 2), Linear(perItem: 3), 0.10, Hw);
        SolverAnswer answer = Engine().Check(question, CancellationToken.None);

        Assert.Equal(SolverVerdict.Found, answer.Verdict);
        double before = ModelEvaluator.Evaluate(question.Baseline, answer.Witness, Hw).Nanoseconds;
        double after = ModelEvaluator.Evaluate(question.Current, answer.Witness, Hw).Nanoseconds;
        Assert.True(after > 1.1 * before, $"{answer.FormatWitness()}: {before} -> {after}");
    }

    [Fact]
    public void The_same_interface_is_proved_not_to_regress()
    {
        var question = new RegressionQuestion(Linear(2), Linear(2), 0.10, Hw);
        Assert.Equal(SolverVerdict.Impossible, Engine().Check(question, CancellationToken.None).Verdict);
    }

    [Fact]
    public void Minimisation_finds_the_smallest_regressing_size()
    {
        // Baseline 10 + 2n ops, current 10 + 3n ops: (1 + 0.3n) > 1.1 (1 + 0.2n) ⇔ 0.08n > 0.1 ⇔ n ≥ 2.
        var question = new RegressionQuestion(Linear(2), Linear(3), 0.10, Hw);
        SolverAnswer answer = WitnessSearch.FindSmallest(Engine(), question, SolverOptions.Default, CancellationToken.None);
        Assert.Equal(SolverVerdict.Found, answer.Verdict);
        Assert.Equal(2, answer.Witness["n"]);
    }

    [Fact]
    public void Only_one_guarded_path_regresses_and_the_witness_takes_it()
    {
        Quantity[] q = { Size("n"), Flag("fast") };
        Guard fast = Guard.Compare(S("fast"), Comparison.Equal, C(1));
        InterfaceModel before = Interface(q, Piece(fast, Alu(10, Expr.One)), Otherwise(Alu(10, Expr.One), Alu(1, S("n"))));
        InterfaceModel after = Interface(q, Piece(fast, Alu(20, Expr.One)), Otherwise(Alu(10, Expr.One), Alu(1, S("n"))));

        SolverAnswer answer = WitnessSearch.FindSmallest(Engine(), new RegressionQuestion(before, after, 0.10, Hw), SolverOptions.Default, CancellationToken.None);

        Assert.Equal(SolverVerdict.Found, answer.Verdict);
        Assert.Equal(1, answer.Witness["fast"]);
        Assert.Equal(0, answer.Witness["n"]);
    }

    [Fact]
    public void Quadratic_against_linear_regresses_even_when_constants_hide_it_for_small_inputs()
    {
        InterfaceModel before = Interface(new[] { Size("n") }, Otherwise(Alu(1000, Expr.One), Alu(10, S("n"))));
        InterfaceModel after = Interface(new[] { Size("n") }, Otherwise(Alu(10, Expr.One), Alu(0.01, Expr.Multiply(S("n"), S("n")))));
        // Z3 alone may be inconclusive on a loaded machine; the default chain backs it with the fallback's search.
        SolverEngine chain = new EngineChain(Engine(), new FallbackEngine(SolverOptions.Default));
        SolverAnswer answer = WitnessSearch.FindSmallest(chain, new RegressionQuestion(before, after, 0.10, Hw), SolverOptions.Default, CancellationToken.None);

        Assert.Equal(SolverVerdict.Found, answer.Verdict);
        double n = answer.Witness["n"];
        Assert.True(n > 100, $"n = {n}");
        Assert.True(QuestionEvaluator.Holds(new RegressionQuestion(before, after, 0.10, Hw), answer.Witness, out string why), why);
    }

    [Fact]
    public void Log2_division_max_and_min_encode_as_the_evaluator_computes_them()
    {
        Expr log = Expr.Log2(S("n"));
        Expr ceil = Expr.Divide(S("n"), C(8), ceiling: true);
        Expr floor = Expr.Divide(S("n"), C(8), ceiling: false);
        Expr clamp = Expr.Min(Expr.Max(S("n"), C(3)), C(40));

        // What is tested is the encoding, not Z3's speed: the default 2 s a query came back Unknown once in
        // 72 queries at load 25-44, so these get a limit no loaded machine reaches.
        Z3Engine engine = Engine(SolverOptions.Default with { Timeout = TimeSpan.FromMinutes(1) });
        foreach (Expr count in new[] { log, ceil, floor, clamp })
        {
            foreach (double n in new[] { 0.0, 1, 2, 3, 7, 8, 9, 1000, 1 << 20 })
            {
                // Budget question "cost > value(n) - 0.5" with n pinned: sat iff Z3 computes at least the evaluator's value,
                // and "cost > value(n) + 0.5" unsat iff it computes at most it.
                InterfaceModel model = Interface(new[] { Size("n") },
                    Piece(Guard.Compare(S("n"), Comparison.NotEqual, C(n)), Alu(0, Expr.One)),
                    Otherwise(Alu(10, count)));
                double value = ModelEvaluator.Evaluate(model, new Dictionary<string, double> { ["n"] = n }, Hw).Nanoseconds;
                Assert.Equal(SolverVerdict.Found, engine.Check(new BudgetQuestion(model, value - 0.5, Hw), default).Verdict);
                Assert.Equal(SolverVerdict.Impossible, engine.Check(new BudgetQuestion(model, value + 0.5, Hw), default).Verdict);
            }
        }
    }

    [Fact]
    public void Constant_time_question_finds_two_inputs_that_differ_only_in_the_secret()
    {
        Quantity[] q = { Value("key"), Size("n") };
        InterfaceModel model = Interface(q,
            Piece(Guard.Compare(S("key"), Comparison.Equal, C(0)), Alu(1, Expr.One)),
            Otherwise(Alu(1, S("n")), Alu(5, Expr.One)));
        var question = new ConstantTimeQuestion(model, EquatableArray.Create("key"), Hw);
        SolverAnswer answer = Engine().Check(question, default);

        Assert.Equal(SolverVerdict.Found, answer.Verdict);
        Assert.NotEqual(answer.Witness["key"], answer.Witness["key'"]);
    }

    [Fact]
    public void A_query_that_cannot_finish_in_time_comes_back_unknown_within_the_timeout()
    {
        // A nonlinear integer problem Z3 cannot settle quickly: n³ + m³ = k³ style constraint hidden in a budget question.
        Quantity[] q = { Size("a"), Size("b"), Size("c") };
        Expr cube(string s) => Expr.Multiply(S(s), S(s), S(s));
        InterfaceModel model = Interface(q,
            Piece(Guard.And(
                    Guard.Compare(Expr.Add(cube("a"), cube("b")), Comparison.Equal, cube("c")),
                    Guard.Compare(Expr.Multiply(S("a"), S("b")), Comparison.Greater, C(0))),
                Alu(1000, Expr.One)),
            Otherwise(Alu(1, Expr.One)));
        var options = new SolverOptions { Timeout = TimeSpan.FromMilliseconds(300) };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        SolverAnswer answer = Engine(options).Check(new BudgetQuestion(model, 50, Hw), default);
        clock.Stop();

        Assert.Equal(SolverVerdict.Unknown, answer.Verdict);
        // Timeout plus two grace periods (1.3 s), plus slack for a loaded 2-core machine; Z3 itself
        // ignores its timeout on this query (see Z3Engine), so this checks the abandonment path.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), clock.Elapsed.ToString());
    }

    [Fact]
    public void A_script_z3_runs_past_its_timeout_is_abandoned_in_bounded_time()
    {
        // Measured: Z3 4.8.12 ignores :timeout, :rlimit and Z3_interrupt on this script (cubes over 31-bit bounds).
        const string script = """
            (set-option :timeout 300)
            (declare-const a Int)(declare-const b Int)(declare-const c Int)
            (assert (<= 0 a 2147483647))(assert (<= 0 b 2147483647))(assert (<= 0 c 2147483647))
            (assert (= (+ (* a a a) (* b b b)) (* c c c)))
            (assert (> (* a b) 0))
            (check-sat)
            """;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string? output = Engine(new SolverOptions { Timeout = TimeSpan.FromMilliseconds(300) }).Run(script, default, out _);
        clock.Stop();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), clock.Elapsed.ToString());
        Assert.True(output is null || output.Contains("unknown"), output);
    }

    [Fact]
    public void A_script_z3_rejects_is_unknown_with_the_reason_not_a_crash()
    {
        Z3Engine engine = Engine();
        string? output = engine.Run("(assert (> x 0))\n(check-sat)\n", default, out int errorCode);
        Assert.NotNull(output);
        Assert.Contains("error", output);
        Assert.True(errorCode != 0 || output.Contains("unknown constant"));
    }

    [Fact]
    public void Concurrent_queries_on_one_engine_each_get_their_own_answer()
    {
        // The compiler runs analyzers concurrently: one engine, many threads, a context per query.
        Z3Engine engine = Engine();
        var answers = new SolverVerdict[16];
        System.Threading.Tasks.Parallel.For(0, answers.Length, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = 4 }, k =>
        {
            var question = new RegressionQuestion(Linear(2), Linear(k % 2 == 0 ? 2 : 3), 0.10, Hw);
            answers[k] = engine.Check(question, CancellationToken.None).Verdict;
        });

        for (int k = 0; k < answers.Length; k++)
        {
            Assert.Equal(k % 2 == 0 ? SolverVerdict.Impossible : SolverVerdict.Found, answers[k]);
        }
    }

    [Fact]
    public void Every_query_and_answer_reaches_the_query_log()
    {
        var log = new ListLog();
        var question = new RegressionQuestion(Linear(2), Linear(3), 0.10, Hw);
        Engine(new SolverOptions { QueryLog = log }).Check(question, default);
        (string query, string answer) = Assert.Single(log.Entries);
        Assert.Contains("(check-sat)", query);
        Assert.Contains("|n|", query);
        Assert.StartsWith("sat", answer);
    }

    internal sealed class ListLog : IQueryLog
    {
        public List<(string Query, string Answer)> Entries { get; } = new();

        public void Record(string queryText, string rawAnswer)
        {
            lock (Entries)
            {
                Entries.Add((queryText, rawAnswer));
            }
        }
    }
}
