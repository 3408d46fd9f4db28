// The loop-exit pair's search (src/Pix.Runtime/Calibration/Kernels/LoopExitKernels.cs, copied so its stream can change)
// timed in 0.5 ms batches, to tell whether the predictor learns the random stream of exit positions it is timed on, as
// it learnt the branch-miss pair's 64 Ki-bit stream (miss27, BranchMissKernels.LearntPatternBits). loopn28, twenty-eighth
// session. A 64 Ki-value stream repeats every 2,048 calls of 32 searches: if the predictor memorises part of it, the
// random run is faster than on a stream too long to memorise.
// usage: dotnet run -c Release -- LOG2_VALUES [SECONDS]
//   LOG2_VALUES: the random stream's length (16 = the calibrator's until loopn28); SECONDS of timed batches (default 2).
// Prints the quietest and the median batch (ns a search) of the fixed and the random exits, and random - fixed.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;

static class P
{
    const int FixedPosition = 60;
    const int ExitPositions = 9;
    const int Searches = 32;

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int IndexOf(int[] items, int value)
    {
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i] == value) return i;
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static long Run(int[] items, int[] values, ref int cursor, int iterations)
    {
        int start = cursor;
        long sum = 0;
        for (int i = 0; i < iterations; i++) sum += IndexOf(items, values[(start + i) & (values.Length - 1)]);
        cursor = (start + iterations) & (values.Length - 1);
        return sum;
    }

    static long sink;

    static double Batch(int[] items, int[] values, ref int cursor, int calls)
    {
        long t = Stopwatch.GetTimestamp();
        for (int c = 0; c < calls; c++) sink += Run(items, values, ref cursor, Searches);
        return (Stopwatch.GetTimestamp() - t) * (1e9 / Stopwatch.Frequency) / (calls * (double)Searches);
    }

    static void Main(string[] args)
    {
        int log2 = int.Parse(args[0]);
        double seconds = args.Length > 1 ? double.Parse(args[1]) : 2;
        var random = new Random(23023);
        int[] items = Enumerable.Range(0, FixedPosition + (ExitPositions / 2) + 1).ToArray();
        int[] fixedValues = Enumerable.Repeat(FixedPosition, 1 << log2).ToArray();
        int[] randomValues = Enumerable.Range(0, 1 << log2).Select(_ => FixedPosition - (ExitPositions / 2) + random.Next(ExitPositions)).ToArray();
        int fc = 0, rc = 0;
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 1000) { Batch(items, fixedValues, ref fc, 50); Batch(items, randomValues, ref rc, 50); }
        var f = new List<double>();
        var r = new List<double>();
        sw.Restart();
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            f.Add(Batch(items, fixedValues, ref fc, 600));
            r.Add(Batch(items, randomValues, ref rc, 600));
        }

        double Median(List<double> x) { var s = x.OrderBy(v => v).ToList(); return s[s.Count / 2]; }
        Console.WriteLine($"2^{log2} values: fixed {f.Min():0.00}/{Median(f):0.00}, random {r.Min():0.00}/{Median(r):0.00} ns a search (quietest/median of {f.Count}); random - fixed {r.Min() - f.Min():0.00}/{Median(r) - Median(f):0.00}");
    }
}
