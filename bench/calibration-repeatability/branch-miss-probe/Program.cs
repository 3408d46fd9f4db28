// The branch-miss pair's loop (src/Pix.Runtime/Calibration/Kernels/BranchMissKernels.cs, copied so its stream can change)
// timed in 0.5 ms batches, to tell whether the predictor learns the random stream it is timed on (miss27, twenty-seventh
// session). A 64 Ki-bit stream repeats every 256 calls of 256 bits: if the predictor memorises part of it, the random run
// is faster than on a stream too long to memorise, and faster the longer it has been run.
// usage: dotnet run -c Release -- LOG2_BITS [SEED] [SECONDS] [scramble]
//   LOG2_BITS: the random stream's length (16 = the calibrator's); SECONDS of timed batches (default 2);
//   scramble: between batches, run a different 16 Mi-bit random stream for 0.5 ms (another kernel's branches).
// Prints per-second windows: the quietest batch and the median batch of equal and random bits, and 2 x (random - equal).
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;

static class P
{
    const int Nodes = 256;
    const int Iterations = 256;

    static ulong[] Stream(int bits, Random r)
    {
        var words = new ulong[bits / 64];
        var bytes = new byte[8];
        for (int i = 0; i < words.Length; i++) { r.NextBytes(bytes); words[i] = BitConverter.ToUInt64(bytes, 0); }
        return words;
    }

    static int[] Table(Random r) => Enumerable.Range(0, Nodes).Select(_ => r.Next(Nodes)).ToArray();

    [MethodImpl(MethodImplOptions.NoInlining)]
    static long Run(ulong[] words, ref int cursor, int[] zero, int[] one, int iterations)
    {
        int length = words.Length * 64;
        int start = cursor + iterations <= length ? cursor : 0;
        long sum = 0;
        ulong word = 0;
        for (int i = 0; i < iterations; i++)
        {
            int bit = (start + i) & 63;
            if (bit == 0) word = words[(start + i) >> 6];
            int slot = (start + i) & (Nodes - 1);
            sum += ((word >> bit) & 1) != 0 ? one[slot] : zero[slot];
        }
        cursor = (start + iterations + 63) & ~63;
        return sum;
    }

    static long sink;

    static double Batch(ulong[] words, ref int cursor, int[] zero, int[] one, int calls)
    {
        long t0 = Stopwatch.GetTimestamp();
        for (int c = 0; c < calls; c++) sink += Run(words, ref cursor, zero, one, Iterations);
        return Stopwatch.GetElapsedTime(t0).TotalNanoseconds / ((double)calls * Iterations);
    }

    static void Main(string[] a)
    {
        int log2 = int.Parse(a[0]);
        int seed = a.Length > 1 ? int.Parse(a[1]) : 12345;
        double seconds = a.Length > 2 ? double.Parse(a[2]) : 2;
        bool scramble = a.Length > 3 && a[3] == "scramble";
        var r = new Random(seed);
        ulong[] random = Stream(1 << log2, r);
        ulong[] equal = new ulong[random.Length];
        int[] zero = Table(r), one = Table(r);
        ulong[] other = Stream(1 << 24, new Random(seed + 1));
        int ce = 0, cr = 0, co = 0;
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 300) { Batch(equal, ref ce, zero, one, 100); Batch(random, ref cr, zero, one, 100); }
        const int calls = 550; // ~0.5 ms of random bits, as the calibrator sizes a batch
        var windows = new List<(List<double> E, List<double> R)>();
        sw.Restart();
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            int w = (int)sw.Elapsed.TotalSeconds;
            while (windows.Count <= w) windows.Add((new List<double>(), new List<double>()));
            if (scramble) Batch(other, ref co, zero, one, calls);
            windows[w].E.Add(Batch(equal, ref ce, zero, one, calls));
            if (scramble) Batch(other, ref co, zero, one, calls);
            windows[w].R.Add(Batch(random, ref cr, zero, one, calls));
        }
        static double Med(List<double> l) { var x = l.OrderBy(v => v).ToList(); return x[x.Count / 2]; }
        foreach (var (E, R, i) in windows.Select((x, i) => (x.E, x.R, i)))
        {
            Console.WriteLine($"bits=2^{log2} seed={seed} scramble={scramble} s={i} n={E.Count} equalMin={E.Min():F3} equalMed={Med(E):F3} randomMin={R.Min():F3} randomMed={Med(R):F3} missMin={2 * (R.Min() - E.Min()):F3} missMed={2 * (Med(R) - Med(E)):F3}");
        }
    }
}
