using System.Collections.Generic;
using Pix.Calibration;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>A chain-only class (ScaledLea) takes its fitted latency, or the older profiles' default when no chain kernel measured it.</summary>
public class ChainOnlyCostTests
{
    [Fact]
    public void A_fitted_latency_is_taken_as_latency_and_throughput()
    {
        var costs = new Dictionary<OperationClass, OperationCost> { [OperationClass.IntegerAlu] = new(0.3, 0.1) };
        var sources = new Dictionary<OperationClass, string>();
        Calibrator.AddChainOnly(OperationClass.ScaledLea, "chain only", new Dictionary<OperationClass, double> { [OperationClass.ScaledLea] = 0.07 }, 2, costs, sources);
        Assert.Equal(0.07, costs[OperationClass.ScaledLea].Latency, 9);
        Assert.Equal(0.07, costs[OperationClass.ScaledLea].Throughput, 9);
        Assert.StartsWith("fitted (2 chain kernels)", sources[OperationClass.ScaledLea]);
    }

    [Fact]
    public void Without_a_fitted_latency_the_class_takes_two_ALU_latencies_not_zero()
    {
        var costs = new Dictionary<OperationClass, OperationCost> { [OperationClass.IntegerAlu] = new(0.3, 0.1) };
        var sources = new Dictionary<OperationClass, string>();
        Calibrator.AddChainOnly(OperationClass.ScaledLea, "chain only", new Dictionary<OperationClass, double>(), 0, costs, sources);
        Assert.Equal(0.6, costs[OperationClass.ScaledLea].Latency, 9);
        Assert.StartsWith("not fitted", sources[OperationClass.ScaledLea]);
    }
}
