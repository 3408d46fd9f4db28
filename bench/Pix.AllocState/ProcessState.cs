using System;
using System.IO;
using System.Text.RegularExpressions;

namespace Pix.AllocState;

/// <summary>What a process holds before the allocation loops run (<c>--pre</c>), and what /proc says of it.</summary>
internal static class ProcessState
{
    /// <summary>
    /// none: nothing. chase: what the calibrator holds (its memory chases share one 256 MiB buffer, written in full
    /// and kept for the whole calibration). heap: what a compiler-hosting process holds (pix validate loads Roslyn
    /// and the project): many small objects that survive into gen 2, linked so the collector must trace them.
    /// </summary>
    public static object? Prepare(string pre) => pre switch
    {
        "none" => null,
        "chase" => Touch(new int[(256 << 20) / sizeof(int)]),
        "heap" => SmallObjects(200 << 20),
        _ => throw new ArgumentException($"--pre {pre}: none, chase or heap"),
    };

    /// <summary>A field of /proc/self/smaps_rollup in kB (AnonHugePages: whether the heap got transparent huge pages).</summary>
    public static string SmapsRollup(string field)
    {
        Match m = Regex.Match(File.ReadAllText("/proc/self/smaps_rollup"), field + @":\s+(\d+) kB");
        return m.Success ? m.Groups[1].Value : "?";
    }

    private static int[] Touch(int[] buffer)
    {
        for (int i = 0; i < buffer.Length; i += 16)
        {
            buffer[i] = i;
        }

        return buffer;
    }

    private static object SmallObjects(long bytes)
    {
        object?[] head = new object?[2];
        object?[] node = head;
        for (long held = 0; held < bytes; held += 48)
        {
            var next = new object?[2];
            node[0] = next;
            node[1] = new byte[8];
            node = next;
        }

        GC.Collect();
        return head;
    }
}
