using System;
using System.IO;
using Pix.Cli.Commands;

namespace Pix.Cli.Tests;

/// <summary>What <c>pix calibrate</c> says about the core's issue rate per pass (the calibrator itself needs a Release build and seconds).</summary>
public sealed class CalibrateIssueRateTests
{
    private static string Write(double quiet, double[] rates, int waitingPasses = 0, bool ceilingReached = false)
    {
        var result = new CalibrationResult(HardwareProfile.Reference, Array.Empty<KernelTiming>(), new System.Collections.Generic.Dictionary<OperationClass, string>(), 0, rates.Length, TimeSpan.Zero)
        {
            IssueRates = rates,
            QuietIssueRate = quiet,
            WaitingPasses = waitingPasses,
            CeilingReached = ceilingReached,
        };
        var output = new StringWriter();
        CalibrateCommand.WriteIssueRates(result, output);
        return output.ToString();
    }

    [Fact]
    public void Each_pass_rate_is_printed()
    {
        Assert.Contains("Core issue rate per pass (operations per cycle): 40.0, 35.0.", Write(40, new[] { 40.0, 35.0 }));
    }

    [Fact]
    public void The_quiet_passes_are_named_by_the_calibrator_s_rule()
    {
        // 3.15 is 90% of 3.5: quiet by the rule the calibrator waits on (QuietPasses); 3.1 is not.
        string text = Write(3.5, new[] { 3.1, 3.15, 2.5 });

        Assert.Contains("On a core of its own: pass 2 of 3.", text);
        Assert.DoesNotContain("Warning", text);
    }

    [Fact]
    public void A_run_that_waited_for_a_quiet_pass_says_so()
    {
        string text = Write(3.5, new[] { 2.8, 2.8, 2.8, 2.9, 3.4 }, waitingPasses: 2);

        Assert.Contains("On a core of its own: pass 5 of 5", text);
        Assert.Contains("The calibration ran 2 passes past its time budget: every pass before them ran on a shared core.", text);
    }

    [Fact]
    public void Passes_far_below_the_quiet_rate_are_reported_as_shared()
    {
        string text = Write(4.5, new[] { 0.5, 0.4 });

        Assert.Contains("Warning: every pass ran while another hardware thread shared the core (the quiet rate of this process was 4.5);", text);
        Assert.DoesNotContain("ceiling", text);
    }

    [Fact]
    public void The_warning_says_when_the_run_stopped_at_its_ceiling()
    {
        string text = Write(3.5, new[] { 2.8, 2.8, 2.8, 2.8 }, waitingPasses: 2, ceilingReached: true);

        Assert.Contains("(the quiet rate of this process was 3.5); it ran 2 passes past its time budget waiting for a quiet one and stopped at the ceiling (--ceiling); the throughput costs are a shared core's.", text);
    }
}
