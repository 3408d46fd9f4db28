using Pix.Calibration;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>Which passes of a calibration count as quiet (the rule the calibrator waits on and <c>pix calibrate</c> warns by).</summary>
public sealed class QuietPassesTests
{
    [Fact]
    public void A_pass_is_quiet_from_nine_tenths_of_the_quiet_rate_on()
    {
        // The harness's rule (CoreMonitor.IsShared): 3.15 of 3.5 is quiet, 3.14 is not.
        Assert.Equal(new[] { 1, 3 }, QuietPasses.Of(new[] { 3.15, 3.14, 3.5 }, quietRate: 3.5));
    }

    [Fact]
    public void Every_pass_is_quiet_before_any_rate_was_seen()
    {
        Assert.Equal(new[] { 1, 2 }, QuietPasses.Of(new[] { 0.0, 1.0 }, quietRate: 0));
    }
}
