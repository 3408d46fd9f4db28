using System;

namespace Pix.Samples.NetworkFunctions.Driver;

/// <summary>Order statistics for the driver's reports.</summary>
public static class Statistics
{
    /// <summary>The median (of a copy; the input is not reordered).</summary>
    public static double Median(ReadOnlySpan<double> values) => Percentile(values, 0.5);

    /// <summary>
    /// Per item, a trimmed mean of its values over the repetitions (<paramref name="repetitions"/>[r][item]):
    /// the lowest and the highest <c>(n - 1) / 3</c> of the n values dropped (2 and 2 of 7), the rest averaged.
    /// Not the median, because the clock is coarse: on AMD Zen the TSC (and so
    /// <see cref="System.Diagnostics.Stopwatch"/>) advances in steps of 10 ns, so a timed region of 54 ns
    /// reads 50 or 60 ns, 60 with probability 0.4 (where the region starts between two steps is uniform).
    /// Their mean is 54; their median is 50 or 60, and so is a median over packets of such medians: the
    /// measurement moved by a whole step between runs. Not the plain mean either, because a repetition
    /// that lost the core comes back with cold caches and a packet's reading 5–10x the others (the mean
    /// over 7 of the load balancer's typical packets read 64 ns where their medians read 31, at load 44).
    /// The trimmed mean keeps the median's indifference to two such repetitions in seven and moves in
    /// steps of a third of the clock's; its rounding error (at most 1.4 ns for one packet's 7 readings of
    /// a region 10 ns apart) changes sign with where in the step the true length lies, so over packets
    /// of different lengths it averages out.
    /// </summary>
    public static double[] TrimmedMeanPerItem(double[][] repetitions)
    {
        ArgumentNullException.ThrowIfNull(repetitions);
        if (repetitions.Length == 0)
        {
            return Array.Empty<double>();
        }

        int trim = (repetitions.Length - 1) / 3;
        var means = new double[repetitions[0].Length];
        // Checked before the items are walked: a first repetition that timed none walks no item.
        foreach (double[] repetition in repetitions)
        {
            if (repetition.Length != means.Length)
            {
                throw new ArgumentException("Every repetition must time the same items.", nameof(repetitions));
            }
        }

        var column = new double[repetitions.Length];
        for (int i = 0; i < means.Length; i++)
        {
            for (int r = 0; r < repetitions.Length; r++)
            {
                column[r] = repetitions[r][i];
            }

            Array.Sort(column);
            double sum = 0;
            for (int r = trim; r < column.Length - trim; r++)
            {
                sum += column[r];
            }

            means[i] = sum / (column.Length - 2 * trim);
        }

        return means;
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
