using System;
using System.Collections.Generic;
using System.Globalization;

namespace Pix;

/// <summary>
/// The steady-state cost of one call, from the median of several timed batches, with the spread
/// that says how far to trust it. <see cref="ToString()"/> gives <c>"1.23 µs ± 1.1%"</c> (median ± CV).
/// </summary>
public sealed class MeasurementResult
{
    internal MeasurementResult(
        SampleStatistics statistics,
        long callsPerBatch,
        bool settled,
        int rounds,
        double overheadNs,
        double? allocatedBytesPerCall,
        TimeSpan warmup,
        MeasurementMode mode,
        double issueRate,
        bool coreShared)
    {
        Samples = statistics.Sorted;
        Median = Latency.FromNanoseconds(statistics.Median);
        Mean = Latency.FromNanoseconds(statistics.Mean);
        Min = Latency.FromNanoseconds(statistics.Min);
        Max = Latency.FromNanoseconds(statistics.Max);
        LowerQuartile = Latency.FromNanoseconds(statistics.LowerQuartile);
        UpperQuartile = Latency.FromNanoseconds(statistics.UpperQuartile);
        CoefficientOfVariation = statistics.CoefficientOfVariation;
        CallsPerBatch = callsPerBatch;
        Settled = settled;
        Rounds = rounds;
        Overhead = Latency.FromNanoseconds(overheadNs);
        AllocatedBytesPerCall = allocatedBytesPerCall;
        WarmupTime = warmup;
        Mode = mode;
        IssueRate = issueRate;
        CoreShared = coreShared;
    }

    /// <summary>A copy with <see cref="CoreShared"/> judged anew; everything measured is the same.</summary>
    private MeasurementResult(MeasurementResult measured, bool coreShared)
    {
        Samples = measured.Samples;
        Median = measured.Median;
        Mean = measured.Mean;
        Min = measured.Min;
        Max = measured.Max;
        LowerQuartile = measured.LowerQuartile;
        UpperQuartile = measured.UpperQuartile;
        CoefficientOfVariation = measured.CoefficientOfVariation;
        CallsPerBatch = measured.CallsPerBatch;
        Settled = measured.Settled;
        Rounds = measured.Rounds;
        Overhead = measured.Overhead;
        AllocatedBytesPerCall = measured.AllocatedBytesPerCall;
        WarmupTime = measured.WarmupTime;
        Mode = measured.Mode;
        IssueRate = measured.IssueRate;
        CoreShared = coreShared;
        Gen0Collections = measured.Gen0Collections;
        BatchesLeftOut = measured.BatchesLeftOut;
    }

    /// <summary>
    /// This measurement with <see cref="CoreShared"/> judged against <paramref name="quietRate"/>, the rate of a core of
    /// its own known now (<see cref="CoreMonitor.Reference"/>) rather than the one known when it ran; itself when the
    /// verdict does not change, or when it was not probed (a rate of 0 says nothing about the core).
    /// </summary>
    /// <remarks>
    /// Why: the reference is built from every reading so far, so a measurement taken while the sibling thread was busy
    /// from the start of a process is judged against the busy rate and passes as quiet (the twenty-second session's TC=0
    /// sweep: probes 3.9–4.1 early, 4.7 later, nothing flagged; docs/accuracy.md).
    /// </remarks>
    internal MeasurementResult JudgedAgainst(double quietRate)
    {
        bool shared = IssueRate > 0 && CoreMonitor.IsShared(IssueRate, quietRate);
        return shared == CoreShared || !(IssueRate > 0) ? this : new MeasurementResult(this, shared);
    }

    /// <summary>Median time per call across batches: the figure to compare with a prediction.</summary>
    public Latency Median { get; }

    /// <summary>Mean time per call across batches.</summary>
    public Latency Mean { get; }

    /// <summary>Fastest batch, per call.</summary>
    public Latency Min { get; }

    /// <summary>Slowest batch, per call.</summary>
    public Latency Max { get; }

    /// <summary>25th percentile of the batches, per call.</summary>
    public Latency LowerQuartile { get; }

    /// <summary>75th percentile of the batches, per call.</summary>
    public Latency UpperQuartile { get; }

    /// <summary>Interquartile range (middle half of the batches), per call.</summary>
    public Latency InterquartileRange => UpperQuartile - LowerQuartile;

    /// <summary>Standard deviation over mean of the batches (0.011 = 1.1%): the noise of this measurement.</summary>
    public double CoefficientOfVariation { get; }

    /// <summary>
    /// Interquartile range over median: a noise figure that one preempted batch cannot inflate (on a
    /// shared machine the <see cref="CoefficientOfVariation"/> can exceed 100% from a single outlier
    /// while the median stays put).
    /// </summary>
    public double RelativeInterquartileRange => Median.Nanoseconds == 0 ? 0 : InterquartileRange.Nanoseconds / Median.Nanoseconds;

    /// <summary>Per-call time of each measured batch (overhead subtracted), ascending.</summary>
    public IReadOnlyList<double> Samples { get; }

    /// <summary>Calls per timed batch, chosen by the pilot stage so a batch lasts at least the minimum batch time.</summary>
    public long CallsPerBatch { get; }

    /// <summary>
    /// Whether the first and last batches agreed within the settle tolerance. False means the code
    /// was still changing speed (tiering, GC, frequency scaling, a noisy neighbour): treat the figure with care.
    /// </summary>
    public bool Settled { get; }

    /// <summary>How many rounds of batches were measured before the timings settled (or the limit was reached).</summary>
    public int Rounds { get; }

    /// <summary>Cost of the measuring loop per call, already subtracted from every figure.</summary>
    public Latency Overhead { get; }

    /// <summary>Bytes allocated on the heap per call during the measured batches; null where the runtime cannot tell (netstandard2.0).</summary>
    public double? AllocatedBytesPerCall { get; }

    /// <summary>
    /// What was timed: <see cref="MeasurementMode.Latency"/> (calls fenced off from each other) or
    /// <see cref="MeasurementMode.Throughput"/> (back to back; also what a latency request gives
    /// where no fence is available: not x86/x64, or the netstandard2.0 build).
    /// </summary>
    public MeasurementMode Mode { get; }

    /// <summary>
    /// The core's issue rate (operations per cycle, <see cref="Measurement.CoreIssueRate"/>) probed just
    /// before and just after the timed batches of the round kept, the lower of the two; 0 when not probed
    /// (<see cref="MeasurementOptions.ProbeIssueRate"/>). Well below the core's width, another hardware
    /// thread shared the core while this was measured, and code limited by the issue rate (not by
    /// dependency chains) ran slower than on a core of its own.
    /// </summary>
    public double IssueRate { get; }

    /// <summary>
    /// Whether the round kept ran at an issue rate under 90% of the rate of a core of its own (<see cref="CoreMonitor.Reference"/>)
    /// known when it ran, or, for a result judged again (<c>pix validate</c> does at the end of its run), known then:
    /// another hardware thread shared the core in every round tried (up to <see cref="MeasurementOptions.MaxSettleRounds"/>),
    /// and throughput-bound code measured slower than on a core of its own. Always false when not probed.
    /// </summary>
    public bool CoreShared { get; }

    /// <summary>
    /// Garbage collections (of any generation: each counts as a gen-0 one) that ran inside the timed
    /// batches of the round kept. Above zero, the median may include a collection's pause, amortised
    /// over a batch: code that allocates pays for its collections, code that does not was interrupted.
    /// </summary>
    public int Gen0Collections { get; internal init; }

    /// <summary>
    /// Batches of the kept round whose time the figures leave out because a gen-0 collection ran in them
    /// (<see cref="MeasurementOptions.SkipCollectedBatches"/>); 0 when every batch counts.
    /// </summary>
    public int BatchesLeftOut { get; internal init; }

    /// <summary>How long the code ran before measuring.</summary>
    public TimeSpan WarmupTime { get; }

    /// <summary><c>"1.23 µs ± 1.1%"</c>: median ± coefficient of variation, with a mark when not settled or measured on a shared core.</summary>
    public override string ToString() =>
        Median + " ± " + (CoefficientOfVariation * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%"
        + (Settled ? string.Empty : " (not settled)") + (CoreShared ? " (core shared)" : string.Empty);
}
