using System;
using Pix.Calibration.Kernels;

namespace Pix.Runtime.Tests.Calibration;

public sealed class BulkKernelsTests
{
    [Fact]
    public void The_aligned_offset_starts_a_cache_line()
    {
        byte[] pinned = GC.AllocateArray<byte>(BulkKernels.Alignment * 3, pinned: true);
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(pinned, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            int offset = BulkKernels.AlignedOffset(pinned);
            long address = handle.AddrOfPinnedObject().ToInt64() + offset;

            Assert.InRange(offset, 0, BulkKernels.Alignment - 1);
            Assert.Equal(0, address % BulkKernels.Alignment);
        }
        finally
        {
            handle.Free();
        }
    }

    [Fact]
    public void No_source_and_other_buffer_start_a_multiple_of_a_page_apart_at_any_placement()
    {
        for (int k = 0; k < BulkKernels.Placements; k++)
        {
            int apart = BulkKernels.Stride + BulkKernels.OtherOffset(k) - BulkKernels.SourceOffset(k);
            Assert.NotEqual(0, apart % 4096);
            Assert.NotEqual(0, (apart + BulkKernels.Stride) % 4096);
        }

        Assert.True(BulkKernels.Stride >= 4096 + BulkKernels.Alignment, "a buffer must hold the largest size at the largest offset");
    }

    [Fact]
    public void The_placements_cover_every_8_byte_offset_for_both_buffers()
    {
        var sources = new System.Collections.Generic.HashSet<int>();
        var others = new System.Collections.Generic.HashSet<int>();
        var misalignments = new System.Collections.Generic.HashSet<int>();
        for (int k = 0; k < BulkKernels.Placements; k++)
        {
            sources.Add(BulkKernels.SourceOffset(k));
            others.Add(BulkKernels.OtherOffset(k));
            misalignments.Add(((BulkKernels.OtherOffset(k) - BulkKernels.SourceOffset(k)) + BulkKernels.Alignment) % BulkKernels.Alignment);
        }

        Assert.Equal(new[] { 0, 8, 16, 24, 32, 40, 48, 56 }, System.Linq.Enumerable.OrderBy(sources, x => x));
        Assert.True(sources.SetEquals(others));
        Assert.True(misalignments.Count > 1, "source and target must not always share their alignment");
    }

    [Theory]
    [InlineData(256)]
    [InlineData(1024)]
    [InlineData(4096)]
    public void Every_comparison_runs_over_equal_bytes(int bytes)
    {
        var kernels = new BulkKernels();

        kernels.Copy(bytes);

        Assert.True(kernels.Compare(bytes));
    }
}
