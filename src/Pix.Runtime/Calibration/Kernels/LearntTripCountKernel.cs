using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;

namespace Pix.Calibration.Kernels;

/// <summary>
/// The learnt-trip-count kernel: the loop-exit pair's search (<see cref="LoopExitKernels"/>, the Quickstart's
/// <c>IndexOf</c>), called on a value found after the same number of iterations every call, timed a call at the trip
/// counts of a ladder. Up to the count the predictor learns, a call costs the items' line (its exit is predicted); past
/// it, one more loop-exit miss a call (bench/Pix.IndexOfStep, docs/accuracy.md, twenty-seventh session, <c>index27</c>).
/// <see cref="LearntTripCountFit"/> finds the step: coarse (every 32 iterations), then fine (every 8) around it.
/// </summary>
/// <remarks>
/// Timed once, after the passes, like the memory-latency kernel: its figure is a step several ns high, found by medians
/// over the ladder, not a cost the passes' quietest timing sharpens. Each point is <see cref="Rounds"/> rounds of
/// <see cref="Batches"/> batches of <see cref="CallsPerBatch"/> calls, after <see cref="WarmCalls"/> untimed calls that
/// let the predictor learn the new count; a round's figure is its batches' median, the point's the lowest round (the
/// work is fixed: interference only adds). Rounds walk the ladder forwards, then backwards, so no point always follows
/// the same one. The code is compiled optimised from its first call (<c>AggressiveOptimization</c>), so no tier-up falls
/// inside the ladder.
/// </remarks>
internal sealed class LearntTripCountKernel
{
    /// <summary>Rounds over the ladder.</summary>
    public const int Rounds = 5;

    /// <summary>Timed batches per point and round.</summary>
    public const int Batches = 7;

    /// <summary>Calls a batch: ~30–110 ns each, so a batch is 30–110 µs, well under a time slice.</summary>
    public const int CallsPerBatch = 1000;

    /// <summary>Untimed calls before a point's batches, for the predictor to learn its count.</summary>
    public const int WarmCalls = 500;

    /// <summary><c>MethodImplOptions.AggressiveOptimization</c>, which netstandard2.0 does not name.</summary>
    private const MethodImplOptions AggressiveOptimization = (MethodImplOptions)512;

    /// <summary>The searched items, their own indices: a value is found at the index it names.</summary>
    private readonly int[] _items;

    public LearntTripCountKernel()
    {
        int longest = LearntTripCountFit.CoarseLadder.Max() + (LearntTripCountFit.MinimumSide * LearntTripCountFit.FineSpacing);
        _items = Enumerable.Range(0, longest).ToArray();
    }

    /// <summary>
    /// The ladder timed and fitted: the coarse ladder, and when it has a step of at least <paramref name="minimumStepNs"/>,
    /// the fine ladder through it.
    /// </summary>
    public LearntTripCountTiming Measure(double minimumStepNs)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<TripTiming> coarse = Time(LearntTripCountFit.CoarseLadder);
        TripStep? coarseStep = LearntTripCountFit.Step(coarse, minimumStepNs);
        if (coarseStep is null)
        {
            return new LearntTripCountTiming(null, minimumStepNs, coarse, Array.Empty<TripTiming>(), null, clock.Elapsed);
        }

        IReadOnlyList<TripTiming> fine = Time(LearntTripCountFit.FineLadder(coarseStep));
        return new LearntTripCountTiming(LearntTripCountFit.Step(fine, minimumStepNs), minimumStepNs, coarse, fine, coarseStep, clock.Elapsed);
    }

    /// <summary>ns a call at each trip count of <paramref name="ladder"/> (<see cref="LearntTripCountKernel"/>'s remarks).</summary>
    private IReadOnlyList<TripTiming> Time(IReadOnlyList<int> ladder)
    {
        var lowest = ladder.ToDictionary(n => n, _ => double.PositiveInfinity);
        var batches = new double[Batches];
        for (int round = 0; round < Rounds; round++)
        {
            IEnumerable<int> order = round % 2 == 0 ? ladder : ladder.Reverse();
            foreach (int trips in order)
            {
                // Found at index trips − 1: the loop runs trips iterations.
                int value = trips - 1;
                Calls(_items, value, WarmCalls);
                for (int b = 0; b < Batches; b++)
                {
                    long start = Stopwatch.GetTimestamp();
                    Calls(_items, value, CallsPerBatch);
                    long ticks = Stopwatch.GetTimestamp() - start;
                    batches[b] = ticks * (1e9 / Stopwatch.Frequency) / CallsPerBatch;
                }

                Array.Sort(batches);
                lowest[trips] = Math.Min(lowest[trips], batches[Batches / 2]);
            }
        }

        return ladder.Select(n => new TripTiming(n, lowest[n])).ToList();
    }

    [MethodImpl(MethodImplOptions.NoInlining | AggressiveOptimization)]
    private static long Calls(int[] items, int value, int calls)
    {
        long sum = 0;
        for (int i = 0; i < calls; i++)
        {
            sum += IndexOf(items, value);
        }

        return sum;
    }

    /// <summary>The search, the Quickstart's <c>IndexOf</c>: a call of its own, as a searched method is.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | AggressiveOptimization)]
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
}
