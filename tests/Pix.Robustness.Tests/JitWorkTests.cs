using System;
using System.Linq.Expressions;
using Pix.Corpus;

namespace Pix.Robustness.Tests;

/// <summary>The corpus report's share of a run's time that was the JIT's.</summary>
public sealed class JitWorkTests
{
    [Fact]
    public void Code_compiled_for_the_first_time_is_counted()
    {
        // A compiled expression is a new dynamic method: its first call always goes through the JIT.
        ParameterExpression x = Expression.Parameter(typeof(int), "x");
        Func<int, int> fresh = Expression.Lambda<Func<int, int>>(Expression.Multiply(x, Expression.Constant(7)), x).Compile();

        JitWork before = JitWork.SoFar();
        fresh(3);
        JitWork compiled = JitWork.SoFar() - before;

        Assert.True(compiled.Methods >= 1, $"{compiled.Methods} methods");
        Assert.True(compiled.Time > TimeSpan.Zero);
    }

    [Fact]
    public void The_report_sums_the_calls_and_gives_their_share_of_the_run()
    {
        JitWork[] calls = [new(1_000, TimeSpan.FromSeconds(1.5)), new(234, TimeSpan.FromSeconds(0.5)), default];

        Assert.Equal("JIT 1,234 methods, 2.0 s (25% of 8.0 s)", JitWork.Describe(calls, TimeSpan.FromSeconds(8)));
    }
}
