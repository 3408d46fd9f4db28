using System.Linq;
using Pix.Calibration;
using Pix.Calibration.Kernels;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>The order a calibration pass times its probes in: the issue kernels at several moments of the pass.</summary>
public sealed class PassScheduleTests
{
    [Fact]
    public void Spread_probes_are_timed_as_a_group_at_evenly_spaced_moments_of_the_pass()
    {
        // Twelve other probes and a group of two, at three moments: before the 1st, the 5th and the 9th of the others.
        string[] probes = Enumerable.Range(1, 12).Select(i => $"k{i}").Concat(new[] { "i1", "i2" }).ToArray();

        var schedule = PassSchedule.Spread(probes, p => p.StartsWith('i'), moments: 3);

        Assert.Equal(
            new[] { "i1", "i2", "k1", "k2", "k3", "k4", "i1", "i2", "k5", "k6", "k7", "k8", "i1", "i2", "k9", "k10", "k11", "k12" },
            schedule);
    }

    [Fact]
    public void One_moment_times_the_group_once_and_every_other_probe_once_in_order()
    {
        string[] probes = { "a", "i", "b", "c" };

        Assert.Equal(new[] { "i", "a", "b", "c" }, PassSchedule.Spread(probes, p => p == "i", moments: 1));
    }

    [Fact]
    public void Without_a_spread_probe_the_pass_is_the_probes_in_order()
    {
        string[] probes = { "a", "b", "c" };

        Assert.Equal(probes, PassSchedule.Spread(probes, _ => false, moments: 4));
    }

    [Fact]
    public void More_moments_than_other_probes_time_the_group_once_before_each_of_them()
    {
        string[] probes = { "a", "b", "i" };

        Assert.Equal(new[] { "i", "a", "i", "b" }, PassSchedule.Spread(probes, p => p == "i", moments: 5));
    }

    [Fact]
    public void A_pass_times_the_issue_kernels_at_several_moments()
    {
        // Timed once a pass they saw five moments of a calibration, and in two of the twenty-fourth closing's three
        // calibrations every one of those moments fell while the core was shared (docs/accuracy.md, "issue25").
        Assert.True(IssueWidthKernels.MomentsPerPass >= 3);
    }
}
