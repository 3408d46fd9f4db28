using System;
using System.Linq;
using System.Runtime.CompilerServices;
using Pix;

namespace Pix.LoopExit;

/// <summary>
/// Times a linear search over n items two ways: the match always at the end (what <c>pix validate</c>
/// times for the Quickstart's IndexOf: one input per size, called again and again), and the match
/// moving among the last eight positions from call to call. Subtracting the per-item slope leaves
/// each call's fixed part; the two differ where the predictor learnt the loop's trip count.
/// </summary>
internal static class Program
{
    /// <summary>Per item, the slope of the large sizes (0.33 ns: one cycle at 3 GHz on the machine measured).</summary>
    private const double DefaultSlopeNs = 0.333;

    private static int Main(string[] args)
    {
        int[] sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : new[] { 16, 32, 64, 128, 192, 256, 384, 512, 1024, 2048 };
        if (sizes.Any(n => n < 8))
        {
            Console.Error.WriteLine("Sizes must be at least 8 (the match moves among the last eight items).");
            return 1;
        }

        var options = MeasurementOptions.Default with { WarmupTime = TimeSpan.FromSeconds(0.3) };
        Console.WriteLine($"Loop exit of a linear search, one call's latency (median of batches; best of three tries, a core of its own first). Fixed part = time - {DefaultSlopeNs} ns per item looked at.");
        Console.WriteLine("items | same match: ns, fixed | match among the last 8: ns, fixed | core");
        foreach (int n in sizes)
        {
            int[] items = Enumerable.Range(0, n).ToArray();
            int[] matches = Enumerable.Range(n - 8, 8).ToArray();
            int next = 0;
            MeasurementResult same = Best(() => Measurement.Measure(() => IndexOf(items, n - 1), options));
            MeasurementResult moving = Best(() => Measurement.Measure(() => IndexOf(items, matches[next++ & 7]), options));

            // The moving match looks at n - 3.5 items on average (match n - 8 + j looks at n - 7 + j).
            double sameFixed = same.Median.Nanoseconds - (DefaultSlopeNs * n);
            double movingFixed = moving.Median.Nanoseconds - (DefaultSlopeNs * (n - 3.5));
            string core = same.CoreShared || moving.CoreShared ? "shared" : "own";
            Console.WriteLine($"{n,5} | {same.Median.Nanoseconds,8:0.0} {sameFixed,6:0.0} | {moving.Median.Nanoseconds,8:0.0} {movingFixed,6:0.0} | {core}");
        }

        return 0;
    }

    /// <summary>The Quickstart's <c>Search.IndexOf</c>, copied: the same loop, so the same code after the JIT.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int IndexOf(int[] items, int value)
    {
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Three tries; a core of its own before a shared one, then the fastest (interference only adds time).</summary>
    private static MeasurementResult Best(Func<MeasurementResult> measure) =>
        Enumerable.Range(0, 3).Select(_ => measure()).OrderBy(r => r.CoreShared).ThenBy(r => r.Median.Nanoseconds).First();
}
