using System;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace Pix.Calibration;

/// <summary>One cache level as the OS describes it.</summary>
/// <param name="Bytes">Its size in bytes.</param>
/// <param name="Ways">Its associativity; 0 when the source does not say.</param>
public readonly record struct CacheLevelGeometry(long Bytes, int Ways);

/// <summary>
/// This machine's level-1 data cache and level-2 cache, as the OS reports them: Linux's sysfs
/// (<c>/sys/devices/system/cpu/cpu0/cache</c>), and for a level sysfs does not describe, the C library (glibc's
/// <c>sysconf</c>, which reads CPUID: the twentieth session's AMD EPYC guest has no sysfs cache folders). The calibrator
/// records the L2's size in the profile (<see cref="MachineDescription.L2CacheBytes"/>); a program that simulates the
/// caches (the network-function samples' cold-load traces) reads the geometry here rather than asking the OS again.
/// </summary>
/// <param name="L1Data">The level-1 data cache; null when neither source describes it (Windows, macOS, a sandbox).</param>
/// <param name="L2">The level-2 data or unified cache; null when neither source describes it.</param>
/// <param name="Source">Where the levels came from, for a report.</param>
public sealed record CacheGeometry(CacheLevelGeometry? L1Data, CacheLevelGeometry? L2, string Source)
{
    private const string SysfsCaches = "/sys/devices/system/cpu/cpu0/cache";

    // glibc's names for the cache queries (bits/confname.h); on another C library or OS they mean something else.
    internal const int Level1DataSizeName = 188;
    internal const int Level1DataWaysName = 189;
    internal const int Level2SizeName = 191;
    internal const int Level2WaysName = 192;

    /// <summary>This machine's caches, read once per process.</summary>
    public static CacheGeometry Current { get; } = Read(SysfsCaches, Sysconf);

    /// <summary>
    /// The levels sysfs under <paramref name="sysfsDirectory"/> describes, each missing one from
    /// <paramref name="sysconf"/> (glibc's names only), and a <see cref="Source"/> that says which came from where.
    /// </summary>
    internal static CacheGeometry Read(string sysfsDirectory, Func<int, long> sysconf)
    {
        (CacheLevelGeometry? l1, CacheLevelGeometry? l2) = FromSysfs(sysfsDirectory);
        if (l1 is not null && l2 is not null)
        {
            return new CacheGeometry(l1, l2, "read from " + sysfsDirectory);
        }

        CacheLevelGeometry? l1FromC = l1 ?? FromCLibrary(sysconf, Level1DataSizeName, Level1DataWaysName);
        CacheLevelGeometry? l2FromC = l2 ?? FromCLibrary(sysconf, Level2SizeName, Level2WaysName);
        const string CLibrary = "the C library (sysconf)";
        string Where(CacheLevelGeometry? fromSysfs, CacheLevelGeometry? found) =>
            fromSysfs is not null ? sysfsDirectory : found is not null ? CLibrary : "nowhere";
        string source = l1 is null && l2 is null && l1FromC is not null && l2FromC is not null
            ? "read from " + CLibrary + ": sysfs has no cache folders"
            : $"L1d read from {Where(l1, l1FromC)}, L2 from {Where(l2, l2FromC)}";
        return new CacheGeometry(l1FromC, l2FromC, source);
    }

    /// <summary>
    /// The level-1 data and level-2 caches described by sysfs's <c>index*</c> folders under <paramref name="directory"/>
    /// (<c>level</c>, <c>type</c>, <c>size</c>, <c>ways_of_associativity</c>); a level is null when no folder describes
    /// it with a size that parses, and both are when the folders are missing or unreadable.
    /// </summary>
    internal static (CacheLevelGeometry? L1Data, CacheLevelGeometry? L2) FromSysfs(string directory)
    {
        CacheLevelGeometry? l1 = null, l2 = null;
        try
        {
            if (!Directory.Exists(directory))
            {
                return (null, null);
            }

            foreach (string index in Directory.GetDirectories(directory, "index*"))
            {
                string level = ReadField(index, "level"), type = ReadField(index, "type");
                if (ParseSize(ReadField(index, "size")) is not { } bytes)
                {
                    continue;
                }

                // A missing or unparsable associativity is "not said" (0), not a reason to drop the size.
                int ways = int.TryParse(ReadField(index, "ways_of_associativity"), NumberStyles.None, CultureInfo.InvariantCulture, out int w) ? w : 0;
                if (level == "1" && type == "Data")
                {
                    l1 = new CacheLevelGeometry(bytes, ways);
                }
                else if (level == "2" && type is "Unified" or "Data")
                {
                    l2 = new CacheLevelGeometry(bytes, ways);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, null);
        }

        return (l1, l2);
    }

    /// <summary>A sysfs cache size (<c>32K</c>, <c>512K</c>, <c>2M</c>, or plain bytes) in bytes; null when it is not one.</summary>
    internal static long? ParseSize(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        int shift = char.ToUpperInvariant(text[text.Length - 1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, _ => 0 };
        string digits = shift == 0 ? text : text.Substring(0, text.Length - 1);
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            && value > 0 && value <= (long.MaxValue >> shift)
            ? value << shift
            : null;
    }

    // glibc answers -1 for a name it does not know and 0 for a level CPUID does not describe: both are "unknown".
    private static CacheLevelGeometry? FromCLibrary(Func<int, long> sysconf, int sizeName, int waysName) =>
        sysconf(sizeName) is > 0 and var bytes
            ? new CacheLevelGeometry(bytes, sysconf(waysName) is > 0 and <= int.MaxValue and var ways ? (int)ways : 0)
            : null;

    private static string ReadField(string index, string name)
    {
        string path = Path.Combine(index, name);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : string.Empty;
    }

    private static long Sysconf(int name)
    {
        // The numbers are glibc's names on Linux: on another OS they would ask something else.
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return -1;
        }

        try
        {
            return NativeSysconf(name);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return -1;
        }
    }

    [DllImport("libc", EntryPoint = "sysconf")]
    private static extern long NativeSysconf(int name);
}
