using System;
using System.Runtime.InteropServices;

namespace Pix.Calibration;

/// <summary>
/// The L2's size as the C library reports it (glibc's <c>sysconf(_SC_LEVEL2_CACHE_SIZE)</c>, read from CPUID): for a
/// Linux guest whose sysfs has no cache folders (the twentieth session's AMD EPYC VM), where the profile would otherwise
/// carry no L2 size and price every load served by L2 as a hit (<see cref="HardwareProfile.L2HitNs"/> 0).
/// </summary>
internal static class CLibraryCacheSize
{
    /// <summary><c>_SC_LEVEL2_CACHE_SIZE</c> in glibc's bits/confname.h.</summary>
    internal const int Level2Size = 191;

    /// <summary>The L2's bytes from the C library, or null (not Linux, no such C library, or no answer).</summary>
    public static long? L2CacheBytes() => L2CacheBytes(Sysconf);

    /// <summary>The L2's bytes from <paramref name="sysconf"/>; null when it answers -1 or 0 (a C library that does not know).</summary>
    internal static long? L2CacheBytes(Func<int, long> sysconf) => sysconf(Level2Size) is > 0 and var bytes ? bytes : null;

    private static long Sysconf(int name)
    {
        // The number is glibc's name on Linux: on another OS it would ask something else.
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
