using Pix.Calibration;
using Pix.Calibration.Kernels;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>The load throughput the load-port kernel gives, and what it does to a loop of many loads.</summary>
public sealed class LoadPortFitTests
{
    private const double Cycle = 0.334;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_known_number_of_load_ports_is_recovered(double ports)
    {
        // Twelve loads on `ports` ports: 12 / ports cycles an iteration.
        double iteration = LoadPortKernel.LoadsPerIteration / ports * Cycle;

        double throughput = LoadPortFit.Throughput(iteration, LoadPortKernel.LoadsPerIteration, fitted: 0)!.Value;

        Assert.Equal(ports, LoadPortFit.LoadsPerCycle(throughput, Cycle), 12);
    }

    [Fact]
    public void A_larger_fitted_throughput_is_kept()
    {
        Assert.Equal(0.5, LoadPortFit.Throughput(1.2, LoadPortKernel.LoadsPerIteration, fitted: 0.5));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_timing_that_is_not_a_positive_number_gives_nothing(double ns)
    {
        Assert.Null(LoadPortFit.Throughput(ns, LoadPortKernel.LoadsPerIteration, fitted: 0));
    }

    [Fact]
    public void A_loop_with_more_loads_than_the_ports_take_in_its_slots_is_priced_at_its_loads()
    {
        // The firewall's rule scan as counted: 7 loads (3 folded), 13 slots. At 6 slots a cycle and 3 loads a
        // cycle the loads bind (2.33 cycles against 2.17); before the kernel, the fitted 0 never bound.
        HardwareProfile wide = HardwareProfile.Reference.WithIssueWidth(6);
        double cycle = wide.LatencyNs(OperationClass.IntegerAlu);
        HardwareProfile measured = wide.With(OperationClass.Load, new OperationCost(wide.LatencyNs(OperationClass.Load), cycle / 3));
        HardwareProfile unmeasured = wide.With(OperationClass.Load, new OperationCost(wide.LatencyNs(OperationClass.Load), 0));
        BlockCounts scan = BlockCounts.Of(integerAlu: 7, load: 7, store: 1, boundsCheck: 1, branch: 2).WithFoldedLoads(3).WithTakenBranches(1);

        Assert.Equal(7 * cycle / 3, measured.Price(scan), 12);
        Assert.Equal(13 * cycle / 6, unmeasured.Price(scan), 12);
    }
}
