using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Cli.Validation;

namespace Pix.Cli.Tests;

public sealed class InputRotationTests
{
    private static readonly object?[] First = { 1 };
    private static readonly object?[] Second = { 2 };

    [Fact]
    public void One_input_set_is_one_set_and_several_are_each_one()
    {
        Assert.Same(First, Assert.Single(InputRotation.Sets(First)!));
        Assert.Equal(new[] { First, Second }, InputRotation.Sets(new[] { First, Second }));
    }

    [Fact]
    public void No_sets_a_null_set_or_another_type_is_refused()
    {
        Assert.Null(InputRotation.Sets(Array.Empty<object?[]>()));
        Assert.Null(InputRotation.Sets(new[] { First, null! }));
        Assert.Null(InputRotation.Sets(new[] { "not", "objects" }));
    }

    [Fact]
    public void One_set_is_called_every_time()
    {
        var seen = new List<object?[]>();
        Action timed = InputRotation.TimedCall(a => { seen.Add(a); return null; }, new[] { First }, seed: 4);

        for (int i = 0; i < 10; i++)
        {
            timed();
        }

        Assert.All(seen, a => Assert.Same(First, a));
    }

    [Fact]
    public void Several_sets_are_called_in_the_drawn_order_which_repeats_after_its_slots()
    {
        var seen = new List<object?[]>();
        object?[][] sets = { First, Second };
        Action timed = InputRotation.TimedCall(a => { seen.Add(a); return null; }, sets, seed: 4);

        for (int i = 0; i < 2 * InputRotation.Slots; i++)
        {
            timed();
        }

        object?[][] order = InputRotation.Order(sets, seed: 4);
        Assert.Equal(order.Concat(order), seen);
    }

    [Fact]
    public void The_order_draws_each_set_about_equally_and_not_in_a_short_cycle()
    {
        object?[][] sets = Enumerable.Range(0, 8).Select(i => new object?[] { i }).ToArray();

        object?[][] order = InputRotation.Order(sets, seed: 64);

        // Each of 8 sets about 512 times in 4096 draws (a binomial's spread is 21).
        Assert.All(sets, s => Assert.InRange(order.Count(o => ReferenceEquals(o, s)), 400, 624));
        // Not a cycle: a period of up to 64 calls would let a predictor with that much history learn it.
        for (int period = 1; period <= 64; period++)
        {
            Assert.False(order.Skip(period).Select((o, i) => ReferenceEquals(o, order[i])).All(same => same), $"period {period}");
        }

        Assert.Equal(order, InputRotation.Order(sets, seed: 64));
    }

    [Fact]
    public void Terms_of_several_sets_are_averaged_and_a_term_a_set_lacks_counts_zero()
    {
        var a = new[] { new TermValue("0.0", "straight-line code", 1), new TermValue("0.1", "loop", 10) };
        var b = new[] { new TermValue("0.0", "straight-line code", 3), new TermValue("0.2", "exit", 4) };

        IReadOnlyList<TermValue> mean = ValidationRunner.MeanTerms(new[] { a, b });

        Assert.Equal(new[] { ("0.0", 2.0), ("0.1", 5.0), ("0.2", 2.0) }, mean.Select(t => (t.Key, t.Nanoseconds)));
    }
}
