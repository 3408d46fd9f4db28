namespace Pix;

/// <summary>What a measurement times: one call on its own, or calls back to back.</summary>
public enum MeasurementMode
{
    /// <summary>
    /// The latency of one call: every call of a timed batch waits until the previous call has
    /// completed (a load fence, <c>LFENCE</c>, between calls), so the processor cannot overlap the
    /// end of one call with the start of the next. This is what a performance interface predicts,
    /// and the default. Needs x86/x64 and .NET (Core); elsewhere the calls run back to back and the
    /// result says <see cref="Throughput"/>.
    /// </summary>
    Latency,

    /// <summary>
    /// The cost per call of calls made back to back, as BenchmarkDotNet measures it: an out-of-order
    /// core starts the next call's independent work while the previous call's dependency chains are
    /// still running, so calls of a few dozen nanoseconds measure faster than their latency (a
    /// 256-element binary search: about half).
    /// </summary>
    Throughput,
}
