using System;
using System.Linq;
using Pix;

namespace Pix.Runtime.Tests.Measurement;

public sealed class SampleStatisticsTests
{
    [Fact]
    public void Median_quartiles_and_spread_of_1_to_21()
    {
        var s = SampleStatistics.Of(Enumerable.Range(1, 21).Select(i => (double)(22 - i)));

        Assert.Equal(11, s.Median);
        Assert.Equal(6, s.LowerQuartile);
        Assert.Equal(16, s.UpperQuartile);
        Assert.Equal(10, s.InterquartileRange);
        Assert.Equal(1, s.Min);
        Assert.Equal(21, s.Max);
        Assert.Equal(11, s.Mean, 12);
        Assert.Equal(Math.Sqrt(38.5), s.StandardDeviation, 12);
        Assert.Equal(Math.Sqrt(38.5) / 11, s.CoefficientOfVariation, 12);
    }

    [Fact]
    public void Even_counts_interpolate_the_median()
    {
        var s = SampleStatistics.Of(new[] { 4.0, 1, 3, 2 });

        Assert.Equal(2.5, s.Median);
        Assert.Equal(1.75, s.LowerQuartile, 12);
    }

    [Fact]
    public void One_outlier_moves_the_median_and_iqr_but_not_much()
    {
        double[] samples = Enumerable.Repeat(100.0, 20).Append(10_000).ToArray();
        var s = SampleStatistics.Of(samples);

        Assert.Equal(100, s.Median);
        Assert.Equal(0, s.InterquartileRange);
        Assert.True(s.CoefficientOfVariation > 1);
    }

    [Fact]
    public void Constant_samples_have_no_spread()
    {
        var s = SampleStatistics.Of(new[] { 5.0, 5, 5 });
        Assert.Equal(0, s.CoefficientOfVariation);
        Assert.Equal(0, SampleStatistics.Of(new[] { 0.0 }).CoefficientOfVariation);
    }

    [Fact]
    public void No_samples_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => SampleStatistics.Of(Array.Empty<double>()));
    }
}
