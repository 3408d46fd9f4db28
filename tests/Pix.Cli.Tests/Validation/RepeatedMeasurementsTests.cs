using System;
using System.Linq;
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
    public void With_no_core_of_its_own_the_passes_at_the_sizes_best_issue_rate_are_kept()
    {
        // Repeat at 8 words in a sweep where the process had once probed a higher rate than any pass
        // of this size: 50.5 and 66.0 ns at 4.0/cycle, 89.8 ns at 3.0/cycle. The median of all three
        // (66.0) would score a pass the sibling slowed; of the two at the size's best rate, the earlier.
        MeasurementResult[] three =
        {
            Measured.At(50.5, coreShared: true, sharedIssueRate: 4.0),
            Measured.At(66.0, coreShared: true, sharedIssueRate: 4.0),
            Measured.At(89.8, coreShared: true, sharedIssueRate: 3.0),
        };

        Assert.Equal(50.5, RepeatedMeasurements.Kept(three).Median.Nanoseconds, 6);
    }

    [Fact]
    public void With_no_core_of_its_own_a_pass_at_a_low_rate_is_left_out_and_of_two_the_higher_rate_is_kept()
    {
        // ClosestPair at n = 724 in a sweep where every pass counted as shared: 233 µs at 4.0/cycle, 214 µs
        // at 4.3, 152 µs at 4.7 (its neighbours fitted 0.75x the interface; 152 µs is that, 214 µs is 1.4x).
        // Scaled to the fake probe: 90% of the best rate (4.0) is 3.6, so 3.4 is out; of 3.7 and 4.0 the
        // higher rate's, the less shared core's. The median of all three, or the earlier of two, is 214.
        MeasurementResult[] three =
        {
            Measured.At(233, coreShared: true, sharedIssueRate: 3.4),
            Measured.At(214, coreShared: true, sharedIssueRate: 3.7),
            Measured.At(152, coreShared: true, sharedIssueRate: 4.0),
        };

        Assert.Equal(152, RepeatedMeasurements.Kept(three).Median.Nanoseconds, 6);
    }

    [Fact]
    public void On_a_core_of_its_own_the_issue_rate_breaks_no_tie()
    {
        // Only a size with every pass shared is judged by its passes' rates: of two on a core of their own, the earlier.
        MeasurementResult[] two = { Measured.At(144, ownIssueRate: 4.5), Measured.At(100, ownIssueRate: 4.6) };

        Assert.Equal(144, RepeatedMeasurements.Kept(two).Median.Nanoseconds, 6);
    }

    [Fact]
    public void Of_two_that_disagree_the_earlier_is_kept()
    {
        MeasurementResult[] two = { Measured.At(144), Measured.At(100) };

        Assert.Equal(144, RepeatedMeasurements.Kept(two).Median.Nanoseconds, 6);
    }

    [Fact]
    public void Of_two_modes_the_median_of_the_faster_is_kept()
    {
        // Multiply at n = 16 here: 3.4 µs on a core of its own, 7.1 µs in the core's slow mode. The
        // median of the three would be a slow one.
        MeasurementResult[] three = { Measured.At(7_090), Measured.At(3_400), Measured.At(6_900) };

        Assert.Equal(3_400, RepeatedMeasurements.Kept(three).Median.Nanoseconds, 6);
        Assert.NotEmpty(RepeatedMeasurements.SlowerMode(three));
    }

    [Fact]
    public void The_slower_mode_is_returned_in_order_for_the_report()
    {
        MeasurementResult[] three = { Measured.At(7_090), Measured.At(3_400), Measured.At(6_900) };
        MeasurementResult[] one = { Measured.At(100), Measured.At(104) };

        Assert.Equal(new[] { 7_090.0, 6_900.0 }, RepeatedMeasurements.SlowerMode(three).Select(m => Math.Round(m.Median.Nanoseconds)));
        Assert.Empty(RepeatedMeasurements.SlowerMode(one));
    }

    [Fact]
    public void The_report_lists_a_sizes_slower_mode_beside_the_kept_measurement()
    {
        MeasurementResult[] three = { Measured.At(7_090), Measured.At(3_400), Measured.At(6_900) };
        var slower = RepeatedMeasurements.SlowerMode(three).Select(m => m.Median).ToArray();
        var point = new ValidationPoint(16, Latency.FromNanoseconds(3_000), RepeatedMeasurements.Kept(three), SlowerModeLeftOut: slower);
        var report = new ValidationReport("A", HardwareProfile.Reference, true, new[] { new MethodValidation("M", new[] { point }, null) }, MeasurementMode.Latency);

        string markdown = MarkdownReport.Write(report, null, "pix validate");

        Assert.Contains($"{three[1].Median} (faster mode; slower left out: {three[0].Median}, {three[2].Median})", markdown);
    }

    [Fact]
    public void The_faster_mode_keeps_its_own_median_and_order()
    {
        // Steps 1.03, 1.94, 1.04: the widest (1.94) splits; of the faster two (even), the earlier.
        MeasurementResult[] four = { Measured.At(206), Measured.At(103), Measured.At(214), Measured.At(100) };

        Assert.Equal(103, RepeatedMeasurements.Kept(four).Median.Nanoseconds, 6);
    }

    [Theory]
    [InlineData(100, 149, false)]
    [InlineData(100, 150, true)]
    public void Two_modes_are_one_and_a_half_times_apart_or_more(double faster, double slower, bool twoModes)
    {
        MeasurementResult[] two = { Measured.At(slower), Measured.At(faster) };

        Assert.Equal(twoModes, RepeatedMeasurements.SlowerMode(two).Length > 0);
        Assert.Equal(twoModes ? faster : slower, RepeatedMeasurements.Kept(two).Median.Nanoseconds, 6);
    }

    [Fact]
    public void Modes_are_judged_among_the_measurements_on_a_core_of_their_own()
    {
        // The shared one (50 ns) is not in the pool: 100 and 104 are one mode.
        MeasurementResult[] mixed = { Measured.At(50, coreShared: true), Measured.At(100), Measured.At(104) };

        Assert.Empty(RepeatedMeasurements.SlowerMode(mixed));
        Assert.Equal(100, RepeatedMeasurements.Kept(mixed).Median.Nanoseconds, 6);
    }

    [Fact]
    public void Nothing_to_keep_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RepeatedMeasurements.Kept(Array.Empty<MeasurementResult>()));
    }
}
