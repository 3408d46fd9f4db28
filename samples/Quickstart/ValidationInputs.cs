using System;
using Pix;

namespace Quickstart;

// Inputs by size for `pix validate` ([PerformanceInputs] on each method): the same shapes of input
// as the Quickstart's own experiments (Experiments.cs), at more sizes, so a deployment-specific fit
// has sizes to learn from and others to be judged on. Each factory returns the method's arguments,
// then the values of its interface's PCVs (docs/accuracy.md explains the convention); `Search.MatchNearEnd`
// returns several such sets of one size, which validation calls in turn.

public static partial class Checksums
{
    private static object?[] Bytes(int size)
    {
        var data = new byte[size];
        new Random(size).NextBytes(data);
        return new object?[] { data };
    }
}

public static partial class Geometry
{
    private static object?[] Matrices(int n) => new object?[] { RandomDoubles(n * n, seed: n), RandomDoubles(n * n, seed: n + 1), n };

    private static object?[] Points(int n) => new object?[] { RandomDoubles(n, seed: n), RandomDoubles(n, seed: n + 1) };

    private static double[] RandomDoubles(int count, int seed)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = random.NextDouble();
        }

        return values;
    }
}

public static partial class Search
{
    // Even numbers searched for an odd one: never found, so the loop halves the range all the way
    // down, which is what the PCV's bound (log2 of the length) describes; the PCV is left to it.
    private static object?[] Evens(int size)
    {
        var sorted = new int[size];
        for (int i = 0; i < size; i++)
        {
            sorted[i] = 2 * i;
        }

        return new object?[] { sorted, 1 };
    }

    // A search value that varies from call to call, as the interface assumes: one array, and the match
    // at one of its last eight items, a set per position, called in an order drawn at random (an
    // object?[][] factory). The same value every call would let the branch predictor learn where the
    // loop stops, for up to about 128 items on the Zen 5 measured (docs/accuracy.md, twenty-second
    // session), while the interface prices that exit as the miss a varying value makes it. Each set's
    // PCV is the items its match looks at (position + 1); validation predicts the sets' mean.
    private static object?[][] MatchNearEnd(int size)
    {
        const int Positions = 8;
        var items = new int[size];
        for (int i = 0; i < size; i++)
        {
            items[i] = i;
        }

        var sets = new object?[Math.Min(Positions, size)][];
        for (int k = 0; k < sets.Length; k++)
        {
            int position = size - 1 - k;
            sets[k] = new object?[] { items, position, (double?)(position + 1) };
        }

        return sets;
    }
}

public static partial class Text
{
    private const string Word = "latency";

    // The PCV builderLength is what ToString() copies: the whole text, count words and separators.
    private static object?[] Words(int count) => new object?[] { Word, ',', count, (double?)((Word.Length + 1) * count) };
}
