using System.Collections.Generic;
using Pix.Model;

namespace Pix.Extractor.Tests;

public sealed class ExprTests
{
    private static readonly Expr N = Expr.Symbol("n");

    [Fact]
    public void Constants_fold_and_sums_flatten()
    {
        Expr e = Expr.Add(Expr.Const(2), Expr.Add(N, Expr.Const(3)));
        Assert.Equal(Expr.Add(N, Expr.Const(5)), e);
        Assert.Equal("n + 5", e.ToString());
    }

    [Fact]
    public void Equal_formulas_built_twice_compare_equal_and_hash_equal()
    {
        Expr a = Expr.Divide(Expr.Multiply(N, Expr.Subtract(N, Expr.One)), Expr.Const(2), ceiling: false);
        Expr b = Expr.Divide(Expr.Multiply(N, Expr.Subtract(N, Expr.One)), Expr.Const(2), ceiling: false);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(7, 3)]
    [InlineData(8, 4)]
    [InlineData(1024, 11)]
    public void Log2_is_the_bit_length(double x, double expected) => Assert.Equal(expected, Expr.Log2Value(x));

    [Fact]
    public void Substitution_replaces_parameters_by_arguments()
    {
        Expr e = Expr.Multiply(N, Expr.Symbol("m"));
        Expr s = e.Substitute(name => name == "n" ? Expr.Const(4) : null);
        Assert.Equal(12, ModelEvaluator.Evaluate(s, name => name == "m" ? 3 : double.NaN));
        Assert.Equal(new[] { "m", "n" }, e.Symbols());
    }
}
