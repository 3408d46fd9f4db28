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
/// </remarks>
internal static class RepeatedMeasurements
{
    /// <summary>Two measurements on a core of their own within this (relative) of each other settle a size.</summary>
    public const double AgreeWithin = 0.05;

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
    /// The measurement kept: the median of those on a core of their own (of all, when none was); of an
    /// even count, the earlier of the middle two (of two that agree, the first).
    /// </summary>
    public static MeasurementResult Kept(IReadOnlyList<MeasurementResult> measurements)
    {
        if (measurements.Count == 0)
        {
            throw new ArgumentException("At least one measurement is needed.", nameof(measurements));
        }

        MeasurementResult[] pool = measurements.Any(m => !m.CoreShared) ? measurements.Where(m => !m.CoreShared).ToArray() : measurements.ToArray();
        (MeasurementResult Result, int Order)[] byValue = pool.Select((m, i) => (m, i)).OrderBy(p => Ns(p.m)).ThenBy(p => p.i).ToArray();
        if (byValue.Length % 2 == 1)
        {
            return byValue[byValue.Length / 2].Result;
        }

        var (lower, upper) = (byValue[(byValue.Length / 2) - 1], byValue[byValue.Length / 2]);
        return lower.Order < upper.Order ? lower.Result : upper.Result;
    }

    private static double Ns(MeasurementResult m) => m.Median.Nanoseconds;
}
