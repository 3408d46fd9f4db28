using System;
using System.Runtime.InteropServices;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>
/// The cache sizes the C library reports: glibc's <c>sysconf</c> names for them (bits/confname.h), and the call. Where
/// sysfs has no <c>/sys/devices/system/cpu/cpu0/cache</c> (some VMs), glibc still answers from CPUID.
/// </summary>
internal static class CLibraryCaches
{
    /// <summary><c>_SC_LEVEL1_DCACHE_SIZE</c>: bytes of the L1 data cache.</summary>
    public const int Level1DataSize = 188;

    /// <summary><c>_SC_LEVEL1_DCACHE_ASSOC</c>: its ways.</summary>
    public const int Level1DataWays = 189;

    /// <summary><c>_SC_LEVEL2_CACHE_SIZE</c>: bytes of the L2.</summary>
    public const int Level2Size = 191;

    /// <summary><c>_SC_LEVEL2_CACHE_ASSOC</c>: its ways.</summary>
    public const int Level2Ways = 192;

    /// <summary>
    /// <c>sysconf(name)</c> on Linux; -1 elsewhere or when the C library cannot be called (the names are glibc's: on
    /// another OS the same numbers mean something else, so they are not asked).
    /// </summary>
    public static long Sysconf(int name)
    {
        if (!OperatingSystem.IsLinux())
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
