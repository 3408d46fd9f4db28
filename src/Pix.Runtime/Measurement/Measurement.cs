using System;

namespace Pix;

/// <summary>
/// Times code the way BenchmarkDotNet does, in-process and in a few seconds: a time-based warm-up
/// (so tiered compilation reaches optimised code), a pilot stage that sizes batches to at least
/// <see cref="MeasurementOptions.MinBatchTime"/>, then <see cref="MeasurementOptions.BatchCount"/>
/// timed batches summarised by their median and spread, with a check that they have settled.
/// By default each call of a batch is fenced off from the next, so the figure is one call's latency
/// (<see cref="MeasurementMode"/>): what a performance interface predicts.
/// </summary>
/// <example>
/// <code>
/// byte[] data = new byte[4096];
/// MeasurementResult measured = Measurement.Measure(() => Checksums.Adler32(data));
/// Latency predicted = Checksums.LatencyOf_Adler32(data, profile);
/// Console.WriteLine($"predicted {predicted}, measured {measured}");   // measured 1.23 µs ± 1.1%
/// </code>
/// </example>
public static class Measurement
{
    /// <summary>
    /// Whether this process can time <see cref="MeasurementMode.Latency"/>: x86/x64 under .NET (Core).
    /// Elsewhere a latency request is timed back to back and its result says <see cref="MeasurementMode.Throughput"/>.
    /// </summary>
    public static bool CanMeasureLatency => LoadFence.IsAvailable;

    /// <summary>
    /// What a measurement requested in <paramref name="requested"/> mode times in this process: the same
    /// mode, except <see cref="MeasurementMode.Latency"/> where <see cref="CanMeasureLatency"/> is false,
    /// which is timed as <see cref="MeasurementMode.Throughput"/>. Callers that print what was measured say it up front.
    /// </summary>
    public static MeasurementMode EffectiveMode(MeasurementMode requested) =>
        requested == MeasurementMode.Latency && !CanMeasureLatency ? MeasurementMode.Throughput : requested;

    /// <summary>
    /// Operations per clock cycle this thread's core issues right now (a few milliseconds of probing):
    /// about the core's issue width (4 on most x86 cores) when the core is this thread's alone, about
    /// half when another hardware thread on it is busy. Code bound by the issue rate slows by that
    /// ratio while code bound by dependency chains does not, so a measurement taken at a low rate
    /// says less about the interface than about the neighbour (<see cref="MeasurementResult.IssueRate"/>).
    /// </summary>
    public static double CoreIssueRate() => CoreMonitor.Process.Probe();

    /// <summary>
    /// Whether <paramref name="issueRate"/>, read with <see cref="CoreIssueRate"/>, is low enough against the
    /// rate this process reads on a core of its own to say another hardware thread shared the core (under 90% of
    /// it; that rate is the highest reading others agree with, so one stray fast reading does not count):
    /// the test <see cref="MeasurementResult.CoreShared"/> applies, for callers that time code their own way.
    /// Probe around the timed work and pass the lower of the two readings.
    /// </summary>
    public static bool IsCoreShared(double issueRate) => CoreMonitor.Process.IsShared(issueRate);

    /// <summary>Measures one call of <paramref name="body"/>.</summary>
    public static MeasurementResult Measure(Action body, MeasurementOptions? options = null) =>
        Run(BatchRunner.For(body ?? throw new ArgumentNullException(nameof(body))), options);

    /// <summary>Measures one call of <paramref name="body"/>, keeping its result alive so the JIT cannot remove the work.</summary>
    public static MeasurementResult Measure<TResult>(Func<TResult> body, MeasurementOptions? options = null) =>
        Run(BatchRunner.For(body ?? throw new ArgumentNullException(nameof(body))), options);

    /// <summary>
    /// Measures one call of <paramref name="body"/> on a state that <paramref name="setup"/> prepares
    /// before every batch, outside the timed region (fresh inputs for code that consumes or mutates them).
    /// Every call of a batch receives the same state.
    /// </summary>
    public static MeasurementResult Measure<TState>(Func<TState> setup, Action<TState> body, MeasurementOptions? options = null) =>
        Run(BatchRunner.For(
            setup ?? throw new ArgumentNullException(nameof(setup)),
            body ?? throw new ArgumentNullException(nameof(body))), options);

    /// <summary>Measures a <see cref="Func{TResult}"/> of <see cref="long"/> (used by the calibrator).</summary>
    internal static MeasurementResult MeasureWith(Func<long> body, MeasurementOptions options) => Run(BatchRunner.For(body), options);

    private static MeasurementResult Run(BatchRunner runner, MeasurementOptions? options) =>
        new MeasurementEngine(options ?? MeasurementOptions.Default, TimeSource.System).Run(runner);
}
