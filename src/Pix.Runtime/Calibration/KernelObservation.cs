using System.Collections.Generic;

namespace Pix.Calibration;

/// <summary>Which bound a kernel exercises: its dependency chain (latency) or independent streams (throughput).</summary>
internal enum KernelBound
{
    Latency,
    Throughput,
}

/// <summary>
/// One timed kernel as the fit sees it: the operations one iteration performs, by class, and the
/// measured nanoseconds per iteration. For a latency kernel the counts are those on the
/// loop-carried chain; for a throughput kernel, all operations of the iteration.
/// </summary>
internal sealed record KernelObservation(
    string Name,
    KernelBound Bound,
    IReadOnlyDictionary<OperationClass, double> CountsPerIteration,
    double NanosecondsPerIteration);
