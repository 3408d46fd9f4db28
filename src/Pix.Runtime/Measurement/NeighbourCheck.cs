using System;
using System.Diagnostics;

namespace Pix;

/// <summary>
/// After every timed batch, a few microseconds of issue-bound reference code, timed against the
/// fastest this process has seen it run: a batch followed by a reference over <see cref="SlowerThan"/>
/// that ran while another hardware thread took issue slots of the same core.
/// </summary>
/// <remarks>
/// Why per batch: on this project's VM the same Tier-1 code (Geometry.Multiply, Search.IndexOf) runs
/// at two speeds 2.0–2.4x apart, in episodes from one millisecond to whole sweeps, and the slow speed
/// follows issue-bound reference code (2.1–2.2x slower in the same moments) while a dependency chain
/// slows 1.2x and the arrays' placement does not matter (docs/accuracy.md, "Sixteenth session: bimodal
/// kernels"). The issue-rate probe around a round (<see cref="CoreMonitor"/>) takes each kernel's fastest
/// of five and runs before and after the batches: it read 3.2 after slow moments and 3.5 after fast ones
/// where the reference code ran 2.2x apart, so a round in an episode was kept as "own core" and a
/// sweep was scored in the slow mode. A reference right after each batch sees the moment the batch ran in.
/// </remarks>
internal sealed class NeighbourCheck
{
    /// <summary>A reference this much slower than its fastest marks its batch as run on a shared core.</summary>
    public const double SlowerThan = 1.5;

    private readonly Func<double> _timeReference;
    private readonly object _gate = new();
    private double _fastest = double.MaxValue;

    /// <param name="timeReference">Times one run of the reference code, in nanoseconds.</param>
    public NeighbourCheck(Func<double> timeReference) => _timeReference = timeReference;

    /// <summary>The process-wide check over <see cref="IssueRateProbe.Streams"/>.</summary>
    public static NeighbourCheck Process { get; } = new(TimeReferenceNs);

    /// <summary>Times the reference once; true when it ran over <see cref="SlowerThan"/> times the fastest seen (this run included).</summary>
    public bool Shared()
    {
        double ns = _timeReference();
        lock (_gate)
        {
            _fastest = Math.Min(_fastest, ns);
            return ns > SlowerThan * _fastest;
        }
    }

    private const int Iterations = 4096;

    private static double TimeReferenceNs()
    {
        long start = Stopwatch.GetTimestamp();
        // The probe's issue-bound kernel (six independent add/xor streams, Tier-1 from the first call):
        // about 5 µs here, short enough to see the moment the batch before it ran in.
        Sink = IssueRateProbe.Streams(Iterations);
        return (Stopwatch.GetTimestamp() - start) * (1e9 / Stopwatch.Frequency);
    }

    /// <summary>Keeps the reference's result alive so the JIT cannot drop it.</summary>
    private static long Sink { get; set; }
}
