using System;
using System.Runtime.CompilerServices;

namespace Pix.Calibration.Kernels;

/// <summary>
/// The branch-miss pair: a loop that loads from one of two tables at each step, picked by the next bit
/// of a stream, run once on bits that are all equal (the predictor is always right) and once on random
/// bits (it is right half the time: no predictor does better on independent fair coin flips). Both runs
/// execute the same instructions; the difference per step is half a miss, so a miss costs twice the
/// difference (<see cref="MissesPerIteration"/>).
/// </summary>
/// <remarks>
/// What is measured is the time a miss takes from the front end: the refill, and the wait for the next
/// branch to resolve. The loads are independent of one another (the step's index, not the last load,
/// picks the entry), so no chain hides any of it: the pricing overlaps a miss with a block's chain
/// itself, when the branch's condition is off the chain (<c>HardwareProfile.PriceBlock</c>). Until the
/// eleventh session this kernel was the router's walk (each step's load at the node the last one
/// read), which measured only the part of a miss that the walk's one-load chain did not hide: 6.1 ns
/// on a quiet core, against 7.9–8.1 ns for a loop of ALU work (docs/accuracy.md, "Mispredicted
/// branches" and "Eleventh session: the router's direction branch").
/// The bit is in a register (<c>(word &gt;&gt; (i &amp; 63)) &amp; 1</c>, one word loaded every 64 steps).
/// Each call reads the next <c>iterations</c> bits of a 1 Mi-bit stream, so the random pattern
/// repeats only after 1,048,576 branches, four times the longest pattern a predictor was seen to learn
/// (<see cref="LearntPatternBits"/>). Until the twenty-seventh session the stream was 64 Ki bits, and the Zen 5
/// guest's predictor learnt part of it: the random run read 3.1-3.5 ns an iteration against 4.0-4.1 on a stream too
/// long to learn, how much it had learnt depending on what ran between its timings, so the miss read 5.0-5.6 ns in one
/// process and 6.0-6.4 with other branches run between batches, against 6.8-6.9 (docs/accuracy.md, `miss27`). The two
/// 128 KiB streams stay in the L2 and are read one word every 64 steps, in order.
/// Both arms load, so the JIT keeps a branch (<c>bt</c> + <c>jae</c>), not a conditional move.
/// </remarks>
internal sealed class BranchMissKernels
{
    /// <summary>Bits in each stream (a power of two, a multiple of any iteration count up to it that is a multiple of 64).</summary>
    public const int StreamLength = 4 * LearntPatternBits;

    /// <summary>
    /// The longest random pattern a predictor was seen to learn in part: on the Zen 5 guest the random run on a
    /// 256 Ki-bit stream read 3.86-3.89 ns an iteration (its quietest batch, load 6-8), on 512 Ki bits and longer
    /// 3.94-4.18, on 64 Ki bits 3.12-3.45 (miss27's branch-miss-probe).
    /// </summary>
    internal const int LearntPatternBits = 1 << 18;

    /// <summary>Mispredicted branches per iteration on random bits, in the steady state.</summary>
    public const double MissesPerIteration = 0.5;

    /// <summary>Entries of each table: two 1 KiB tables, in L1 whatever the bits.</summary>
    private const int Nodes = 256;

    private readonly ulong[] _equal = new ulong[StreamLength / 64];
    private readonly ulong[] _random = new ulong[StreamLength / 64];
    private readonly int[] _zero;
    private readonly int[] _one;
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

        _zero = RandomCycles.Successors(Nodes, random);
        _one = RandomCycles.Successors(Nodes, random);
    }

    /// <summary>
    /// What one miss costs, from the two runs' nanoseconds per iteration: twice their difference (half
    /// the random branches miss). Never negative: when noise makes the random run the faster, 0.
    /// </summary>
    public static double MissNs(double predictedNsPerIteration, double mispredictedNsPerIteration) =>
        MissNs(mispredictedNsPerIteration - predictedNsPerIteration);

    /// <summary>What one miss costs from the random run's nanoseconds per iteration over the equal run's (never negative).</summary>
    public static double MissNs(double differenceNsPerIteration) => Math.Max(0, differenceNsPerIteration) / MissesPerIteration;

    /// <summary>The walk on bits that never change: every branch predicted.</summary>
    public long Predicted(int iterations) => Run(_equal, ref _equalCursor, _zero, _one, iterations);

    /// <summary>The same walk on random bits: half the branches mispredicted.</summary>
    public long Mispredicted(int iterations) => Run(_random, ref _randomCursor, _zero, _one, iterations);

    /// <summary>One walk of <paramref name="iterations"/> steps over the next bits (at most <see cref="StreamLength"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Run(ulong[] words, ref int cursor, int[] zero, int[] one, int iterations)
    {
        int start = cursor + iterations <= StreamLength ? cursor : 0;
        long sum = 0;
        ulong word = 0;
        for (int i = 0; i < iterations; i++)
        {
            int bit = (start + i) & 63;
            if (bit == 0)
            {
                word = words[(start + i) >> 6];
            }

            // The index is the step's, not the last load's: no chain for a refill to hide behind.
            int slot = (start + i) & (Nodes - 1);
            sum += ((word >> bit) & 1) != 0 ? one[slot] : zero[slot];
        }

        // The next call starts on a fresh word (its first iteration loads one).
        cursor = (start + iterations + 63) & ~63;
        return sum;
    }
}
