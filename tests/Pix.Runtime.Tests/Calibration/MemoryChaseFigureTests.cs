using System.Linq;
using Pix.Calibration;
using Pix.Calibration.Kernels;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>Which of a memory-level chase's timings, or batches, gives its curve point (<see cref="MemoryChase.Figure"/>).</summary>
public sealed class MemoryChaseFigureTests
{
    private const long L2Bytes = 1 << 20;

    // The 64 KiB chase's timings (median, quietest batch; ns a link) in two calibrations of the twenty-sixth session
    // (/tmp/alloc26/raw r1 and r2, 10:48–10:49 UTC, load 7–12): the L2 serves every link, at one of a few speeds (4.2,
    // 4.3, 4.5–4.6 ns) the process switches between within a timing. Their quietest timings read 4.45 and 4.51 (1.3%
    // apart), their quietest batches 4.16 and 4.19 (0.7%).
    private static readonly TimingFigures[] First = { new(4.68, 4.26), new(4.45, 4.16), new(4.57, 4.27), new(4.58, 4.26), new(4.69, 4.27) };
    private static readonly TimingFigures[] Second = { new(4.91, 4.36), new(4.51, 4.19) };

    [Fact]
    public void A_chase_the_L2_holds_takes_its_quietest_batch()
    {
        // Half the L2 or less: every link is an L2 hit (MachineCaches prices the L2's plateau there), fixed work that only
        // interference slows.
        Assert.Equal(KernelFigure.QuietestBatch, MemoryChase.Figure(16 << 10, L2Bytes));
        Assert.Equal(KernelFigure.QuietestBatch, MemoryChase.Figure(512 << 10, L2Bytes));
    }

    [Fact]
    public void A_chase_beyond_half_the_L2_or_on_a_machine_whose_L2_is_unknown_keeps_the_quietest_timing()
    {
        Assert.Equal(KernelFigure.QuietestTiming, MemoryChase.Figure(1 << 20, L2Bytes));
        Assert.Equal(KernelFigure.QuietestTiming, MemoryChase.Figure(64 << 20, L2Bytes));
        Assert.Equal(KernelFigure.QuietestTiming, MemoryChase.Figure(64 << 10, null));
    }

    [Fact]
    public void Two_calibrations_whose_L2_chase_switched_speed_in_different_timings_agree_within_one_percent()
    {
        double first = KernelStatistic.Figure(First, MemoryChase.Figure(64 << 10, L2Bytes));
        double second = KernelStatistic.Figure(Second, MemoryChase.Figure(64 << 10, L2Bytes));

        Assert.InRange(System.Math.Abs(first - second) / System.Math.Min(first, second), 0, 0.01);
    }
}
