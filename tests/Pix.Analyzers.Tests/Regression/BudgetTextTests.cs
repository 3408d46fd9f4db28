using Pix.Analyzers.Budget;

namespace Pix.Analyzers.Tests.Regression;

public sealed class BudgetTextTests
{
    [Theory]
    [InlineData("500ns", 500)]
    [InlineData("2us", 2_000)]
    [InlineData("2 us", 2_000)]
    [InlineData("2µs", 2_000)]   // micro sign U+00B5
    [InlineData("2μs", 2_000)]   // Greek mu U+03BC
    [InlineData(" 1.5ms ", 1_500_000)]
    [InlineData("0.01s", 10_000_000)]
    public void Parses_a_number_and_a_unit(string text, double nanoseconds)
    {
        Assert.True(BudgetText.TryParse(text, out double ns, out string problem), problem);
        Assert.Equal(nanoseconds, ns, 6);
    }

    [Theory]
    [InlineData("2")]           // no unit: could mean anything
    [InlineData("2m")]
    [InlineData("2 Ms")]
    [InlineData("0us")]
    [InlineData("-1us")]
    [InlineData("1,5ms")]       // invariant culture only
    [InlineData("us")]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_anything_else_with_a_message_that_shows_how(string? text)
    {
        Assert.False(BudgetText.TryParse(text, out _, out string problem));
        Assert.Contains("e.g. \"2us\"", problem);
    }
}
