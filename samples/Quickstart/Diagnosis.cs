using System;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Pix;

namespace Quickstart;

/// <summary>
/// <c>--kernels</c>: the measurements behind docs/accuracy.md's diagnosis of the worst-predicted
/// methods, at the level of one loop iteration: what <c>IndexOf</c> costs per element depending on
/// where its array lives (L1, L2, beyond), against a counted loop with nothing in it; short calls
/// timed back to back against the same calls fenced off from each other.
/// </summary>
internal static class Diagnosis
{
    public static void Run()
    {
        Console.WriteLine("Per-iteration costs (median; CV of the batches in parentheses; the core's issue rate around each, operations per cycle)");
        MeasurementOptions first = MeasurementOptions.Default;
        MeasurementOptions next = MeasurementOptions.Default with { WarmupTime = TimeSpan.FromSeconds(0.5) };
        MeasurementOptions options = first;

        // The match is the last item: the loop reads the whole array once per call.
        foreach (int length in new[] { 1024, 4096, 8192, 16384, 65536, 262144 })
        {
            int[] items = Ascending(length);
            int last = length - 1;
            Report($"IndexOf over {length} ints ({length * 4 / 1024} KiB), match at the end", Measurement.Measure(() => Search.IndexOf(items, last), options), length);
            options = next;
        }

        // The Quickstart's own inputs: one 256 KiB array, matches early in it.
        int[] quickstart = Ascending(1 << 16);
        foreach (int position in new[] { 100, 5_000 })
        {
            Report($"IndexOf over 65536 ints, match at {position}", Measurement.Measure(() => Search.IndexOf(quickstart, position), next), position + 1);
        }

        foreach (int n in new[] { 1024, 65536 })
        {
            Report($"counted loop, x ^= i only, {n} iterations", Measurement.Measure(() => XorLoop(n), next), n);
        }

        // Back-to-back calls of a short chain-bound method overlap in the out-of-order core: timed that
        // way (BenchmarkDotNet's way) they measure throughput, not the latency the interface predicts.
        // Making each call's array depend on the previous result does not serialise them (the result
        // is a constant after a predicted branch); a fence between calls does (MeasurementMode.Latency).
        MeasurementOptions backToBack = next with { Mode = MeasurementMode.Throughput };
        MeasurementOptions fenced = next with { Mode = MeasurementMode.Latency };
        int[][] twins = { Evens(256), Evens(256) };
        int previous = 0;
        Report("BinarySearch over 256 ints, back-to-back calls", Measurement.Measure(() => Search.BinarySearch(twins[0], 1), backToBack), 9);
        Report("BinarySearch over 256 ints, each call's array from the last", Measurement.Measure(() => previous = Search.BinarySearch(twins[(previous >> 31) & 1], 1), backToBack), 9);
        Report("BinarySearch over 256 ints, calls fenced off (latency)", Measurement.Measure(() => Search.BinarySearch(twins[0], 1), fenced), 9);
        // Short early-exit loops, both ways: what a call costs beyond (position + 1) iterations.
        foreach (int position in new[] { 1, 10, 30, 100, 300, 1000 })
        {
            Report($"IndexOf, match at {position}, back-to-back calls", Measurement.Measure(() => Search.IndexOf(quickstart, position), backToBack), position + 1);
            Report($"IndexOf, match at {position}, calls fenced off (latency)", Measurement.Measure(() => Search.IndexOf(quickstart, position), fenced), position + 1);
        }

        byte[] bytes = new byte[64];
        Report("Fnv1a over 64 bytes, back-to-back calls", Measurement.Measure(() => Checksums.Fnv1a(bytes), backToBack), 64);
        Report("Fnv1a over 64 bytes, calls fenced off (latency)", Measurement.Measure(() => Checksums.Fnv1a(bytes), fenced), 64);

        // Text.Repeat in its parts: the loop of appends alone (into a builder that already has the
        // capacity, as Repeat's has), then ToString alone, per iteration of Repeat's loop.
        string word = "latency";   // the Quickstart's inputs
        foreach (int count in new[] { 256, 4096 })
        {
            var builder = new StringBuilder((word.Length + 1) * count);
            Report($"Repeat's loop alone (Append(word), Append(','); count = {count})", Measurement.Measure(() => AppendLoop(builder, word, count), next), count);
            Report($"Repeat's ToString alone ({(word.Length + 1) * count} chars)", Measurement.Measure(() => builder.ToString(), next), count);
            Report($"Text.Repeat whole (count = {count})", Measurement.Measure(() => Text.Repeat(word, ',', count), next), count);
        }
    }

    /// <summary>Repeat's loop on a builder of enough capacity (a parameter word, as in Repeat, so the JIT cannot specialise the copy); RepeatDiagnosis times it too.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static StringBuilder AppendLoop(StringBuilder builder, string word, int count)
    {
        builder.Clear();
        for (int i = 0; i < count; i++)
        {
            builder.Append(word);
            builder.Append(',');
        }

        return builder;
    }

    private static int[] Evens(int length)
    {
        int[] items = Ascending(length);
        for (int i = 0; i < length; i++)
        {
            items[i] *= 2;
        }

        return items;
    }

    private static void Report(string what, MeasurementResult measured, int iterations) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {what,-58} {measured.Median,10} ({measured.CoefficientOfVariation * 100:0.0}%)  {measured.Median.Nanoseconds / iterations:0.000} ns per iteration, issue rate {measured.IssueRate:0.0}{(measured.CoreShared ? " (core shared)" : "")}"));

    private static int[] Ascending(int length)
    {
        var items = new int[length];
        for (int i = 0; i < length; i++)
        {
            items[i] = i;
        }

        return items;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long XorLoop(int n)
    {
        long x = 3;
        for (int i = 0; i < n; i++)
        {
            x ^= i;
        }

        return x;
    }
}
