using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Cli.Validation;

/// <summary>
/// The call a size is timed with. A <c>[PerformanceInputs]</c> factory returns one input set
/// (<c>object?[]</c>), called again and again, or several of one size (<c>object?[][]</c>), called in an
/// order drawn at random once. The several are for code whose interface assumes that inputs vary from
/// call to call: the exit of a loop that the data stop is priced as one mispredicted branch, which it
/// is when the search value varies, while the same input every call lets the branch predictor learn the
/// exit (docs/accuracy.md, "Twenty-second session: `IndexOf`'s loop exit"). The order repeats only
/// after <see cref="Slots"/> calls, far more trip counts than a predictor's history holds.
/// </summary>
internal static class InputRotation
{
    /// <summary>Calls before the drawn order repeats: a power of two, so the next slot is a mask, not a division.</summary>
    internal const int Slots = 4096;

    /// <summary>The factory's result as input sets: one for an <c>object?[]</c>, each of an <c>object?[][]</c>.</summary>
    /// <returns>Null when it is neither, or when a set is null or there are none.</returns>
    public static IReadOnlyList<object?[]>? Sets(object? factoryResult) => factoryResult switch
    {
        object?[][] several when several.Length > 0 && several.All(s => s is not null) => several,
        object?[] one when one.GetType() == typeof(object[]) => new[] { one },
        _ => null,
    };

    /// <summary>
    /// The timed call: <paramref name="call"/> on the only set, or on <see cref="Order"/>'s sets one after
    /// another. The rotation's own work (a counter, a mask, an array read) is timed with the call.
    /// </summary>
    public static Action TimedCall(Func<object?[], object?> call, IReadOnlyList<object?[]> argumentSets, int seed)
    {
        if (argumentSets.Count == 1)
        {
            object?[] only = argumentSets[0];
            return () => call(only);
        }

        object?[][] order = Order(argumentSets, seed);
        int next = 0;
        return () => call(order[next++ & (Slots - 1)]);
    }

    /// <summary><see cref="Slots"/> sets drawn uniformly at random (the same for the same <paramref name="seed"/>).</summary>
    internal static object?[][] Order(IReadOnlyList<object?[]> argumentSets, int seed)
    {
        var random = new Random(seed);
        var order = new object?[Slots][];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = argumentSets[random.Next(argumentSets.Count)];
        }

        return order;
    }
}
