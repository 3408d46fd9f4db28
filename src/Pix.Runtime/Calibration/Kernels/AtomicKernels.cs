using System.Runtime.CompilerServices;
using System.Threading;

namespace Pix.Calibration.Kernels;

/// <summary>
/// Kernels for <see cref="OperationClass.AtomicRmw"/>: <c>Interlocked.Increment</c> of a <c>long</c> whose
/// result is not used, which Tier-1 x64 code compiles to one <c>lock add qword ptr [reg+disp], 1</c> (read in
/// the <c>DOTNET_JitDisasm</c> listing; docs/calibration.md). Uncontended: one thread, the cells in this core's cache.
/// </summary>
/// <remarks>
/// The chain increments one cell sixteen times: each locked read-modify-write reads what the previous one wrote.
/// The stream increments eight cells a cache line apart, so no two depend through memory; a locked instruction
/// still waits for the stores before it to drain, which is why the two figures come out close on x86 cores.
/// The cells are a static array of this class's own, not <see cref="KernelState"/>'s: no other kernel touches them.
/// </remarks>
internal static class AtomicKernels
{
    /// <summary>Longs per cache line: cells this far apart never share a 64-byte line.</summary>
    private const int LineStride = 8;

    /// <summary>Eight cells, each on a line of its own (one line of padding before the first).</summary>
    private static readonly long[] Cells = new long[LineStride * 10];

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Chain(KernelState s, int iterations)
    {
        long[] cells = Cells;
        ref long cell = ref cells[LineStride];
        for (int i = 0; i < iterations; i++)
        {
            Interlocked.Increment(ref cell);
            Interlocked.Increment(ref cell);
            Interlocked.Increment(ref cell);
            Interlocked.Increment(ref cell);
            Interlocked.Increment(ref cell);
            Interlocked.Increment(ref cell);
            Interlocked.Increment(ref cell);
            Interlocked.Increment(ref cell);
            Interlocked.Increment(ref cell);
            Interlocked.Increment(ref cell);
            Interlocked.Increment(ref cell);
            Interlocked.Increment(ref cell);
            Interlocked.Increment(ref cell);
            Interlocked.Increment(ref cell);
            Interlocked.Increment(ref cell);
            Interlocked.Increment(ref cell);
        }

        return cell;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Independent(KernelState s, int iterations)
    {
        long[] cells = Cells;
        ref long first = ref cells[LineStride];
        for (int i = 0; i < iterations; i++)
        {
            Interlocked.Increment(ref Unsafe.Add(ref first, 0 * LineStride));
            Interlocked.Increment(ref Unsafe.Add(ref first, 1 * LineStride));
            Interlocked.Increment(ref Unsafe.Add(ref first, 2 * LineStride));
            Interlocked.Increment(ref Unsafe.Add(ref first, 3 * LineStride));
            Interlocked.Increment(ref Unsafe.Add(ref first, 4 * LineStride));
            Interlocked.Increment(ref Unsafe.Add(ref first, 5 * LineStride));
            Interlocked.Increment(ref Unsafe.Add(ref first, 6 * LineStride));
            Interlocked.Increment(ref Unsafe.Add(ref first, 7 * LineStride));
        }

        return first;
    }
}
