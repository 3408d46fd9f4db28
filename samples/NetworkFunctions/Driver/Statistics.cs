using System;

namespace Pix.Samples.NetworkFunctions.Driver;

/// <summary>Order statistics for the driver's reports.</summary>
public static class Statistics
{
    /// <summary>The median (of a copy; the input is not reordered).</summary>
    public static double Median(ReadOnlySpan<double> values) => Percentile(values, 0.5);

    /// <summary>
    /// Per item, the mean of its values over the repetitions (<paramref name="repetitions"/>[r][item]) that lie
    /// within <paramref name="window"/> of the item's median over them; the others are dropped.
    /// Why a mean: the clock is coarse. On AMD Zen under KVM the TSC (and so <see cref="System.Diagnostics.Stopwatch"/>)
    /// advances in steps of 10 ns, so a timed region of 54 ns reads 50 or 60 ns, 60 with probability 0.4 (where the
    /// region starts between two steps is uniform). The mean of such readings is unbiased (54); any order statistic
    /// of them is not: the median is 50 or 60, and so was the median over packets of the trimmed mean this replaced
    /// (the middle three of seven readings), which reads a step's floor until 3 of 7 readings are high: for a
    /// region 3 ns past a step, 0 ns past it, and every packet of a workload whose packets all take the same code
    /// reads alike, so the workload's figure was off by up to 3.6 ns, and so was the empty scenario subtracted from it
    /// (the policer's 10 ns packets read 6.8: docs/accuracy.md "Eighteenth session: the short packets").
    /// Why a window: a repetition that lost the core comes back with cold caches and a packet's reading 5-10x the
    /// others (the plain mean over 7 of the load balancer's typical packets read 64 ns where their medians read 31,
    /// at load 44); with a window of two clock steps every reading of a region a step or two apart is kept and such
    /// a reading is not. The median is always kept, so every item has a mean.
    /// </summary>
    /// <param name="repetitions">Per repetition, one value per item.</param>
    /// <param name="window">How far from an item's median a value may lie and still count (inclusive), in the values' unit.</param>
    public static double[] WindowedMeanPerItem(double[][] repetitions, double window)
    {
        ArgumentNullException.ThrowIfNull(repetitions);
        if (!(window >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The window must be a non-negative number.");
        }

        return PerItem(repetitions, column =>
        {
            double median = Median(column);
            double sum = 0;
            int kept = 0;
            foreach (double value in column)
            {
                if (Math.Abs(value - median) <= window)
                {
                    sum += value;
                    kept++;
                }
            }

            return sum / kept;
        });
    }

    /// <summary>
    /// Per item, a trimmed mean of its values over the repetitions (<paramref name="repetitions"/>[r][item]):
    /// the lowest and the highest <c>(n - 1) / 3</c> of the n values dropped (2 and 2 of 7), the rest averaged.
    /// The driver's estimator to the seventeenth session, kept to compare with <see cref="WindowedMeanPerItem"/> on the
    /// same readings (bench/Pix.TimerFloor, bench/Pix.PacketClock): over packets that all read alike it is biased by up to a
    /// third of the clock's step (below).
    /// Not the median, because the clock is coarse: on AMD Zen the TSC (and so
    /// <see cref="System.Diagnostics.Stopwatch"/>) advances in steps of 10 ns, so a timed region of 54 ns
    /// reads 50 or 60 ns, 60 with probability 0.4 (where the region starts between two steps is uniform).
    /// Their mean is 54; their median is 50 or 60, and so is a median over packets of such medians: the
    /// measurement moved by a whole step between runs. Not the plain mean either, because a repetition
    /// that lost the core comes back with cold caches and a packet's reading 5–10x the others (the mean
    /// over 7 of the load balancer's typical packets read 64 ns where their medians read 31, at load 44).
    /// The trimmed mean keeps the median's indifference to two such repetitions in seven and moves in
    /// steps of a third of the clock's; its rounding error changes sign with where in the step the true length
    /// lies, so over packets of different lengths it averages out, but not over packets that take the same
    /// code: the median over them of a region 3 ns past a step reads the step (eighteenth session).
    /// </summary>
    public static double[] TrimmedMeanPerItem(double[][] repetitions)
    {
        ArgumentNullException.ThrowIfNull(repetitions);
        int trim = (repetitions.Length - 1) / 3;
        return PerItem(repetitions, column =>
        {
            Array.Sort(column);
            double sum = 0;
            for (int r = trim; r < column.Length - trim; r++)
            {
                sum += column[r];
            }

            return sum / (column.Length - 2 * trim);
        });
    }

    // Per item, reduce(its values over the repetitions); the column passed is reused from item to item and may be reordered.
    private static double[] PerItem(double[][] repetitions, Func<double[], double> reduce)
    {
        if (repetitions.Length == 0)
        {
            return Array.Empty<double>();
        }

        var results = new double[repetitions[0].Length];
        // Checked before the items are walked: a first repetition that timed none walks no item.
        foreach (double[] repetition in repetitions)
        {
            if (repetition.Length != results.Length)
            {
                throw new ArgumentException("Every repetition must time the same items.", nameof(repetitions));
            }
        }

        var column = new double[repetitions.Length];
        for (int i = 0; i < results.Length; i++)
        {
            for (int r = 0; r < repetitions.Length; r++)
            {
                column[r] = repetitions[r][i];
            }

            results[i] = reduce(column);
        }

        return results;
    }

    /// <summary>
    /// The step a clock advances by, from readings of it taken one after another (lengths of equal timed regions in the
    /// clock's unit): the median of the differences between consecutive readings that differ by more than
    /// <paramref name="resolution"/> (the unit's own step), or that unit when none does. One unit is left out because a
    /// clock that steps 10 ns but converts ticks to ns by a multiply and a shift reads 30, 31 and 40, 41: the smallest
    /// difference, or the two most frequent readings, then say 1 ns (both did, in the driver's first runs this session).
    /// </summary>
    public static double Step(ReadOnlySpan<double> readings, double resolution)
    {
        var differences = new System.Collections.Generic.List<double>();
        for (int i = 1; i < readings.Length; i++)
        {
            double difference = Math.Abs(readings[i] - readings[i - 1]);
            if (difference > resolution * 1.5)
            {
                differences.Add(difference);
            }
        }

        return differences.Count == 0 ? resolution : Median(differences.ToArray());
    }

    /// <summary>The <paramref name="p"/>-quantile by nearest rank (of a copy).</summary>
    public static double Percentile(ReadOnlySpan<double> values, double p)
    {
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        int rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
