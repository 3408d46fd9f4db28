using System.Runtime.CompilerServices;

namespace Pix.Aliasing;

/// <summary>
/// Two reference loops of about a microsecond, one bound by a dependency chain and one by the issue
/// rate: a slow-down that comes from the clock slows both, one that comes from another hardware thread
/// on the core slows the second (and code like Multiply and IndexOf) but hardly the first.
/// </summary>
internal static class Kernels
{
    /// <summary>1,024 dependent multiply-adds (each waits for the last: latency-bound).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Chain(int seed)
    {
        long x = seed | 1;
        for (int i = 0; i < 1024; i++)
        {
            x = (x * 0x5DEECE66DL) + 11;
        }

        return (int)x;
    }

    /// <summary>4,096 additions in four independent accumulators (issue-bound: four a cycle on a core of its own).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int Independent(int seed)
    {
        int s0 = seed, s1 = seed + 1, s2 = seed + 2, s3 = seed + 3;
        for (int i = 0; i < 1024; i++)
        {
            s0 += i;
            s1 ^= i;
            s2 += s0 & 7;
            s3 -= i;
        }

        return s0 + s1 + s2 + s3;
    }
}
