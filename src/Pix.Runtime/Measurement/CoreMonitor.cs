using System;

namespace Pix;

/// <summary>
/// Remembers the issue rates this process has probed, so a measurement can tell whether the core was its
/// own while it ran: a round of batches probed well below the rate of a core of its own
/// (<see cref="Reference"/>) ran while another hardware thread (on a shared machine, another tenant's)
/// took issue slots of the same core.
/// </summary>
/// <remarks>
/// On this project's VMs the probe reads one rate on an idle core (4.5–4.6 operations per cycle on the
/// Zen 3 guest, 4.67 or 5.2 on the Zen 5 guest) and 3.1–4.5 while the same Tier-1 code of throughput-bound
/// loops runs at its slow speed (docs/accuracy.md); the threshold, 90% of the reference, separates the two.
/// </remarks>
internal sealed class CoreMonitor
{
    /// <summary>A rate below this fraction of the highest seen counts as a shared core.</summary>
    public const double SharedBelow = 0.9;

    private readonly Func<double> _probe;
    private readonly object _gate = new();
    private readonly QuietIssueRate _quiet = new();
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

    /// <summary>
    /// The rate this process reads on a core of its own, which <see cref="IsShared(double)"/> judges against: the
    /// highest reading that others agree with (<see cref="QuietIssueRate"/>), so one stray fast reading does not make
    /// every later measurement look shared as it did when the highest reading was the reference (0 before the first probe).
    /// </summary>
    public double Reference
    {
        get
        {
            lock (_gate)
            {
                return _quiet.Value;
            }
        }
    }

    /// <summary>Probes the issue rate now and remembers it.</summary>
    public double Probe()
    {
        double rate = _probe();
        lock (_gate)
        {
            _highest = Math.Max(_highest, rate);
            _quiet.Add(rate);
        }

        return rate;
    }

    /// <summary>Whether <paramref name="rate"/> is low enough, against <see cref="Reference"/>, to say another thread shared the core.</summary>
    public bool IsShared(double rate) => IsShared(rate, Reference);

    /// <summary>
    /// The one rule for a shared core: <paramref name="rate"/> under <see cref="SharedBelow"/> of <paramref name="quietRate"/>,
    /// the rate of a core of its own (<see cref="Reference"/>, which the calibrator's passes are judged against too). The measurement harness, the calibrator's passes and <c>pix calibrate</c>'s
    /// warning all judge by it.
    /// </summary>
    public static bool IsShared(double rate, double quietRate) => rate < SharedBelow * quietRate;
}
