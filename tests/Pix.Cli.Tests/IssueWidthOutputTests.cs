using System;
using System.Collections.Generic;
using System.IO;
using Pix.Cli.Commands;

namespace Pix.Cli.Tests;

/// <summary>What <c>pix show</c> and <c>pix calibrate</c> say about the issue width a profile prices loops with.</summary>
public sealed class IssueWidthOutputTests
{
    [Fact]
    public void A_profile_without_a_width_says_it_is_priced_at_the_default()
    {
        var output = new StringWriter();
        ShowCommand.Write(HardwareProfile.Reference, output);

        Assert.Contains("Issue width: 4 (the default: this profile does not record one) fused micro-operations per cycle; one issue slot 0.0825 ns", output.ToString());
    }

    [Fact]
    public void A_measured_width_is_shown_with_its_slot()
    {
        var output = new StringWriter();
        ShowCommand.Write(HardwareProfile.Reference.WithIssueWidth(5.5), output);

        Assert.Contains("Issue width: 5.5 fused micro-operations per cycle; one issue slot 0.0600 ns", output.ToString());
    }

    [Theory]
    [InlineData(5.57, "Issue width: 5.57 fused micro-operations per cycle; one issue slot 0.0592 ns (IntegerAlu latency / width). Measured: the issue mix kernels' slots over their cycles.")]
    [InlineData(HardwareProfile.DefaultIssueWidth, "Issue width: 4 (the default: this profile does not record one) fused micro-operations per cycle; one issue slot 0.0825 ns (IntegerAlu latency / width). The issue mix kernels gave no usable width.")]
    public void The_calibration_summary_says_whether_the_width_was_measured(double width, string line)
    {
        HardwareProfile profile = HardwareProfile.Reference.WithIssueWidth(width);
        var kernels = new[] { new KernelTiming("issue mix x6", "issue", 1.9, 1.9, 0, 0) };
        var result = new CalibrationResult(profile, kernels, new Dictionary<OperationClass, string>(), 0, 1, TimeSpan.Zero)
        {
            MeasuredIssueWidth = width == HardwareProfile.DefaultIssueWidth ? null : width,
        };
        var output = new StringWriter();

        CalibrateCommand.WriteSummary(result, output);

        Assert.Contains(line, output.ToString());
    }

    [Fact]
    public void A_width_measured_but_not_recorded_says_the_profile_keeps_the_default_and_why()
    {
        var kernels = new[] { new KernelTiming("issue mix x6", "issue", 1.9, 1.9, 0, 0) };
        var result = new CalibrationResult(HardwareProfile.Reference, kernels, new Dictionary<OperationClass, string>(), 0, 1, TimeSpan.Zero)
        {
            MeasuredIssueWidth = 5.57,
        };
        var output = new StringWriter();

        CalibrateCommand.WriteSummary(result, output);

        Assert.Contains(
            "Issue width: 4 (the default: this profile does not record one) fused micro-operations per cycle; one issue slot 0.0825 ns (IntegerAlu latency / width). " +
            "Measured 5.57 (the issue mix kernels' slots over their cycles), not recorded: --default-issue-width was given (docs/calibration.md).",
            output.ToString());
    }
}
