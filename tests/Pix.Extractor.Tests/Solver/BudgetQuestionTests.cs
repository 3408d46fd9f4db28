using System.Collections.Generic;
using System.Threading;
using Pix.Model;
using Pix.Solver;
using static Pix.Extractor.Tests.Solver.Models;

namespace Pix.Extractor.Tests.Solver;

/// <summary>
/// Budget questions with input bounds and one input class (piece) at a time, on both engines: every
/// witness is checked with the reference semantics (it selects the piece, respects the bounds, and its
/// latency really exceeds the budget), and a budget that holds within the bounds is proved or not refuted.
/// </summary>
public sealed class BudgetQuestionTests
{
    private static readonly HardwareProfile Hw = HardwareProfile.Reference;

    /// <summary>
    /// <c>encapsulated == 1</c>: 10 + 20·payload.Length ALU ops (1 + 2·payload.Length ns on the
    /// reference profile); otherwise a constant 30 ops (3 ns).
    /// </summary>
    private static readonly InterfaceModel Forward = Interface(
        new[] { Flag("encapsulated"), Size("payload.Length") },
        Piece(Guard.Compare(S("encapsulated"), Comparison.Equal, C(1)), Alu(10, Expr.One), Alu(20, S("payload.Length"))),
        Otherwise(Alu(30, Expr.One)));

    private static readonly IReadOnlyDictionary<string, double> MtuBound = new Dictionary<string, double> { ["payload.Length"] = 1500 };

    public static IEnumerable<object[]> Engines() => new[] { new object[] { "z3" }, new object[] { "fallback" } };

    private static SolverEngine EngineNamed(string name) =>
        name == "z3" ? Z3EngineTests.Engine() : new FallbackEngine(SolverOptions.Default);

    private static double NanosecondsPerAluOp => Alu(1, Expr.One).Block.Price(Hw);

    [Theory]
    [MemberData(nameof(Engines))]
    public void The_smallest_witness_of_an_exceeding_class_selects_it_respects_the_bounds_and_exceeds_the_budget(string engineName)
    {
        double budget = 1000 * NanosecondsPerAluOp; // reached at payload.Length ≈ 49.5 on the encapsulated path
        var question = new BudgetQuestion(Forward, budget, Hw) { PieceIndex = 0, InputBounds = MtuBound };

        SolverAnswer answer = WitnessSearch.FindSmallest(EngineNamed(engineName), question, SolverOptions.Default, CancellationToken.None);

        Assert.Equal(SolverVerdict.Found, answer.Verdict);
        Assert.True(QuestionEvaluator.SelectsPiece(Forward, answer.Witness, 0), answer.FormatWitness());
        Assert.InRange(answer.Witness["payload.Length"], 0, 1500);
        Assert.True(ModelEvaluator.Evaluate(Forward, answer.Witness, Hw).Nanoseconds > budget, answer.FormatWitness());
        if (engineName == "z3")
        {
            Assert.Equal(50, answer.Witness["payload.Length"]); // the threshold itself: minimisation reached it
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void A_class_within_the_budget_for_every_bounded_input_is_never_reported(string engineName)
    {
        double budget = 40_000 * NanosecondsPerAluOp; // the encapsulated path peaks at 10 + 20 x 1500 = 30,010 ops
        var question = new BudgetQuestion(Forward, budget, Hw) { PieceIndex = 0, InputBounds = MtuBound };

        SolverAnswer answer = EngineNamed(engineName).Check(question, CancellationToken.None);

        Assert.Equal(SolverVerdict.Impossible, answer.Verdict);
    }

    [Fact]
    public void Without_the_bound_the_same_class_exceeds_any_budget()
    {
        double budget = 40_000 * NanosecondsPerAluOp;
        var question = new BudgetQuestion(Forward, budget, Hw) { PieceIndex = 0 };

        SolverAnswer answer = Z3EngineTests.Engine().Check(question, CancellationToken.None);

        Assert.Equal(SolverVerdict.Found, answer.Verdict);
        Assert.True(answer.Witness["payload.Length"] > 1500, answer.FormatWitness());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void The_other_class_is_asked_on_its_own_inputs(string engineName)
    {
        // The unguarded piece costs 30 ops whatever the payload: above a 20-op budget, below a 40-op one.
        SolverEngine engine = EngineNamed(engineName);
        var above = new BudgetQuestion(Forward, 20 * NanosecondsPerAluOp, Hw) { PieceIndex = 1, InputBounds = MtuBound };
        var below = new BudgetQuestion(Forward, 40 * NanosecondsPerAluOp, Hw) { PieceIndex = 1, InputBounds = MtuBound };

        SolverAnswer found = engine.Check(above, CancellationToken.None);

        Assert.Equal(SolverVerdict.Found, found.Verdict);
        Assert.Equal(0, found.Witness["encapsulated"]);
        Assert.NotEqual(SolverVerdict.Found, engine.Check(below, CancellationToken.None).Verdict);
    }

    [Fact]
    public void The_query_states_the_class_and_the_bound_for_replay()
    {
        var question = new BudgetQuestion(Forward, 5, Hw) { PieceIndex = 0, InputBounds = MtuBound };

        string text = SmtQueryWriter.Write(question, System.TimeSpan.FromSeconds(1)).Text;

        Assert.Contains("; input class: piece 1 (encapsulated == 1)", text);
        Assert.Contains("1500)) ; bound given by the user", text);
    }
}
