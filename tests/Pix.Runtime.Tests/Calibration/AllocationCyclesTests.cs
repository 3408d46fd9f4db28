using Pix.Calibration;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>An allocation kernel's figure is its mean call over whole gen-0 cycles (<see cref="AllocationCycles"/>), interrupted calls left out.</summary>
public sealed class AllocationCyclesTests
{
    [Fact]
    public void Each_cycle_runs_from_the_call_after_one_collection_to_the_call_of_the_next()
    {
        // Calls 0-1 before the first collection (call 2) are in no whole cycle; cycles are calls 3-6 and 7-10.
        double[] calls = { 900, 900, 50, 10, 10, 10, 12, 20, 20, 20, 20 };

        double[] perCycle = AllocationCycles.NanosecondsPerCall(calls, new[] { 2, 6, 10 });

        Assert.Equal(new[] { 10.5, 20.0 }, perCycle);
    }

    [Fact]
    public void An_interrupted_call_counts_as_the_cycles_median_call()
    {
        // The process was descheduled during one call: milliseconds, where the allocator's state moves a call by 2x at most.
        double[] calls = { 0, 10, 10, 10, 10, 5000 };

        Assert.Equal(new[] { 10.0 }, AllocationCycles.NanosecondsPerCall(calls, new[] { 0, 5 }));
    }

    [Fact]
    public void Slower_zeroing_within_a_cycle_is_part_of_its_mean()
    {
        // A quarter of the cycle zeroes memory from a slower cache level: every method allocating pays it too.
        double[] calls = { 0, 10, 10, 10, 35 };

        Assert.Equal(new[] { 16.25 }, AllocationCycles.NanosecondsPerCall(calls, new[] { 0, 4 }));
    }

    [Fact]
    public void Fewer_than_two_collections_make_no_whole_cycle()
    {
        Assert.Empty(AllocationCycles.NanosecondsPerCall(new double[] { 10, 10, 10 }, new[] { 1 }));
    }

    [Theory]
    [InlineData(64, 256)] // alloc 16 B x4: 16 KiB a call at the usual 256 iterations
    [InlineData(1024, 64)] // alloc 256 B x4
    [InlineData(8192, 8)] // alloc 2 KB x4: 64 KiB a call, not 2 MiB
    [InlineData(1 << 20, 1)] // never no iteration at all
    public void An_allocation_kernel_call_allocates_at_most_64_KiB(double bytesPerIteration, int iterations)
    {
        Assert.Equal(iterations, Calibrator.AllocationIterations(bytesPerIteration));
    }
}
