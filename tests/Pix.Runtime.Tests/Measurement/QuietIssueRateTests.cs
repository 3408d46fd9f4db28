using System.Linq;
using Pix;

namespace Pix.Runtime.Tests.Measurement;

/// <summary>The estimate of a quiet core's issue rate: the highest reading enough others agree with.</summary>
public sealed class QuietIssueRateTests
{
    private static double Of(params double[] readings)
    {
        var quiet = new QuietIssueRate();
        foreach (double r in readings)
        {
            quiet.Add(r);
        }

        return quiet.Value;
    }

    [Fact]
    public void Nothing_read_is_zero() => Assert.Equal(0, Of());

    [Fact]
    public void One_reading_is_itself() => Assert.Equal(4.67, Of(4.67));

    [Fact]
    public void Readings_that_agree_with_none_give_the_highest() => Assert.Equal(5.2, Of(3.9, 5.2, 4.67));

    [Fact]
    public void The_top_of_the_highest_cluster_is_taken() => Assert.Equal(4.7, Of(4.67, 6.75, 4.7, 4.66, 3.9));

    [Fact]
    public void Agreement_is_two_percent_of_the_higher_reading()
    {
        Assert.Equal(5.0, Of(5.0, 4.91, 3.0));     // 4.91 is 1.8% under 5.0
        Assert.Equal(4.89, Of(5.0, 4.89, 4.89));   // 2.2% under: 5.0 is alone
    }

    [Fact]
    public void Readings_that_cannot_be_rates_are_ignored() => Assert.Equal(4.67, Of(0, double.NaN, double.PositiveInfinity, 4.67, -1));

    [Fact]
    public void A_long_process_needs_one_reading_in_twenty_to_agree()
    {
        double[] busy = Enumerable.Repeat(4.0, 40).ToArray();
        Assert.Equal(4.67, Of([.. busy, 4.67, 4.67, 4.67]));   // 43 readings: 2 others needed, 2 agree
        Assert.Equal(4.0, Of([.. busy, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.0, 4.67, 4.67]));   // 50 readings: 2 needed, 1 agrees
    }
}
