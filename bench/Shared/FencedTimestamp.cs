using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

/// <summary>
/// A timestamp fenced so that the loads before (<see cref="End"/>) or after (<see cref="Start"/>) it are not reordered
/// across it: how the bench programs time one call as the NF driver times a packet. Linked into each program
/// (<c>&lt;Compile Include="../Shared/FencedTimestamp.cs"/&gt;</c>), used with <c>using static FencedTimestamp;</c>.
/// </summary>
internal static class FencedTimestamp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Start()
    {
        long t = Stopwatch.GetTimestamp();
        if (Sse2.IsSupported)
        {
            Sse2.LoadFence();
        }

        return t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long End()
    {
        if (Sse2.IsSupported)
        {
            Sse2.LoadFence();
        }

        return Stopwatch.GetTimestamp();
    }
}
