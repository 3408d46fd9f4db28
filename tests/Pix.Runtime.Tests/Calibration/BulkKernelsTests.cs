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
    public void No_two_buffers_start_a_multiple_of_a_page_apart()
    {
        Assert.NotEqual(0, BulkKernels.Stride % 4096);
        Assert.NotEqual(0, (2 * BulkKernels.Stride) % 4096);
        Assert.True(BulkKernels.Stride >= 4096 + BulkKernels.Alignment, "a buffer must hold the largest size");
        Assert.Equal(0, BulkKernels.Stride % BulkKernels.Alignment);
    }

    [Theory]
    [InlineData(256)]
    [InlineData(1024)]
    [InlineData(4096)]
    public void The_kernels_copy_and_compare_what_they_say(int bytes)
    {
        var kernels = new BulkKernels();

        kernels.Copy(bytes);

        Assert.True(kernels.Compare(bytes));
    }
}
