using System;
using System.Collections.Generic;
using System.Globalization;
using Pix;

namespace Quickstart;

/// <summary>
/// The Quickstart's methods, each on inputs of three sizes. Inputs are built once, outside the
/// timed region, from a fixed seed, so every run times the same work.
/// </summary>
internal static class Experiments
{
    public static IReadOnlyList<Experiment> All()
    {
        var random = new Random(42);
        return new[]
        {
            Checksum(
                "Checksums.Fnv1a(ReadOnlySpan<byte> data)", "LatencyOf_Fnv1a", "checksum over a span",
                random, (data, hw) => Checksums.LatencyOf_Fnv1a(data, hw), data => Checksums.Fnv1a(data)),
            Checksum(
                "Checksums.Adler32(ReadOnlySpan<byte> data)", "LatencyOf_Adler32", "checksum, two remainders per byte",
                random, (data, hw) => Checksums.LatencyOf_Adler32(data, hw), data => Checksums.Adler32(data)),
            Checksum(
                "Checksums.Fingerprint(ReadOnlySpan<byte> data)", "LatencyOf_Fingerprint", "composed of Adler32 and Fnv1a",
                random, (data, hw) => Checksums.LatencyOf_Fingerprint(data, hw), data => Checksums.Fingerprint(data)),
            MatrixMultiply(random),
            ClosestPair(random),
            BinarySearch(),
            IndexOf(),
            Repeat(),
        };
    }

    private static Experiment Checksum(
        string method, string companion, string shape, Random random,
        Func<byte[], HardwareProfile, Latency> predict, Func<byte[], ulong> run)
    {
        var inputs = new List<Input>();
        foreach (int length in new[] { 1 << 10, 1 << 14, 1 << 18 })
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            inputs.Add(new Input(
                $"data.Length = {Count(length)}",
                hw => predict(data, hw),
                options => Measurement.Measure(() => run(data), options)));
        }

        return new Experiment(method, companion, shape, inputs, new Formula("data.Length", 1, (length, hw) => predict(new byte[length], hw)));
    }

    private static Experiment MatrixMultiply(Random random)
    {
        var inputs = new List<Input>();

        // The largest product stays under 85,000 bytes: a bigger array would go to the large object
        // heap, whose collections the interface does not model and which make timings erratic.
        foreach (int n in new[] { 16, 40, 96 })
        {
            double[] a = RandomDoubles(random, n * n);
            double[] b = RandomDoubles(random, n * n);
            inputs.Add(new Input(
                $"n = {n}",
                hw => Geometry.LatencyOf_Multiply(a, b, n, hw),
                options => Measurement.Measure(() => Geometry.Multiply(a, b, n), options)));
        }

        var formula = new Formula("n", 3, (n, hw) => Geometry.LatencyOf_Multiply(new double[n * n], new double[n * n], n, hw));
        return new Experiment("Geometry.Multiply(double[] a, double[] b, int n)", "LatencyOf_Multiply", "three nested loops, n³", inputs, formula);
    }

    private static Experiment ClosestPair(Random random)
    {
        var inputs = new List<Input>();
        foreach (int n in new[] { 100, 400, 1600 })
        {
            double[] xs = RandomDoubles(random, n);
            double[] ys = RandomDoubles(random, n);
            inputs.Add(new Input(
                $"xs.Length = {Count(n)}",
                hw => Geometry.LatencyOf_ClosestPairDistanceSquared(xs, ys, hw),
                options => Measurement.Measure(() => Geometry.ClosestPairDistanceSquared(xs, ys), options)));
        }

        var formula = new Formula("xs.Length", 2, (n, hw) => Geometry.LatencyOf_ClosestPairDistanceSquared(new double[n], new double[n], hw));
        return new Experiment("Geometry.ClosestPairDistanceSquared(double[] xs, double[] ys)", "LatencyOf_ClosestPairDistanceSquared", "triangular nest, j < i", inputs, formula);
    }

    private static Experiment BinarySearch()
    {
        var inputs = new List<Input>();
        foreach (int n in new[] { 1 << 8, 1 << 14, 1 << 20 })
        {
            // Even numbers, searched for an odd one: never found, so every call halves the range
            // all the way down (the worst case, the same path on every call).
            int[] sorted = new int[n];
            for (int i = 0; i < n; i++)
            {
                sorted[i] = 2 * i;
            }

            // The interface's PCV (the loop's iterations) is left to its bound, log2(sorted.Length):
            // an absent value is the case that bound describes.
            int missing = 1;
            inputs.Add(new Input(
                $"sorted.Length = {Count(n)}, value absent",
                hw => Search.LatencyOf_BinarySearch(sorted, missing, hw),
                options => Measurement.Measure(() => Search.BinarySearch(sorted, missing), options)));
        }

        var formula = new Formula("matchIndex", 1, (iterations, hw) => Search.LatencyOf_BinarySearch(Array.Empty<int>(), 1, hw, matchIndex: iterations));
        return new Experiment("Search.BinarySearch(int[] sorted, int value)", "LatencyOf_BinarySearch", "halving loop", inputs, formula);
    }

    private static Experiment IndexOf()
    {
        const int Length = 1 << 16;
        int[] items = new int[Length];
        for (int i = 0; i < Length; i++)
        {
            items[i] = i;
        }

        var inputs = new List<Input>();
        foreach (int position in new[] { 100, 5_000, Length - 1 })
        {
            // The first match is at `position`: the loop looks at position + 1 items. That count is
            // what the sizes of the inputs do not show, so the interface takes it as a PCV.
            int looked = position + 1;
            inputs.Add(new Input(
                $"items.Length = {Count(Length)}, match at {Count(position)}",
                hw => Search.LatencyOf_IndexOf(items, position, hw, matchIndex: looked),
                options => Measurement.Measure(() => Search.IndexOf(items, position), options)));
        }

        var formula = new Formula("matchIndex", 1, (looked, hw) => Search.LatencyOf_IndexOf(items, 0, hw, matchIndex: looked));
        return new Experiment("Search.IndexOf(int[] items, int value)", "LatencyOf_IndexOf", "early exit, PCV = items looked at", inputs, formula);
    }

    private static Experiment Repeat()
    {
        var inputs = new List<Input>();
        const string Word = "latency";
        foreach (int count in new[] { 16, 256, 4096 })
        {
            // What ToString() copies is the builder's length, which is not an expression over the
            // inputs as Pix sees them, so the interface asks for it as a PCV: the whole text.
            int built = (Word.Length + 1) * count;
            inputs.Add(new Input(
                $"word.Length = {Word.Length}, count = {Count(count)}",
                hw => Text.LatencyOf_Repeat(Word, ',', count, hw, builderLength: built),
                options => Measurement.Measure(() => Text.Repeat(Word, ',', count), options)));
        }

        // Along count, with builderLength the text the count builds, as in the inputs above.
        var formula = new Formula("count", 1, (count, hw) => Text.LatencyOf_Repeat(Word, ',', count, hw, builderLength: (Word.Length + 1) * count));
        return new Experiment("Text.Repeat(string word, char separator, int count)", "LatencyOf_Repeat", "string building", inputs, formula);
    }

    private static double[] RandomDoubles(Random random, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = random.NextDouble();
        }

        return values;
    }

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
