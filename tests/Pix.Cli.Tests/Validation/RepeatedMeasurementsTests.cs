using System;
using Pix.Cli.Validation;

namespace Pix.Cli.Tests;

public sealed class RepeatedMeasurementsTests
{
    [Fact]
    public void Two_measurements_within_five_percent_agree_and_the_first_is_kept()
    {
        MeasurementResult[] twice = { Measured.At(100), Measured.At(104) };

        Assert.True(RepeatedMeasurements.Agree(twice));
        Assert.Same(twice[0], RepeatedMeasurements.Kept(twice));
    }

    [Fact]
    public void Measurements_further_apart_do_not_agree()
    {
        Assert.False(RepeatedMeasurements.Agree(new[] { Measured.At(100), Measured.At(144) }));
    }

    [Fact]
    public void A_shared_core_measurement_settles_nothing()
    {
        Assert.False(RepeatedMeasurements.Agree(new[] { Measured.At(100), Measured.At(101, coreShared: true) }));
    }

    [Fact]
    public void Of_three_the_median_is_kept_whichever_came_first()
    {
        MeasurementResult[] three = { Measured.At(144), Measured.At(100), Measured.At(103) };

        Assert.Equal(103, RepeatedMeasurements.Kept(three).Median.Nanoseconds, 6);
    }

    [Fact]
    public void Measurements_on_a_core_of_their_own_are_preferred()
    {
        MeasurementResult[] mixed = { Measured.At(150, coreShared: true), Measured.At(160, coreShared: true), Measured.At(100) };

        Assert.Equal(100, RepeatedMeasurements.Kept(mixed).Median.Nanoseconds, 6);
    }

    [Fact]
    public void Of_two_that_disagree_the_earlier_is_kept()
    {
        MeasurementResult[] two = { Measured.At(144), Measured.At(100) };

        Assert.Equal(144, RepeatedMeasurements.Kept(two).Median.Nanoseconds, 6);
    }

    [Fact]
    public void Nothing_to_keep_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RepeatedMeasurements.Kept(Array.Empty<MeasurementResult>()));
    }
}
