using System;
using System.IO;
using Pix.Cli.Commands;

namespace Pix.Cli.Tests;

/// <summary>What <c>pix calibrate</c> says about the core's issue rate per pass (the calibrator itself needs a Release build and seconds).</summary>
public sealed class CalibrateIssueRateTests
{
    private static string Write(params double[] rates)
    {
        var result = new CalibrationResult(HardwareProfile.Reference, Array.Empty<KernelTiming>(), new System.Collections.Generic.Dictionary<OperationClass, string>(), 0, rates.Length, TimeSpan.Zero)
        {
            IssueRates = rates,
        };
        var output = new StringWriter();
        CalibrateCommand.WriteIssueRates(result, output);
        return output.ToString();
    }

    [Fact]
    public void Each_pass_rate_is_printed()
    {
        Assert.Contains("Core issue rate per pass (operations per cycle): 40.0, 35.0.", Write(40, 35));
    }

    [Fact]
    public void A_pass_far_above_any_real_core_is_not_a_shared_one()
    {
        Assert.DoesNotContain("Warning", Write(40, 35));
    }

    [Fact]
    public void Passes_far_below_the_core_now_are_reported_as_shared()
    {
        // Any core issues more than 0.6 operations per cycle on the probe's kernels.
        Assert.Contains("Warning: every pass ran while another hardware thread shared the core", Write(0.5, 0.4));
    }
}
