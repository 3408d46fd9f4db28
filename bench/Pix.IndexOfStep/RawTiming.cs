using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Pix.IndexOfStep;

/// <summary>
/// The search timed without Pix.Measurement's delegates: one static loop calls <see cref="SearchLoops.IndexOf"/>
/// directly for each value of a drawn order, with or without a load fence after each call. What the step does here
/// is the loop's and the machine's, not the harness's indirect calls'.
/// </summary>
internal static class RawTiming
{
    /// <summary>The fastest batch's nanoseconds per call over <paramref name="batches"/> batches of <paramref name="order"/>'s length.</summary>
    public static double NsPerCall(int[] items, int[] order, bool fenced, int batches)
    {
        double best = double.MaxValue;
        for (int b = 0; b < batches; b++)
        {
            long start = Stopwatch.GetTimestamp();
            long sink = fenced ? Fenced(items, order) : BackToBack(items, order);
            long elapsed = Stopwatch.GetTimestamp() - start;
            best = Math.Min(best, elapsed * 1e9 / Stopwatch.Frequency / order.Length);
            GC.KeepAlive(sink);
        }

        return best;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Fenced(int[] items, int[] order)
    {
        long sum = 0;
        for (int k = 0; k < order.Length; k++)
        {
            sum += SearchLoops.IndexOf(items, order[k]);
            Sse2.LoadFence();
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long BackToBack(int[] items, int[] order)
    {
        long sum = 0;
        for (int k = 0; k < order.Length; k++)
        {
            sum += SearchLoops.IndexOf(items, order[k]);
        }

        return sum;
    }
}
