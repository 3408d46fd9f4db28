using System;

namespace Pix;

/// <summary>
/// Remembers the highest issue rate this process has probed, so a measurement can tell whether the
/// core was its own while it ran: a round of batches probed well below that rate ran while another
/// hardware thread (on a shared machine, another tenant's) took issue slots of the same core.
/// </summary>
/// <remarks>
/// On this project's VM the probe reads 4.5–4.6 operations per cycle on an idle core and 3.1–3.9 while
/// the same Tier-1 code of throughput-bound loops runs at its slow speed (docs/accuracy.md); the
/// threshold, 90% of the highest rate seen, separates the two.
/// </remarks>
internal sealed class CoreMonitor
{
    /// <summary>A rate below this fraction of the highest seen counts as a shared core.</summary>
    public const double SharedBelow = 0.9;

    private readonly Func<double> _probe;
    private readonly object _gate = new();
    private double _highest;

    public CoreMonitor(Func<double> probe) => _probe = probe;

    /// <summary>The process-wide monitor over <see cref="IssueRateProbe"/>.</summary>
    public static CoreMonitor Process { get; } = new(IssueRateProbe.Measure);

    /// <summary>The highest rate probed so far (0 before the first probe).</summary>
    public double Highest
    {
        get
        {
            lock (_gate)
            {
                return _highest;
            }
        }
    }

    /// <summary>Probes the issue rate now and remembers it if it is the highest yet.</summary>
    public double Probe()
    {
        double rate = _probe();
        lock (_gate)
        {
            _highest = Math.Max(_highest, rate);
        }

        return rate;
    }

    /// <summary>Whether <paramref name="rate"/> is low enough, against the highest seen, to say another thread shared the core.</summary>
    public bool IsShared(double rate) => IsShared(rate, Highest);

    /// <summary>
    /// The one rule for a shared core: <paramref name="rate"/> under <see cref="SharedBelow"/> of <paramref name="highest"/>,
    /// the highest rate the process probed. The measurement harness, the calibrator's passes and <c>pix calibrate</c>'s
    /// warning all judge by it.
    /// </summary>
    public static bool IsShared(double rate, double highest) => rate < SharedBelow * highest;
}
