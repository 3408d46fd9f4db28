using Pix.Calibration;
using Pix.Calibration.Kernels;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>
/// The sharing of the float ports from the mixed kernel's time (<see cref="FloatPortSharingFit"/>): twelve subtracts
/// and twelve multiplies an iteration, on a 1 ns cycle with two adders and two multipliers (0.5 ns each operation).
/// </summary>
public sealed class FloatPortSharingFitTests
{
    private const double Add = 0.5;
    private const double Multiply = 0.5;
    private const double IssueNs = 25 / 6.0;

    [Fact]
    public void Ports_of_their_own_give_no_sharing()
    {
        // Zen: the adds' 6 cycles and the multiplies' 6 cycles overlap.
        Assert.Equal(0, FloatPortSharingFit.Fit(6.0, Add, Multiply, IssueNs));
    }

    [Fact]
    public void Two_shared_ports_give_full_sharing()
    {
        // Skylake: 24 operations on two ports, 12 cycles.
        Assert.Equal(1, FloatPortSharingFit.Fit(12.0, Add, Multiply, IssueNs));
    }

    [Fact]
    public void A_third_port_gives_a_fraction()
    {
        // bench/Pix.IssueRate on a core whose third port adds: 9.2 cycles, where 6 are the busier kind's.
        Assert.Equal((9.2 - 6) / 6, FloatPortSharingFit.Fit(9.2, Add, Multiply, IssueNs)!.Value, 12);
    }

    [Fact]
    public void Noise_around_the_bounds_is_clamped()
    {
        Assert.Equal(0, FloatPortSharingFit.Fit(5.7, Add, Multiply, IssueNs));
        Assert.Equal(1, FloatPortSharingFit.Fit(13.0, Add, Multiply, IssueNs));
    }

    [Fact]
    public void A_kernel_bound_by_issue_shows_no_sharing()
    {
        // A narrow front end (12 cycles for the slots) hides the ports: nothing says they are shared.
        Assert.Equal(0, FloatPortSharingFit.Fit(12.0, Add, Multiply, issueNs: 12.0));
    }

    [Theory]
    [InlineData(0, Add, Multiply)]
    [InlineData(double.NaN, Add, Multiply)]
    [InlineData(6.0, 0, Multiply)]
    [InlineData(6.0, Add, double.PositiveInfinity)]
    public void No_usable_figure_gives_none(double kernelNs, double addNs, double multiplyNs)
    {
        Assert.Null(FloatPortSharingFit.Fit(kernelNs, addNs, multiplyNs, IssueNs));
    }

    [Fact]
    public void The_kernel_runs_twelve_of_each_and_returns_a_finite_value()
    {
        Assert.Equal(12, FloatPortKernel.AddsPerIteration);
        Assert.Equal(12, FloatPortKernel.MultipliesPerIteration);
        Assert.True(double.IsFinite(FloatPortKernel.Run(new KernelState(), 1_000_000)));
    }
}
