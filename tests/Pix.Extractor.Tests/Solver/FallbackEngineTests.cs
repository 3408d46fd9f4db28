using System.Collections.Generic;
using System.Threading;
using Pix.Model;
using Pix.Solver;
using static Pix.Extractor.Tests.Solver.Models;

namespace Pix.Extractor.Tests.Solver;

public sealed class FallbackEngineTests
{
    private static readonly HardwareProfile Hw = HardwareProfile.Reference;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SolverQuestion> Questions = new();

    public static IEnumerable<object[]> Decidable()
    {
        foreach (object[] c in Cases())
        {
            Questions[(string)c[0]] = (SolverQuestion)c[1];
            yield return new[] { c[0] };
        }
    }

    private static IEnumerable<object[]> Cases()
    {
        Quantity[] nf = { Size("n"), Flag("fast") };
        Guard fast = Guard.Compare(S("fast"), Comparison.Equal, C(1));
        Guard small = Guard.Compare(S("n"), Comparison.Less, C(300));
        yield return Case("linear slower", new RegressionQuestion(Linear(2), Linear(3), 0.1, Hw));
        yield return Case("same", new RegressionQuestion(Linear(2), Linear(2), 0.1, Hw));
        yield return Case("faster", new RegressionQuestion(Linear(3), Linear(2), 0.1, Hw));
        yield return Case("one path slower", new RegressionQuestion(
            Interface(nf, Piece(fast, Alu(10, Expr.One)), Otherwise(Alu(1, S("n")))),
            Interface(nf, Piece(fast, Alu(20, Expr.One)), Otherwise(Alu(1, S("n")))), 0.1, Hw));
        yield return Case("guard threshold moved", new RegressionQuestion(
            Interface(nf, Piece(small, Alu(1, S("n"))), Otherwise(Alu(1000, Expr.One))),
            Interface(nf, Piece(Guard.Compare(S("n"), Comparison.Less, C(5000)), Alu(1, S("n"))), Otherwise(Alu(1000, Expr.One))), 0.1, Hw));
        yield return Case("budget exceeded", new BudgetQuestion(Linear(2), 100, Hw));
        yield return Case("budget held", new BudgetQuestion(
            Interface(nf, Piece(fast, Alu(10, Expr.One)), Otherwise(Alu(30, Expr.One))), 100, Hw));
        yield return Case("secret loop", new ConstantTimeQuestion(
            Interface(new[] { Size("n"), Value("key") }, Otherwise(Alu(1, S("key")))), EquatableArray.Create("key"), Hw));
        yield return Case("secret unused", new ConstantTimeQuestion(
            Interface(new[] { Size("n"), Value("key") }, Otherwise(Alu(1, S("n")))), EquatableArray.Create("key"), Hw));
    }

    private static object[] Case(string name, SolverQuestion q) => new object[] { name, q };

    [Theory]
    [MemberData(nameof(Decidable))]
    public void Fallback_gives_the_same_verdict_as_z3(string name)
    {
        foreach (object[] _ in Decidable())
        {
        }

        SolverQuestion question = Questions[name];
        SolverAnswer z3 = Z3EngineTests.Engine().Check(question, CancellationToken.None);
        SolverAnswer fallback = new FallbackEngine(SolverOptions.Default).Check(question, CancellationToken.None);

        Assert.NotEqual(SolverVerdict.Unknown, z3.Verdict);
        // The fallback proves "impossible" where its sound arguments reach, else reports no input found.
        SolverVerdict expected = z3.Verdict;
        Assert.True(
            fallback.Verdict == expected || expected == SolverVerdict.Impossible && fallback.Verdict == SolverVerdict.Unknown,
            $"{name}: z3 {z3.Verdict} ({z3.Detail}), fallback {fallback.Verdict} ({fallback.Detail})");
        if (fallback.Verdict == SolverVerdict.Found)
        {
            Assert.True(QuestionEvaluator.Holds(question, fallback.Witness, out string why), why);
        }
    }

    [Fact]
    public void Identical_models_are_proved_not_to_regress_without_z3()
    {
        SolverAnswer answer = new FallbackEngine(SolverOptions.Default).Check(new RegressionQuestion(Linear(2), Linear(2), 0.1, Hw), default);
        Assert.Equal(SolverVerdict.Impossible, answer.Verdict);
    }

    [Fact]
    public void The_fallback_witness_is_the_smallest_it_saw_and_deterministic()
    {
        var question = new RegressionQuestion(Linear(2), Linear(3), 0.1, Hw);
        SolverAnswer first = new FallbackEngine(SolverOptions.Default).Check(question, default);
        SolverAnswer second = new FallbackEngine(SolverOptions.Default).Check(question, default);
        Assert.Equal(2, first.Witness["n"]);
        Assert.Equal(first.FormatWitness(), second.FormatWitness());
    }
}
