using System;
using Pix;

namespace Pix.Runtime.Tests;

public sealed class HardwareProfileTests
{
    [Fact]
    public void Reference_profile_prices_every_class()
    {
        foreach (OperationClass c in HardwareProfile.AllClasses)
        {
            Assert.True(HardwareProfile.Reference.ThroughputNs(c) > 0, c.ToString());
            Assert.True(HardwareProfile.Reference.LatencyNs(c) >= HardwareProfile.Reference.ThroughputNs(c), c.ToString());
        }
    }

    [Fact]
    public void A_block_costs_the_larger_of_its_throughput_and_latency_bounds()
    {
        HardwareProfile hw = HardwareProfile.Reference;
        var ops = new double[HardwareProfile.AllClasses.Count];
        var chain = new double[HardwareProfile.AllClasses.Count];
        ops[(int)OperationClass.IntegerAlu] = 10;
        chain[(int)OperationClass.IntegerMultiply] = 1;

        double expected = Math.Max(10 * hw.ThroughputNs(OperationClass.IntegerAlu), hw.LatencyNs(OperationClass.IntegerMultiply));
        Assert.Equal(expected, hw.PriceBlock(ops, chain), 12);
    }

    [Fact]
    public void Negative_or_NaN_costs_are_refused_with_the_class_named()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            HardwareProfile.Reference.With(OperationClass.Load, new OperationCost(double.NaN, 1)));
        Assert.Contains("Load.latency", error.Message);
    }
}
