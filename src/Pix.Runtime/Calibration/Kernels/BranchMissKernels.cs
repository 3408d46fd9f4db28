using System;
using System.Runtime.CompilerServices;

namespace Pix.Calibration.Kernels;

/// <summary>
/// The branch-miss pair: one loop whose conditional branch tests the next bit of a stream, run once on
/// bits that are all equal (the predictor is always right) and once on random bits (it is right half
/// the time: no predictor does better on independent fair coin flips). Both runs execute the same
/// instructions; the difference per iteration is half a miss, so a miss costs twice the difference
/// (<see cref="MissesPerIteration"/>).
/// </summary>
/// <remarks>
/// The branch tests a bit of a register (<c>(word &gt;&gt; (i &amp; 63)) &amp; 1</c>, one word loaded every 64
/// iterations), as the router's trie tests a bit of the destination address: the condition is ready
/// a cycle after the branch issues, so the difference is the refill itself, not a wait for a load
/// (testing one byte per iteration from memory measured 8.9 ns a miss here, against 5.5–6.9 ns per
/// miss in the trie walk; docs/accuracy.md, "Mispredicted branches").
/// Each call reads the next <c>iterations</c> bits of a 64 Ki-bit stream, so the random pattern
/// repeats only after 65,536 branches: far beyond any predictor's history, which a short array
/// reused on every call would not be (a TAGE predictor learns a pattern of a few hundred outcomes).
/// Both arms update two accumulators, so the JIT cannot turn the branch into a conditional move
/// (its if-conversion takes an arm of one assignment).
/// </remarks>
internal sealed class BranchMissKernels
{
    /// <summary>Bits in each stream (a power of two, a multiple of any iteration count up to it that is a multiple of 64).</summary>
    public const int StreamLength = 1 << 16;

    /// <summary>Mispredicted branches per iteration on random bits, in the steady state.</summary>
    public const double MissesPerIteration = 0.5;

    private readonly ulong[] _equal = new ulong[StreamLength / 64];
    private readonly ulong[] _random = new ulong[StreamLength / 64];
    private int _equalCursor;
    private int _randomCursor;

    public BranchMissKernels(int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[sizeof(ulong)];
        for (int i = 0; i < _random.Length; i++)
        {
            random.NextBytes(bytes);
            _random[i] = BitConverter.ToUInt64(bytes, 0);
        }
    }

    /// <summary>
    /// What one miss costs, from the two runs' nanoseconds per iteration: twice their difference (half
    /// the random branches miss). Never negative: when noise makes the random run the faster, 0.
    /// </summary>
    public static double MissNs(double predictedNsPerIteration, double mispredictedNsPerIteration) =>
        Math.Max(0, mispredictedNsPerIteration - predictedNsPerIteration) / MissesPerIteration;

    /// <summary>The loop on bits that never change: every branch predicted.</summary>
    public long Predicted(int iterations) => Run(_equal, ref _equalCursor, iterations);

    /// <summary>The same loop on random bits: half the branches mispredicted.</summary>
    public long Mispredicted(int iterations) => Run(_random, ref _randomCursor, iterations);

    /// <summary>One pass over the next <paramref name="iterations"/> bits (at most <see cref="StreamLength"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Run(ulong[] words, ref int cursor, int iterations)
    {
        int start = cursor + iterations <= StreamLength ? cursor : 0;
        long a = 1, b = 2;
        ulong word = 0;
        for (int i = 0; i < iterations; i++)
        {
            int bit = (start + i) & 63;
            if (bit == 0)
            {
                word = words[(start + i) >> 6];
            }

            if (((word >> bit) & 1) != 0)
            {
                a += i;
                b ^= a;
            }
            else
            {
                b += i;
                a ^= b;
            }
        }

        // The next call starts on a fresh word (its first iteration loads one).
        cursor = (start + iterations + 63) & ~63;
        return a + b;
    }
}
