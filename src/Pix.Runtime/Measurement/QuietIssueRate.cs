using System;
using System.Collections.Generic;

namespace Pix;

/// <summary>
/// The issue rate this process's probe reads on a core of its own, estimated from every reading so far: the
/// highest reading that enough other readings agree with. A shared core is judged against it
/// (<see cref="CoreMonitor.IsShared(double)"/>).
/// </summary>
/// <remarks>
/// Why not the highest reading: on this project's Zen 5 guest the probe reads one rate on a core of its own,
/// to 0.2% (4.66–4.67 in one process, 5.2 in another: the rate is the process's, not the machine's), 3.1–4.5
/// while the sibling thread is busy, and now and then one reading far above both (5.18, 6.75: docs/accuracy.md,
/// "Twenty-first session", `monitor21`). Against the highest reading, one such reading made every later
/// measurement of the process "shared" (the twentieth session's `heldout20` found sweeps with 69–94 of 95 sizes
/// flagged so). The quiet rate is the top of a tight cluster; a lone fast reading is no cluster. Why not the
/// calibrated profile's rate: the calibration's process read 5.2 where the validating processes read 4.67, under
/// 90% of it.
/// </remarks>
internal sealed class QuietIssueRate
{
    /// <summary>Two readings agree when they differ by at most this fraction of the higher (quiet readings differ by 0.2%).</summary>
    public const double Agreement = 0.02;

    /// <summary>
    /// A reading is the quiet rate when at least one reading in this many (and at least one other reading) agrees
    /// with it: a few lone fast readings over a long process do not make a cluster by agreeing with each other.
    /// </summary>
    public const int ReadingsPerAgreement = 20;

    private readonly List<double> _sorted = new();

    /// <summary>The estimate (0 before any reading).</summary>
    public double Value { get; private set; }

    /// <summary>Adds a reading (one that is not positive and finite, a probe that could not time, is ignored).</summary>
    public void Add(double reading)
    {
        if (!(reading > 0) || double.IsInfinity(reading))
        {
            return;
        }

        int at = _sorted.BinarySearch(reading);
        _sorted.Insert(at < 0 ? ~at : at, reading);
        Value = Of(_sorted);
    }

    /// <summary>
    /// The highest of <paramref name="ascending"/> (sorted, positive) that enough others agree with; when none does
    /// (the first readings of a process), the highest: with nothing to confirm it, a low reading after a high one is
    /// still taken for a neighbour, as before.
    /// </summary>
    internal static double Of(IReadOnlyList<double> ascending)
    {
        int n = ascending.Count;
        if (n == 0)
        {
            return 0;
        }

        int needed = Math.Max(1, n / ReadingsPerAgreement);
        int high = n - 1;   // the highest index whose reading is within Agreement above the candidate
        int low = n - 1;    // the lowest index whose reading is within Agreement below the candidate
        for (int i = n - 1; i >= 0; i--)
        {
            double rate = ascending[i];
            while (ascending[high] * (1 - Agreement) > rate)
            {
                high--;
            }

            low = Math.Min(low, i);
            while (low > 0 && ascending[low - 1] >= rate * (1 - Agreement))
            {
                low--;
            }

            if (high - low >= needed)
            {
                return rate;
            }
        }

        return ascending[n - 1];
    }
}
