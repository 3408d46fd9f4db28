using Pix.Model;
using Pix.Solver;
using static Pix.Extractor.Tests.Solver.Models;

namespace Pix.Extractor.Tests.Solver;

public sealed class SmtWriterTests
{
    [Theory]
    [InlineData(0, "0.0")]
    [InlineData(4096, "4096.0")]
    [InlineData(0.33, "0.33")]
    [InlineData(-1.5, "(- 1.5)")]
    [InlineData(1e-7, "0.0000001")]
    [InlineData(1.5e20, "150000000000000000000.0")]
    public void Reals_are_plain_decimals(double value, string expected) => Assert.Equal(expected, SmtNumbers.Real(value));

    [Fact]
    public void Names_smt_cannot_quote_are_renamed_and_read_back()
    {
        var symbols = new SmtSymbols();
        Assert.Equal("|data.Length|", symbols.Of("data.Length"));
        Assert.Equal("|pix.q1|", symbols.Of("a|b"));
        Assert.Equal("|pix.q2|", symbols.Of("größe"));
        Assert.Equal("a|b", symbols.NameOf("|pix.q1|"));
        Assert.Equal("data.Length", symbols.NameOf("|data.Length|"));
    }

    [Fact]
    public void Pieces_become_an_ite_chain_in_order()
    {
        Guard empty = Guard.Compare(S("n"), Comparison.Equal, C(0));
        InterfaceModel model = Interface(new[] { Size("n") }, Piece(empty, Alu(10, Expr.One)), Otherwise(Alu(10, S("n"))));
        string text = SmtQueryWriter.Write(new BudgetQuestion(model, 5, HardwareProfile.Reference), System.TimeSpan.FromSeconds(1)).Text;
        Assert.Contains("(ite (= (to_real |n|) 0.0)", text);
        Assert.Contains("(assert (> cost 5.0))", text);
        Assert.Contains("(set-option :timeout 1000)", text);
    }

    [Fact]
    public void Z3_output_is_read_even_when_truncated()
    {
        var symbols = new SmtSymbols();
        symbols.Of("n");
        symbols.Of("m");
        Z3Output output = Z3OutputParser.Parse("sat\n((|n| 5)\n (|m| (- 3", symbols);
        Assert.Equal(SolverVerdict.Found, output.Status);
        Assert.Equal(-3, output.Model["m"]);

        Z3Output unsat = Z3OutputParser.Parse("unsat\n(error \"line 9 column 10: model is not available\")", symbols);
        Assert.Equal(SolverVerdict.Impossible, unsat.Status);
    }
}
