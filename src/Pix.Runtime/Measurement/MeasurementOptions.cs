using System;

namespace Pix;

/// <summary>How <see cref="Measurement"/> times a piece of code. The defaults suit calls from about a nanosecond to a few milliseconds.</summary>
public sealed record MeasurementOptions
{
    /// <summary>The defaults: 1.5 s warm-up, batches of at least 100 µs, 21 measured batches.</summary>
    public static MeasurementOptions Default { get; } = new();

    /// <summary>
    /// How long to run the code before measuring. Warm-up is by time, not by count: with tiered
    /// compilation a loop method stays in tier-0 or OSR code (2–9x slower) for a while after its first
    /// calls, and each newly compiled method delays tiering further.
    /// </summary>
    public TimeSpan WarmupTime { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>
    /// Shortest duration of one timed batch. Calls shorter than this are repeated in a batch so the
    /// timer's resolution and the timing overhead stay small against the batch.
    /// </summary>
    public TimeSpan MinBatchTime { get; init; } = TimeSpan.FromTicks(1_000); // 100 µs

    /// <summary>Number of measured batches; the result is their median (odd counts give a true middle).</summary>
    public int BatchCount { get; init; } = 21;

    /// <summary>
    /// Largest relative difference between the median of the first and the last third of the batches
    /// for the timings to count as settled. When they differ more, the batches are measured again (up
    /// to <see cref="MaxSettleRounds"/> times) and the result says whether they settled.
    /// </summary>
    public double SettleTolerance { get; init; } = 0.05;

    /// <summary>How many rounds of batches to try before reporting an unsettled (or shared-core) result.</summary>
    public int MaxSettleRounds { get; init; } = 3;

    /// <summary>
    /// Subtract the cost of the measuring loop itself (an empty delegate call per iteration), as
    /// BenchmarkDotNet does. Matters for calls of a few nanoseconds.
    /// </summary>
    public bool SubtractOverhead { get; init; } = true;

    /// <summary>
    /// What to time: <see cref="MeasurementMode.Latency"/> (the default; each call on its own, which
    /// is what a performance interface predicts) or <see cref="MeasurementMode.Throughput"/> (calls
    /// back to back, BenchmarkDotNet's figure). The two differ for calls short enough that the
    /// processor overlaps consecutive ones (below a few hundred nanoseconds); see docs/accuracy.md.
    /// </summary>
    public MeasurementMode Mode { get; init; } = MeasurementMode.Latency;

    /// <summary>
    /// Probe the core's issue rate just before and just after each round of timed batches (a few ms
    /// each) and report it in <see cref="MeasurementResult.IssueRate"/>. A round whose rate is under
    /// 90% of the rate this process reads on a core of its own (<see cref="CoreMonitor.Reference"/>) ran while another hardware thread took issue slots of
    /// the same core (on a shared machine, another tenant); it is measured again like an unsettled round
    /// (up to <see cref="MaxSettleRounds"/>), and the result says whether the core it kept was shared
    /// (<see cref="MeasurementResult.CoreShared"/>). A calibrated profile describes a core of its own
    /// (the calibrator keeps each kernel's quietest pass), so this is the measurement to compare with it.
    /// </summary>
    public bool ProbeIssueRate { get; init; } = true;

    /// <summary>Run a full garbage collection before each batch (outside the timed region) rather than only before measuring.</summary>
    public bool CollectBeforeEachBatch { get; init; }

    /// <summary>
    /// Summarise only the batches no gen-0 collection ran in, when at least a third of the round's are such
    /// (<see cref="CollectionFreeBatches"/>; <see cref="MeasurementResult.BatchesLeftOut"/> says how many were left out):
    /// the figure to compare with a calibrated profile, which prices an allocation without the collections it
    /// eventually brings about. Off by default: a program's own timing of allocating code includes them.
    /// </summary>
    public bool SkipCollectedBatches { get; init; }

    /// <summary>
    /// Calls per timed batch, fixed instead of sized during the warm-up (the warm-up still runs, at
    /// this size): a caller that measures the same code again (the calibrator's later passes) reuses
    /// the size found the first time, so every pass times the same amount of work. Null: sized.
    /// </summary>
    internal long? CallsPerBatch { get; init; }

    /// <summary>
    /// For code that allocates: after the full collection that precedes the timed batches, run it
    /// until the next gen-0 collection (at most 2 s; not for code allocating under 25 MB/s) before timing it. Until then the
    /// allocator hands out memory the full collection left cold, and allocating code ran 2.5x slower
    /// (a calibration kernel of 16-byte arrays: 105-140 ns per iteration against 44-48 ns once a gen-0
    /// collection had passed); a program that allocates all along meets the settled allocator. Default true.
    /// </summary>
    public bool SettleAllocator { get; init; } = true;

    internal void Validate()
    {
        if (CallsPerBatch is < 1 or > MeasurementEngine.MaxCallsPerBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(CallsPerBatch), CallsPerBatch, $"Calls per batch must be between 1 and {MeasurementEngine.MaxCallsPerBatch}.");
        }

        if (WarmupTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(WarmupTime), WarmupTime, "Warm-up time cannot be negative.");
        }

        if (MinBatchTime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MinBatchTime), MinBatchTime, "The minimum batch time must be positive.");
        }

        if (BatchCount < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchCount), BatchCount, "At least 3 batches are needed for a median and a settle check.");
        }

        if (!(SettleTolerance > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(SettleTolerance), SettleTolerance, "The settle tolerance must be positive.");
        }

        if (Mode is not (MeasurementMode.Latency or MeasurementMode.Throughput))
        {
            throw new ArgumentOutOfRangeException(nameof(Mode), Mode, "The mode must be Latency or Throughput.");
        }

        if (MaxSettleRounds < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxSettleRounds), MaxSettleRounds, "At least one round of batches is needed.");
        }
    }
}
