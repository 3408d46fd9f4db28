using System;
using System.Linq;
using Pix.Calibration;
using Pix.Calibration.Kernels;

namespace Pix.Runtime.Tests.Calibration;

public sealed class IssueWidthFitTests
{
    private const double Cycle = 0.334;

    private static IssueWidthObservation[] TimedAt(double width, double cycleNs = Cycle) => IssueWidthKernels.Sizes
        .Select(g => new IssueWidthObservation($"issue mix x{g}", IssueWidthKernels.SlotsPerIteration(g), IssueWidthKernels.SlotsPerIteration(g) * cycleNs / width))
        .ToArray();

    [Theory]
    [InlineData(4)]
    [InlineData(5.87)]
    [InlineData(6)]
    [InlineData(8)]
    public void A_known_width_is_recovered_from_the_kernels_timings(double width)
    {
        Assert.Equal(width, IssueWidthFit.Fit(TimedAt(width), Cycle)!.Value, 12);
    }

    [Fact]
    public void The_width_does_not_depend_on_the_clock_only_on_slots_per_cycle()
    {
        // The same core at a lower frequency: every time and the cycle stretch alike.
        Assert.Equal(6, IssueWidthFit.Fit(TimedAt(6, cycleNs: 0.5), 0.5)!.Value, 12);
    }

    [Fact]
    public void Kernels_that_disagree_give_the_fastest_rate()
    {
        // 22 slots in 5 cycles (4.4 per cycle: slowed by where it landed), 32 in 5.5 and 42 in 7 (6 per cycle).
        var kernels = new[]
        {
            new IssueWidthObservation("x4", 22, 5 * Cycle),
            new IssueWidthObservation("x6", 32, 5.5 * Cycle),
            new IssueWidthObservation("x8", 42, 7 * Cycle),
        };

        Assert.Equal(6, IssueWidthFit.Fit(kernels, Cycle)!.Value, 12);
    }

    [Fact]
    public void The_fitted_time_of_a_kernel_is_its_slots_at_the_width()
    {
        IssueWidthObservation kernel = TimedAt(6)[1];
        Assert.Equal(kernel.NanosecondsPerIteration, IssueWidthFit.FittedNanoseconds(kernel, Cycle, 6), 12);
    }

    [Fact]
    public void Nothing_is_fitted_from_unusable_figures()
    {
        Assert.Null(IssueWidthFit.Fit(Array.Empty<IssueWidthObservation>(), Cycle));
        Assert.Null(IssueWidthFit.Fit(TimedAt(6), cycleNs: 0));
        Assert.Null(IssueWidthFit.Fit(TimedAt(6), cycleNs: double.NaN));
        Assert.Null(IssueWidthFit.Fit(new[] { new IssueWidthObservation("x4", 22, 0) }, Cycle));
        Assert.Null(IssueWidthFit.Fit(new[] { new IssueWidthObservation("x4", 22, double.PositiveInfinity) }, Cycle));

        // Slower than a cycle per slot: something other than the front end bound it.
        Assert.Null(IssueWidthFit.Fit(new[] { new IssueWidthObservation("x4", 22, 30 * Cycle) }, Cycle));
    }

    [Fact]
    public void The_kernels_count_five_slots_a_group_and_two_for_the_loop()
    {
        Assert.Equal(new[] { 4, 6, 8 }, IssueWidthKernels.Sizes);
        Assert.Equal(22, IssueWidthKernels.SlotsPerIteration(4));
        Assert.Equal(32, IssueWidthKernels.SlotsPerIteration(6));
        Assert.Equal(42, IssueWidthKernels.SlotsPerIteration(8));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    public void The_kernels_never_leave_early(int groups)
    {
        // Every accumulator starts odd and only ever adds even numbers, so none equals the sentinel 2 and
        // every iteration runs its whole body: the result grows with the iterations by a fixed amount.
        var kernels = new IssueWidthKernels();
        long once = kernels.Run(groups, 1);
        long twice = kernels.Run(groups, 2);
        long thrice = kernels.Run(groups, 3);
        Assert.Equal(twice - once, thrice - twice);
        Assert.NotEqual(0, twice - once);
    }

    [Fact]
    public void A_measured_width_survives_the_profile_file()
    {
        double measured = 42 * Cycle / (7.3 * Cycle);
        HardwareProfile profile = HardwareProfile.Reference.WithIssueWidth(measured);

        HardwareProfile read = HardwareProfile.Parse(profile.ToJson());

        Assert.Equal(measured, read.IssueWidth);
        Assert.Equal(profile.IssueSlotNs, read.IssueSlotNs);
    }

    [Theory]
    [InlineData(5.57, true, 5.57)]
    [InlineData(5.57, false, HardwareProfile.DefaultIssueWidth)]
    [InlineData(null, true, HardwareProfile.DefaultIssueWidth)]
    public void The_profile_prices_at_the_measured_width_unless_told_to_keep_the_default(double? measured, bool record, double expected)
    {
        HardwareProfile profile = Calibrator.WithIssueWidth(HardwareProfile.Reference, measured, record);

        Assert.Equal(expected, profile.IssueWidth);
    }

    [Fact]
    public void A_calibration_records_the_measured_width_by_default()
    {
        // Decided on the ninth session's closing run (docs/calibration.md, "The issue width").
        Assert.True(CalibrationOptions.ForBudget(System.TimeSpan.FromSeconds(10)).RecordIssueWidth);
        Assert.True(new CalibrationOptions().RecordIssueWidth);
    }
}
