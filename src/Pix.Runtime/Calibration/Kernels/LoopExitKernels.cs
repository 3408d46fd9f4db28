using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Pix.Calibration.Kernels;

/// <summary>
/// The loop-exit pair: a linear search (<c>for (i = 0; i &lt; items.Length; i++) if (items[i] == value) return i;</c>,
/// the extractor's "loop whose trip count data decide") called once per iteration, on values found at a fixed item every
/// call (the predictor learns where the loop stops) and on values found at one of <see cref="ExitPositions"/> items
/// drawn at random per call (it cannot: the exit is mispredicted). The random positions' mean is the fixed one, so both
/// runs search the same items on average; the difference per call is what one mispredicted exit costs
/// (<see cref="OperationClass.LoopExitMiss"/>, one per execution of such a loop as the extractor counts it).
/// </summary>
/// <remarks>
/// Why not the branch-miss pair's figure (<see cref="BranchMissKernels"/>): that branch's condition is a bit already in a
/// register, so it resolves as soon as it issues, and the loop goes on after it. A search's exit is different: the
/// compare waits for its item's load, the core has run ahead through later iterations that are all thrown away, and the
/// code after the loop (the return, the caller's next call) starts only after the refill. On the twenty-third session's
/// Zen 5 the exit cost 7–8.5 ns at 32–128 items whatever the compare's path (a five-operation hash of the item first:
/// 6.3–8.7 ns; two compares a step: 6.7–8.0 ns), against 5.2–5.4 ns for the pair's miss (docs/accuracy.md,
/// "Twenty-third session: the price of a mispredicted loop exit").
/// The fixed exit must be one the predictor learns: Zen 5 learns a fixed trip count up to 128 items, not from 144 on
/// (the Zen 3 guest of the seventh session about 192), so the search stops near <see cref="FixedPosition"/> (61 items):
/// short enough to be learnt, long enough that the loop runs ahead of the compare as a real search does.
/// Each call reads the next value of a 64 Ki-value stream, so the random pattern repeats only after 65,536 searches,
/// far beyond any predictor's history.
/// <para>The learnt search's speed depends on where the JIT places its code: 18.9–20.6 ns a search in eight calibrations,
/// 29.0–29.6 in two others (docs/accuracy.md, twenty-fourth session), so the calibrator times the pair in
/// <see cref="PlacementCopies.Count"/> copies (<see cref="PredictedCopies"/>, <see cref="MispredictedCopies"/>: copy k of
/// each run calls the same copy of the search) and prices the mean of the copies' differences.</para>
/// </remarks>
internal sealed class LoopExitKernels
{
    /// <summary>Values in each stream (a power of two).</summary>
    public const int StreamLength = 1 << 16;

    /// <summary>How many items the random exit is drawn from (consecutive, centred on <see cref="FixedPosition"/>).</summary>
    public const int ExitPositions = 9;

    /// <summary>Where the fixed run's search stops (an index: the search reads this many items plus one).</summary>
    public const int FixedPosition = 60;

    /// <summary>Mispredicted exits per search on random positions, in the steady state, as the extractor counts them.</summary>
    public const double MissesPerIteration = 1;

    /// <summary>The searched items: their own indices, so a value is found at the index it names.</summary>
    private readonly int[] _items = new int[FixedPosition + (ExitPositions / 2) + 1];
    private readonly int[] _fixed = new int[StreamLength];
    private readonly int[] _random = new int[StreamLength];
    private int _fixedCursor;
    private int _randomCursor;

    public LoopExitKernels(int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < _items.Length; i++)
        {
            _items[i] = i;
        }

        int first = FixedPosition - (ExitPositions / 2);
        for (int i = 0; i < StreamLength; i++)
        {
            _fixed[i] = FixedPosition;
            _random[i] = first + random.Next(ExitPositions);
        }
    }

    /// <summary>The items a search reads before it stops, on average, in either run.</summary>
    public static double MeanItemsSearched => FixedPosition + 1;

    /// <summary>The positions the random run draws from (for tests: their mean must be <see cref="FixedPosition"/>).</summary>
    internal ReadOnlySpan<int> RandomPositions => _random;

    /// <summary>
    /// What one mispredicted exit costs, from the random run's nanoseconds per search over the fixed run's (never
    /// negative: when noise makes the random run the faster, 0).
    /// </summary>
    public static double MissNs(double differenceNsPerIteration) => Math.Max(0, differenceNsPerIteration) / MissesPerIteration;

    /// <summary>
    /// The class's cost from the pair, or <paramref name="branchMissNs"/> when the pair measured no miss at all. A
    /// random run no slower than the fixed one is a failed measurement, not a free misprediction: a process's code
    /// placement or a noisy batch can slow the fixed run (one calibration at load 9 read its fixed run at 30.9 ns a
    /// search and saved 0: docs/network-functions.md, `nf24`), and a profile without the class prices it at its
    /// <c>BranchMiss</c> (the cost model before 4), which is where such a profile falls back to.
    /// </summary>
    public static (double Ns, bool Measured) MissNsOrBranchMiss(double differenceNsPerIteration, double branchMissNs)
    {
        double measured = MissNs(differenceNsPerIteration);
        return measured > 0 ? (measured, true) : (branchMissNs, false);
    }

    /// <summary>The searches stopping at the same item every call: every exit predicted (the first copy).</summary>
    public long Predicted(int iterations) => Predicted<Copy0>(iterations);

    /// <summary>The same searches stopping at an item drawn at random: the exit mispredicted, one miss a search as the extractor counts it (the first copy).</summary>
    public long Mispredicted(int iterations) => Mispredicted<Copy0>(iterations);

    /// <summary>The predicted run's copies, one a placement of the search's code (<see cref="PlacementCopies"/>).</summary>
    public IReadOnlyList<Func<int, long>> PredictedCopies => new Func<int, long>[] { Predicted<Copy0>, Predicted<Copy1>, Predicted<Copy2>, Predicted<Copy3> };

    /// <summary>The mispredicted run's copies: copy k searches with the same code as <see cref="PredictedCopies"/>' copy k.</summary>
    public IReadOnlyList<Func<int, long>> MispredictedCopies => new Func<int, long>[] { Mispredicted<Copy0>, Mispredicted<Copy1>, Mispredicted<Copy2>, Mispredicted<Copy3> };

    private long Predicted<TCopy>(int iterations)
        where TCopy : struct => Run<TCopy>(_items, _fixed, ref _fixedCursor, iterations);

    private long Mispredicted<TCopy>(int iterations)
        where TCopy : struct => Run<TCopy>(_items, _random, ref _randomCursor, iterations);

    /// <summary>
    /// <paramref name="iterations"/> searches for the next values of <paramref name="values"/>, with the copy
    /// <typeparamref name="TCopy"/> of the loop and of the search (each instantiation is its own compiled method).
    /// </summary>
    /// <remarks>Not inlined, so that both runs of copy k loop in the same code (copy k's search loop and its call of the search).</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Run<TCopy>(int[] items, int[] values, ref int cursor, int iterations)
        where TCopy : struct
    {
        if (PlacementCopies.Padded<TCopy>() && iterations < 0)
        {
            return PlacementCopies.Padding(iterations);
        }

        int start = cursor;
        long sum = 0;
        for (int i = 0; i < iterations; i++)
        {
            sum += IndexOf<TCopy>(items, values[(start + i) & (StreamLength - 1)]);
        }

        cursor = (start + iterations) & (StreamLength - 1);
        return sum;
    }

    /// <summary>The search, a call of its own as a searched method is: the caller's work after it waits for the exit.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int IndexOf<TCopy>(int[] items, int value)
        where TCopy : struct
    {
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i] == value)
            {
                return i;
            }
        }

        // Not found: never, in the kernel. A padded copy returns another negative number, from code that only moves the next copy's start.
        return PlacementCopies.Padded<TCopy>() ? (int)(PlacementCopies.Padding(value) | int.MinValue) : -1;
    }
}
