using System;
using Xunit;

namespace Pix.Runtime.Tests;

/// <summary>
/// <see cref="PcvArgument"/>, the check every generated companion makes of its PCVs: counts pass (zero, fractions for
/// "half the packets", huge ones), NaN, negatives and infinities are refused naming the parameter, and an optional PCV's
/// null (its bound is used) passes.
/// </summary>
public sealed class PcvArgumentTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1e300)]
    public void A_count_passes(double value)
    {
        PcvArgument.Require(value, "chainLength");
        PcvArgument.Require((double?)value, "chainLength");
        Assert.True(PcvArgument.IsCount(value));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-1e-300)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.PositiveInfinity)]
    public void What_is_no_count_is_refused_naming_the_parameter(double value)
    {
        var plain = Assert.Throws<ArgumentOutOfRangeException>(() => PcvArgument.Require(value, "chainLength"));
        var optional = Assert.Throws<ArgumentOutOfRangeException>(() => PcvArgument.Require((double?)value, "chainLength"));
        Assert.Equal("chainLength", plain.ParamName);
        Assert.Equal("chainLength", optional.ParamName);
        Assert.StartsWith(PcvArgument.RangeMessage, plain.Message);
    }

    [Fact]
    public void An_optional_pcv_left_null_passes() => PcvArgument.Require((double?)null, "chainLength");
}
