using System;
using System.Linq;

namespace Pix;

/// <summary>The stages of one measurement: warm-up with pilot sizing, measured rounds, overhead, statistics.</summary>
internal sealed class MeasurementEngine
{
    /// <summary>Upper bound on calls per batch, so a body the clock cannot see (0 ticks) still ends the pilot.</summary>
    internal const long MaxCallsPerBatch = 1L << 32;

    private const int MaxGrowthPerStep = 16;

    private readonly MeasurementOptions _options;
    private readonly TimeSource _clock;
    private readonly long _minBatchTicks;
    private readonly bool _fenced;
    private readonly CoreMonitor? _core;

    public MeasurementEngine(MeasurementOptions options, TimeSource clock, CoreMonitor? core = null)
    {
        options.Validate();
        _options = options;
        _clock = clock;
        _minBatchTicks = Math.Max(1, clock.FromSeconds(options.MinBatchTime.TotalSeconds));
        _fenced = Measurement.EffectiveMode(options.Mode) == MeasurementMode.Latency;
        _core = options.ProbeIssueRate ? core ?? CoreMonitor.Process : null;
    }

    /// <summary>What this engine measures: <see cref="MeasurementMode.Latency"/> only where a fence is available.</summary>
    public MeasurementMode Mode => _fenced ? MeasurementMode.Latency : MeasurementMode.Throughput;

    /// <summary>
    /// Warms up, then measures rounds of batches until one is settled and, when the core is probed,
    /// ran on a core of its own (<see cref="CoreMonitor"/>), at most <see cref="MeasurementOptions.MaxSettleRounds"/>;
    /// the result is the best round (settled before unsettled, then the highest issue rate).
    /// </summary>
    public MeasurementResult Run(BatchRunner runner)
    {
        long calls = WarmUp(runner);
        CollectGarbage();
        if (_options.SettleAllocator)
        {
            SettleAllocator(runner, calls);
        }

        Round? kept = null;
        int rounds = 0;
        while (rounds < _options.MaxSettleRounds)
        {
            rounds++;
            Round round = MeasureRound(runner, calls);
            if (kept is null || round.IsBetterThan(kept))
            {
                kept = round;
            }

            if (kept.Settled && !kept.CoreShared)
            {
                break;
            }
        }

        Round best = kept!;
        double overhead = _options.SubtractOverhead ? MeasureOverhead(runner, calls) : 0;
        double[] timed = (_options.SkipCollectedBatches ? CollectionFreeBatches.Of(best.Samples, best.BatchCollections) : null) ?? best.Samples;
        SampleStatistics statistics = SampleStatistics.Of(timed.Select(s => Math.Max(0, s - overhead)));
        double? allocatedPerCall = AllocationsObservable ? (double)best.Allocated / (calls * best.Samples.Length) : null;
        return new MeasurementResult(
            statistics, calls, best.Settled, rounds, overhead, allocatedPerCall, _options.WarmupTime, Mode, best.IssueRate, best.CoreShared)
        {
            Gen0Collections = best.Collections,
            BatchesLeftOut = best.Samples.Length - timed.Length,
        };
    }

    private Round MeasureRound(BatchRunner runner, long calls)
    {
        double rateBefore = _core?.Probe() ?? 0;
        var samples = new double[_options.BatchCount];
        var batchCollections = new int[samples.Length];
        long allocated = 0;
        for (int b = 0; b < samples.Length; b++)
        {
            if (_options.CollectBeforeEachBatch)
            {
                CollectGarbage();
            }

            runner.Setup();
            long before = AllocatedBytes();
            int collectionsBefore = GC.CollectionCount(0);
            long ticks = RunBatch(runner, calls);
            batchCollections[b] = GC.CollectionCount(0) - collectionsBefore;
            allocated += AllocatedBytes() - before;
            samples[b] = _clock.ToNanoseconds(ticks) / calls;
        }

        // The lower of the two probes: a neighbour that came or went during the round shows in one of them.
        double rate = _core is null ? 0 : Math.Min(rateBefore, _core.Probe());
        bool shared = _core is not null && _core.IsShared(rate);
        return new Round(samples, batchCollections, allocated, IsSettled(samples, _options.SettleTolerance), rate, shared);
    }

    private long RunBatch(BatchRunner runner, long calls) =>
        _fenced ? runner.Run<LoadFence>(calls, _clock) : runner.Run<BackToBack>(calls, _clock);

    private long RunEmptyBatch(BatchRunner runner, long calls) =>
        _fenced ? runner.RunEmpty<LoadFence>(calls, _clock) : runner.RunEmpty<BackToBack>(calls, _clock);

    /// <summary>
    /// Runs batches until the warm-up time has passed and a batch lasts at least the minimum batch
    /// time, re-sizing the batch after each one (code gets faster as it tiers up, so the size is taken
    /// from the last batches, not the first). Returns the calls per batch for the measured stage; with
    /// <see cref="MeasurementOptions.CallsPerBatch"/> set, warms up at that size and returns it.
    /// </summary>
    internal long WarmUp(BatchRunner runner)
    {
        if (_options.CallsPerBatch is long fixedCalls)
        {
            long stop = _clock.GetTimestamp() + _clock.FromSeconds(_options.WarmupTime.TotalSeconds);
            do
            {
                runner.Setup();
                RunBatch(runner, fixedCalls);
            }
            while (_clock.GetTimestamp() < stop);
            return fixedCalls;
        }

        long calls = 1;
        var recent = new RecentBatches();
        long end = _clock.GetTimestamp() + _clock.FromSeconds(_options.WarmupTime.TotalSeconds);
        while (true)
        {
            runner.Setup();
            long ticks = RunBatch(runner, calls);
            recent.Add(calls, ticks);
            bool longEnough = ticks >= _minBatchTicks || calls >= MaxCallsPerBatch;
            long next = NextBatchSize(calls, ticks, _minBatchTicks);
            if (longEnough && _clock.GetTimestamp() >= end)
            {
                // Keep the size that met the target unless the recent batches say it is now far off.
                // The fastest of them decides: an interruption (another process, a collection) only
                // ever adds time, and sizing from one interrupted last batch shrank batches 10-25x.
                long fastest = recent.FastestTicksFor(calls);
                return fastest > 2 * _minBatchTicks ? NextBatchSize(calls, fastest, _minBatchTicks) : calls;
            }

            calls = next;
        }
    }

    /// <summary>
    /// Runs batches of code that allocates until the first gen-0 collection after the full one that
    /// precedes the timed batches (at most <see cref="MaxSettleTime"/>), so they time the allocator as
    /// a program that allocates all along meets it, not the heap just after a full collection. A
    /// collection forced here does not do it (the allocation kernel stayed slow after 4 of 11), only
    /// one the allocation itself brings about. Code that allocates too slowly for the allocator's state
    /// to matter (<see cref="MinSettledRate"/>) is timed at once.
    /// </summary>
    private void SettleAllocator(BatchRunner runner, long calls)
    {
        int collections = GC.CollectionCount(0);
        long stop = _clock.GetTimestamp() + _clock.FromSeconds(MaxSettleTime.TotalSeconds);
        long before = AllocatedBytes();
        runner.Setup();
        long ticks = RunBatch(runner, calls);
        double bytesPerNanosecond = (AllocatedBytes() - before) / Math.Max(1, _clock.ToNanoseconds(ticks));
        if (bytesPerNanosecond < MinSettledRate)
        {
            return;
        }

        while (GC.CollectionCount(0) == collections && _clock.GetTimestamp() < stop)
        {
            runner.Setup();
            RunBatch(runner, calls);
        }
    }

    /// <summary>
    /// Bytes per nanosecond below which the allocator's state is not worth settling: the unsettled
    /// allocator cost about 0.4 ns more per byte here, under 1% of the time of code allocating this little.
    /// </summary>
    internal const double MinSettledRate = 0.025;

    /// <summary>
    /// Longest <see cref="SettleAllocator"/> runs, wall clock. Code that allocates fast goes through a
    /// gen-0 budget (about 80 MB here) in 16-40 ms of its own time, which on a loaded machine took over
    /// 0.1 s (the calibration kernels stayed unsettled with a 0.1 s limit at load 28).
    /// </summary>
    private static readonly TimeSpan MaxSettleTime = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The batch size that would have made a batch of <paramref name="calls"/> taking
    /// <paramref name="ticks"/> last about 10% over the target; grows at most 16x per step (the first
    /// calls are the slowest) and never below one call.
    /// </summary>
    internal static long NextBatchSize(long calls, long ticks, long targetTicks)
    {
        // decimal: exact for these magnitudes, so the size does not depend on rounding noise.
        decimal wanted = ticks <= 0
            ? (decimal)calls * MaxGrowthPerStep
            : Math.Ceiling(calls * 1.1m * targetTicks / ticks);
        wanted = Math.Min(wanted, (decimal)calls * MaxGrowthPerStep);
        return (long)Math.Max(1, Math.Min(wanted, MaxCallsPerBatch));
    }

    /// <summary>True when the medians of the first and the last third of the batches differ by at most <paramref name="tolerance"/> (relative).</summary>
    internal static bool IsSettled(double[] samples, double tolerance)
    {
        int third = Math.Max(1, samples.Length / 3);
        double first = SampleStatistics.MedianOf(samples.Take(third));
        double last = SampleStatistics.MedianOf(samples.Skip(samples.Length - third));
        double larger = Math.Max(first, last);
        return larger == 0 || Math.Abs(last - first) / larger <= tolerance;
    }

    private double MeasureOverhead(BatchRunner runner, long calls)
    {
        // A few unrecorded batches first: the empty delegate's target is new code to the JIT.
        const int Discarded = 3;
        var perCall = new double[_options.BatchCount];
        for (int b = -Discarded; b < perCall.Length; b++)
        {
            long ticks = RunEmptyBatch(runner, calls);
            if (b >= 0)
            {
                perCall[b] = _clock.ToNanoseconds(ticks) / calls;
            }
        }

        return SampleStatistics.MedianOf(perCall);
    }

    /// <summary>The time per call of the last few warm-up batches (their sizes may differ).</summary>
    private sealed class RecentBatches
    {
        private const int Kept = 3;
        private readonly double[] _ticksPerCall = new double[Kept];
        private int _count;

        public void Add(long calls, long ticks) => _ticksPerCall[_count++ % Kept] = (double)ticks / calls;

        /// <summary>What a batch of <paramref name="calls"/> would take at the fastest recent rate.</summary>
        public long FastestTicksFor(long calls) => (long)Math.Ceiling(_ticksPerCall.Take(Math.Min(_count, Kept)).Min() * calls);
    }

    /// <summary>One round of timed batches and what the core was doing meanwhile.</summary>
    private sealed record Round(double[] Samples, int[] BatchCollections, long Allocated, bool Settled, double IssueRate, bool CoreShared)
    {
        /// <summary>The gen-0 collections in all the round's batches.</summary>
        public int Collections => BatchCollections.Sum();

        public bool IsBetterThan(Round other) =>
            Settled != other.Settled ? Settled : IssueRate > other.IssueRate;
    }

    private static void CollectGarbage()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

#if NET
    private const bool AllocationsObservable = true;

    private static long AllocatedBytes() => GC.GetAllocatedBytesForCurrentThread();
#else
    private const bool AllocationsObservable = false;

    private static long AllocatedBytes() => 0;
#endif
}
