using Pix.Calibration;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>How many times a pass times a kernel (<see cref="Calibrator.TimingsInPass"/>).</summary>
public sealed class AllocationTimingsTests
{
    [Fact]
    public void An_allocation_kernel_is_timed_several_times_in_every_pass_whatever_its_spread()
    {
        // Its figure is the median of its timings, a moment of the memory system: more timings, a steadier median.
        Assert.Equal(Calibrator.AllocationTimingsPerPass, Calibrator.TimingsInPass(0, 0, takesMedian: true));
        Assert.Equal(Calibrator.AllocationTimingsPerPass, Calibrator.TimingsInPass(4, 0.01, takesMedian: true));
        Assert.True(Calibrator.AllocationTimingsPerPass > 1 + Calibrator.ExtraTimings);
    }

    [Fact]
    public void Another_kernel_is_timed_once_a_pass_until_its_timings_disagree()
    {
        Assert.Equal(1, Calibrator.TimingsInPass(0, 0, takesMedian: false));
        Assert.Equal(1, Calibrator.TimingsInPass(1, 0.5, takesMedian: false));
        Assert.Equal(1, Calibrator.TimingsInPass(2, 0.04, takesMedian: false));
        Assert.Equal(1 + Calibrator.ExtraTimings, Calibrator.TimingsInPass(2, 0.06, takesMedian: false));
    }
}
