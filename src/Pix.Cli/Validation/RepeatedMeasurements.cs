using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Cli.Validation;

/// <summary>
/// One size measured in several passes over a sweep: whether its measurements settle it, and which one is kept.
/// </summary>
/// <remarks>
/// Why passes: two sweeps of the Quickstart on this shared machine agree within 0.4–0.9% at the median
/// size, but 4–10% of the sizes measured on a core of their own in both differ by more than 10% between them (a 16×16
/// product 3.52 µs in one sweep and 5.06 µs in the next, each with batches spread under 20%), and one
/// such size in five held out decides whether a fit is judged within 5%. The state that slows a size
/// lasts for its whole measurement (a few milliseconds of batches) but not for a whole sweep, so a size
/// measured again a sweep later is measured in another state; the median of three is one neither of the
/// other two can move alone.
/// <para>
/// Why two modes: on the same machine Geometry.Multiply and Search.IndexOf run at two speeds 2.0–2.4x
/// apart, in episodes from a millisecond to a whole sweep, and the slow speed is the core's, not the
/// code's: issue-bound reference loops slow 2.0–2.2x in the same moments, a dependency chain 1.0–1.2x,
/// and where the arrays sit does not matter (docs/accuracy.md, "Sixteenth session: bimodal kernels").
/// The issue-rate probe does not see it (3.50 after slow and fast moments alike). A median of three in
/// which two ran slow scores the slow mode as the size's latency; the profile was calibrated on the
/// quiet passes, so the faster mode is the one to compare with it.
/// </para>
/// </remarks>
internal static class RepeatedMeasurements
{
    /// <summary>Two measurements on a core of their own within this (relative) of each other settle a size.</summary>
    public const double AgreeWithin = 0.05;

    /// <summary>
    /// Two measurements this far apart or further (the slower over the faster) are in two modes. The two
    /// speeds were 2.0–2.4x apart, but a measurement caught partly in a slow episode lands between them
    /// (the steps between a size's passes in 14 sweeps ran from 1.0 to 2.2 without a gap): 1.5 is a
    /// choice halfway, not a gap in the data.
    /// </summary>
    public const double ModesApart = 1.5;

    /// <summary>Whether two of <paramref name="measurements"/> on a core of their own agree within <see cref="AgreeWithin"/>.</summary>
    public static bool Agree(IReadOnlyList<MeasurementResult> measurements)
    {
        double[] own = measurements.Where(m => !m.CoreShared).Select(Ns).ToArray();
        for (int i = 0; i < own.Length; i++)
        {
            for (int j = i + 1; j < own.Length; j++)
            {
                if (Math.Abs(own[i] - own[j]) <= AgreeWithin * Math.Min(own[i], own[j]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The measurement kept: the median of those on a core of their own (when none was, of the least
    /// shared, <see cref="LeastShared"/>) in the faster of two modes (<see cref="FasterMode"/>); of an even
    /// count, the earlier of the middle two (of two that agree, the first), except that when none had a core
    /// of its own, the one probed at the higher issue rate.
    /// </summary>
    public static MeasurementResult Kept(IReadOnlyList<MeasurementResult> measurements)
    {
        MeasurementResult[] pool = FasterMode(Pool(measurements));
        (MeasurementResult Result, int Order)[] byValue = pool.Select((m, i) => (m, i)).OrderBy(p => Ns(p.m)).ThenBy(p => p.i).ToArray();
        if (byValue.Length % 2 == 1)
        {
            return byValue[byValue.Length / 2].Result;
        }

        // With every pass shared, the higher rate is the quieter core: the one the sibling took fewer issue slots from.
        var (lower, upper) = (byValue[(byValue.Length / 2) - 1], byValue[byValue.Length / 2]);
        if (measurements.All(m => m.CoreShared) && lower.Result.IssueRate != upper.Result.IssueRate)
        {
            return lower.Result.IssueRate > upper.Result.IssueRate ? lower.Result : upper.Result;
        }

        return lower.Order < upper.Order ? lower.Result : upper.Result;
    }

    /// <summary>
    /// The measurements <see cref="Kept"/> left out as the slower of two modes, in their order; empty when
    /// the measurements are in one mode. The report lists them beside the size, so nothing measured is lost.
    /// </summary>
    public static MeasurementResult[] SlowerMode(IReadOnlyList<MeasurementResult> measurements)
    {
        MeasurementResult[] pool = Pool(measurements);
        return SlowModeFrom(pool) is double slow ? pool.Where(m => Ns(m) >= slow).ToArray() : [];
    }

    /// <summary>
    /// Of <paramref name="pool"/>, in its order, those below the slower mode (<see cref="SlowModeFrom"/>);
    /// all of them when the pool is in one mode.
    /// </summary>
    internal static MeasurementResult[] FasterMode(MeasurementResult[] pool) =>
        SlowModeFrom(pool) is double slow ? pool.Where(m => Ns(m) < slow).ToArray() : pool;

    /// <summary>
    /// The smallest median of the slower mode: the one above the widest step between two consecutive medians
    /// (ascending) when that step is <see cref="ModesApart"/> or more; null when the pool is in one mode.
    /// </summary>
    private static double? SlowModeFrom(MeasurementResult[] pool)
    {
        double[] sorted = pool.Select(Ns).OrderBy(ns => ns).ToArray();
        double widest = 1;
        double above = double.MaxValue;
        for (int i = 1; i < sorted.Length; i++)
        {
            double step = sorted[i - 1] > 0 ? sorted[i] / sorted[i - 1] : 1;
            if (step > widest)
            {
                (widest, above) = (step, sorted[i]);
            }
        }

        return widest >= ModesApart ? above : null;
    }

    /// <summary>The measurements on a core of their own; the least shared (<see cref="LeastShared"/>) when none was.</summary>
    private static MeasurementResult[] Pool(IReadOnlyList<MeasurementResult> measurements)
    {
        if (measurements.Count == 0)
        {
            throw new ArgumentException("At least one measurement is needed.", nameof(measurements));
        }

        return measurements.Any(m => !m.CoreShared) ? measurements.Where(m => !m.CoreShared).ToArray() : LeastShared(measurements);
    }

    /// <summary>
    /// Of measurements that all ran on a shared core, those probed at an issue rate the shared-core rule
    /// (<see cref="CoreMonitor.IsShared(double, double)"/>) would not call shared against the best rate among
    /// them; all of them when a rate is missing (not probed).
    /// </summary>
    /// <remarks>
    /// Why: the shared-core test compares a rate with the highest the process ever probed, and one quiet
    /// moment early in a sweep can leave every later pass below it (a whole Quickstart sweep at 4.7/cycle,
    /// flagged shared against one reading of 5.23 or more). The size's own passes still differ: those at 3.7–4.3
    /// ran up to 1.8x slower than the same size's passes at 4.7 (Repeat at 8 words 89.8 ns at 3.9/cycle against 50.5
    /// and 66.0 ns at 4.7; ClosestPair at n = 724 233 µs at 4.0 and 214 µs at 4.3 against 152 µs at 4.7), and
    /// a median over all of them scores the sibling's share of the core as the method's latency.
    /// </remarks>
    internal static MeasurementResult[] LeastShared(IReadOnlyList<MeasurementResult> measurements)
    {
        if (measurements.Any(m => !(m.IssueRate > 0)))
        {
            return measurements.ToArray();
        }

        double best = measurements.Max(m => m.IssueRate);
        return measurements.Where(m => !CoreMonitor.IsShared(m.IssueRate, best)).ToArray();
    }

    private static double Ns(MeasurementResult m) => m.Median.Nanoseconds;
}
