using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix;

/// <summary>Robust summary statistics of a set of timings (one value per batch, nanoseconds per call).</summary>
internal sealed class SampleStatistics
{
    private SampleStatistics(double[] sorted, double mean, double standardDeviation)
    {
        Sorted = sorted;
        Mean = mean;
        StandardDeviation = standardDeviation;
    }

    /// <summary>The samples in ascending order.</summary>
    public IReadOnlyList<double> Sorted { get; }

    public double Min => Sorted[0];

    public double Max => Sorted[Sorted.Count - 1];

    public double Median => Quantile(0.5);

    public double LowerQuartile => Quantile(0.25);

    public double UpperQuartile => Quantile(0.75);

    /// <summary>Interquartile range: the spread of the middle half, insensitive to a few outliers.</summary>
    public double InterquartileRange => UpperQuartile - LowerQuartile;

    public double Mean { get; }

    /// <summary>Sample standard deviation (n − 1 in the denominator); 0 for a single sample.</summary>
    public double StandardDeviation { get; }

    /// <summary>Standard deviation over mean; 0 when the mean is 0.</summary>
    public double CoefficientOfVariation => Mean == 0 ? 0 : StandardDeviation / Mean;

    public static SampleStatistics Of(IEnumerable<double> samples)
    {
        double[] sorted = samples.ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("At least one sample is needed.", nameof(samples));
        }

        Array.Sort(sorted);
        double mean = sorted.Average();
        double variance = sorted.Length < 2 ? 0 : sorted.Sum(x => (x - mean) * (x - mean)) / (sorted.Length - 1);
        return new SampleStatistics(sorted, mean, Math.Sqrt(variance));
    }

    /// <summary>The <paramref name="p"/>-quantile with linear interpolation between order statistics (R type 7, Excel's PERCENTILE).</summary>
    public double Quantile(double p)
    {
        if (p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p));
        }

        double h = (Sorted.Count - 1) * p;
        int lower = (int)Math.Floor(h);
        int upper = Math.Min(lower + 1, Sorted.Count - 1);
        return Sorted[lower] + (h - lower) * (Sorted[upper] - Sorted[lower]);
    }

    /// <summary>Median of a sequence (convenience for callers that need nothing else).</summary>
    public static double MedianOf(IEnumerable<double> samples) => Of(samples).Median;
}
