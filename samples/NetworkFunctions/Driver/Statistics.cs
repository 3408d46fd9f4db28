using System;

namespace Pix.Samples.NetworkFunctions.Driver;

/// <summary>Order statistics for the driver's reports.</summary>
public static class Statistics
{
    /// <summary>The median (of a copy; the input is not reordered).</summary>
    public static double Median(ReadOnlySpan<double> values) => Percentile(values, 0.5);

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
