using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace Pix.LoadBalancerParts;

/// <summary>
/// Transparent huge pages for a range of this process's memory (Linux only): <c>madvise</c> asks for them (this VM's
/// <c>/sys/kernel/mm/transparent_hugepage/enabled</c> is <c>madvise</c>, so nothing is huge unless asked), and
/// <c>/proc/self/smaps</c> says how much of a range the kernel actually backs with them, which the bench prints: a
/// request is not a result.
/// </summary>
internal static unsafe partial class HugePages
{
    /// <summary>The size of one huge page on x86-64.</summary>
    public const int Bytes = 2 << 20;

    private const int MadvHugePage = 14, MadvNoHugePage = 15, MadvCollapse = 25;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int madvise(void* address, nuint length, int advice);

    /// <summary>Native memory of <paramref name="bytes"/> (a multiple of <see cref="Bytes"/>) aligned to a huge page, advised huge or not before its first touch, then touched.</summary>
    public static byte* Allocate(nuint bytes, bool huge)
    {
        byte* memory = (byte*)NativeMemory.AlignedAlloc(bytes, Bytes);
        // Advised before the first touch: the faults then take huge pages (defrag "madvise" compacts for them).
        _ = madvise(memory, bytes, huge ? MadvHugePage : MadvNoHugePage);
        new Span<byte>(memory, checked((int)bytes)).Clear();
        return memory;
    }

    /// <summary>
    /// Asks for the huge pages inside [<paramref name="start"/>, +<paramref name="bytes"/>) (memory already touched,
    /// e.g. a managed array's) to be collapsed into huge pages now (<c>MADV_COLLAPSE</c>, Linux 6.1+), one at a time;
    /// returns how many were asked for and how many the kernel refused (<see cref="HugeShare"/> says what came of it).
    /// </summary>
    public static (int Asked, int Refused) Collapse(byte* start, long bytes)
    {
        long first = ((long)start + Bytes - 1) & ~(long)(Bytes - 1);
        int asked = 0, refused = 0;
        for (long page = first; page + Bytes <= (long)start + bytes; page += Bytes)
        {
            _ = madvise((void*)page, Bytes, MadvHugePage);
            refused += madvise((void*)page, Bytes, MadvCollapse) == 0 ? 0 : 1;
            asked++;
        }

        return (asked, refused);
    }

    /// <summary>Asks that no huge page back [<paramref name="start"/>, +<paramref name="bytes"/>) (the 4 KiB pages it covers; khugepaged then leaves them).</summary>
    public static void KeepSmall(byte* start, long bytes)
    {
        long first = (long)start & ~4095L;
        _ = madvise((void*)first, (nuint)((long)start + bytes - first), MadvNoHugePage);
    }

    /// <summary>
    /// The share of the 4 KiB pages of [<paramref name="start"/>, +<paramref name="bytes"/>) that are part of a
    /// transparent huge page, from <c>/proc/self/pagemap</c> (the page's frame) and <c>/proc/kpageflags</c> (the frame's
    /// <c>KPF_THP</c> bit, 22); both need root. −1 when they cannot be read, or a page is not present.
    /// </summary>
    public static double HugeShare(byte* start, long bytes)
    {
        const int PageBytes = 4096;
        try
        {
            using var pagemap = new FileStream("/proc/self/pagemap", FileMode.Open, FileAccess.Read);
            using var flags = new FileStream("/proc/kpageflags", FileMode.Open, FileAccess.Read);
            Span<byte> entry = stackalloc byte[8];
            long pages = 0, huge = 0;
            for (long address = (long)start & ~(long)(PageBytes - 1); address < (long)start + bytes; address += PageBytes)
            {
                pagemap.Position = address / PageBytes * 8;
                pagemap.ReadExactly(entry);
                ulong map = BitConverter.ToUInt64(entry);
                ulong frame = map & ((1UL << 55) - 1);
                if ((map >> 63) == 0 || frame == 0)
                {
                    return -1;
                }

                flags.Position = (long)frame * 8;
                flags.ReadExactly(entry);
                huge += (long)((BitConverter.ToUInt64(entry) >> 22) & 1);
                pages++;
            }

            return (double)huge / pages;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }
}
