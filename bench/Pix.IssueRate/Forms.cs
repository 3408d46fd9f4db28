using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pix.IssueRate;

/// <summary>
/// Pairs of loops that differ in one instruction form the extractor's slot count has to know
/// (docs/accuracy.md, "Issue forms, ninth session"), and the load ports alone.
/// </summary>
internal sealed class Forms
{
    private readonly double[] _x = new double[Inner * Streams + Streams];
    private readonly double[] _out = new double[Streams];
    private readonly long[] _memory = new long[24];
    private readonly long _add = 0x5DEECE66EL;
    private readonly long _sentinel = 2;

    /// <summary>Iterations of the inner loop (the data stays in L1: 6 × 64 doubles).</summary>
    public const int Inner = 64;

    private const int Streams = 6;

    public Forms()
    {
        for (int i = 0; i < _x.Length; i++)
        {
            _x[i] = i * 0.5;
        }

        for (int i = 0; i < _memory.Length; i++)
        {
            _memory[i] = (i * 2) + 2;
        }
    }

    /// <summary>
    /// Six groups of a floating-point add whose operand is an element at an <em>indexed</em> address
    /// (<c>vaddsd xmm1, xmm0, [rax+8*rcx+16]</c>), its result stored, an integer add and a never-taken
    /// compare-and-branch: 4 slots a group if the load stays fused with the add, 5 if the core splits it.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public long FoldIndexed(int reps)
    {
        ref double x = ref MemoryMarshal.GetArrayDataReference(_x);
        ref double o = ref MemoryMarshal.GetArrayDataReference(_out);
        double v = 0.25;
        long y = _add, s = _sentinel;
        long a0 = 1, a1 = 3, a2 = 5, a3 = 7, a4 = 9, a5 = 11;
        for (int r = reps; r > 0; r--)
        {
            for (nint i = 0; i < Inner * Streams; i += Streams)
            {
                o = v + Unsafe.Add(ref x, i); a0 += y; if (a3 == s) { return 0; }
                Unsafe.Add(ref o, 1) = v + Unsafe.Add(ref x, i + 1); a1 += y; if (a4 == s) { return 0; }
                Unsafe.Add(ref o, 2) = v + Unsafe.Add(ref x, i + 2); a2 += y; if (a5 == s) { return 0; }
                Unsafe.Add(ref o, 3) = v + Unsafe.Add(ref x, i + 3); a3 += y; if (a0 == s) { return 0; }
                Unsafe.Add(ref o, 4) = v + Unsafe.Add(ref x, i + 4); a4 += y; if (a1 == s) { return 0; }
                Unsafe.Add(ref o, 5) = v + Unsafe.Add(ref x, i + 5); a5 += y; if (a2 == s) { return 0; }
            }
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    /// <summary>The same groups with the element at base-plus-displacement (<c>[rax+8]</c>, the pointer advanced per iteration).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public long FoldBase(int reps)
    {
        ref double o = ref MemoryMarshal.GetArrayDataReference(_out);
        double v = 0.25;
        long y = _add, s = _sentinel;
        long a0 = 1, a1 = 3, a2 = 5, a3 = 7, a4 = 9, a5 = 11;
        for (int r = reps; r > 0; r--)
        {
            ref double p = ref MemoryMarshal.GetArrayDataReference(_x);
            for (int i = Inner; i > 0; i--)
            {
                o = v + p; a0 += y; if (a3 == s) { return 0; }
                Unsafe.Add(ref o, 1) = v + Unsafe.Add(ref p, 1); a1 += y; if (a4 == s) { return 0; }
                Unsafe.Add(ref o, 2) = v + Unsafe.Add(ref p, 2); a2 += y; if (a5 == s) { return 0; }
                Unsafe.Add(ref o, 3) = v + Unsafe.Add(ref p, 3); a3 += y; if (a0 == s) { return 0; }
                Unsafe.Add(ref o, 4) = v + Unsafe.Add(ref p, 4); a4 += y; if (a1 == s) { return 0; }
                Unsafe.Add(ref o, 5) = v + Unsafe.Add(ref p, 5); a5 += y; if (a2 == s) { return 0; }
                p = ref Unsafe.Add(ref p, Streams);
            }
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    /// <summary>
    /// Twelve integer adds from memory (<c>add r, [rax+8k]</c>: one slot, an ALU and a load port each) into six
    /// accumulators, a count-down loop: 14 slots, 13 ALU operations, 12 loads an iteration. With 3 load ports
    /// the loads take 4 cycles, the ALU ports (about 4.2 a cycle) 3.1, the front end (5.6 a cycle) 2.5.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public long Loads12(int iterations)
    {
        ref long m = ref MemoryMarshal.GetArrayDataReference(_memory);
        long a0 = 1, a1 = 3, a2 = 5, a3 = 7, a4 = 9, a5 = 11;
        for (int i = iterations; i > 0; i--)
        {
            a0 += Unsafe.Add(ref m, 12); a1 += Unsafe.Add(ref m, 1); a2 += Unsafe.Add(ref m, 2); a3 += Unsafe.Add(ref m, 3);
            a4 += Unsafe.Add(ref m, 4); a5 += Unsafe.Add(ref m, 5); a0 += Unsafe.Add(ref m, 6); a1 += Unsafe.Add(ref m, 7);
            a2 += Unsafe.Add(ref m, 8); a3 += Unsafe.Add(ref m, 9); a4 += Unsafe.Add(ref m, 10); a5 += Unsafe.Add(ref m, 11);
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }
}
