using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Pix.AllocState;

/// <summary>
/// Which physical page frames back a virtual range (/proc/self/pagemap: bit 63 present, bits 0-54 the frame
/// number; the frame numbers read as zero without CAP_SYS_ADMIN). The guest's physical memory is what the host
/// backs, in ranges the guest cannot see otherwise: a frame's place is the only handle on it from inside.
/// </summary>
internal static class PageFrames
{
    public const int PageBytes = 4096;
    private const long FrameMask = (1L << 55) - 1;

    /// <summary>The frame of every present page in [start, start + bytes); absent pages are left out.</summary>
    public static List<long> Of(long start, long bytes)
    {
        var frames = new List<long>();
        long first = start / PageBytes, count = bytes / PageBytes;
        var buffer = new byte[count * 8];
        using var map = new FileStream("/proc/self/pagemap", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        map.Seek(first * 8, SeekOrigin.Begin);
        map.ReadExactly(buffer);
        for (int i = 0; i < count; i++)
        {
            ulong entry = BitConverter.ToUInt64(buffer, i * 8);
            if ((entry >> 63) != 0)
            {
                frames.Add((long)entry & FrameMask);
            }
        }

        return frames;
    }

    /// <summary>The frames as a histogram over GiB of guest-physical address: "GiB:share,…", largest share first.</summary>
    public static string Histogram(IReadOnlyCollection<long> frames)
    {
        if (frames.Count == 0)
        {
            return "none";
        }

        return string.Join(',', frames.GroupBy(f => f * PageBytes >> 30).OrderByDescending(g => g.Count())
            .Select(g => $"{g.Key}:{100.0 * g.Count() / frames.Count:F0}%"));
    }
}
