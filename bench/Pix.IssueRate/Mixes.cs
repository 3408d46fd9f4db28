using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pix.IssueRate;

/// <summary>
/// Mixes of independent one-slot instructions, four or eight groups per iteration, that tell the front end's
/// width from the ports' limits. Per group: A = add, xor, add from memory, store, never-taken compare-and-branch
/// (5 slots, 4 on ALU-or-branch ports); B = add, add from memory, load then store, compare-and-branch (5 slots,
/// 3 ALU-or-branch: the calibrator's <c>IssueWidthKernels</c>, with an up-counting loop); D = five ALU
/// operations (the ALU ports alone); E = add, add from memory, store, compare-and-branch (4 slots). The groups
/// rotate over six accumulators, so no chain binds. Written out by hand-run script: every line is the same
/// group with the accumulators and offsets advanced, as the kernels' names say.
/// </summary>
internal sealed class Mixes
{
    private readonly long[] _memory = new long[32];
    private readonly long _add = 0x5DEECE66EL;
    private readonly long _xor = 0x2545F4914F6CDD1CL;
    private readonly long _sentinel = 2;

    public Mixes()
    {
        // Even values, added to odd accumulators with even steps: no accumulator ever equals the sentinel 2.
        for (int i = 0; i < _memory.Length; i++)
        {
            _memory[i] = (i * 2) + 2;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public long A4(int iterations)
    {
        ref long m = ref MemoryMarshal.GetArrayDataReference(_memory);
        long y = _add, z = _xor, s = _sentinel;
        long a0 = 1, a1 = 3, a2 = 5, a3 = 7, a4 = 9, a5 = 11;
        for (int i = 0; i < iterations; i++)
        {
            a0 += y; a1 ^= z; a2 += Unsafe.Add(ref m, 0); Unsafe.Add(ref m, 16 + 0) = a3; if (a4 == s) { break; }
            a1 += y; a2 ^= z; a3 += Unsafe.Add(ref m, 1); Unsafe.Add(ref m, 16 + 1) = a4; if (a5 == s) { break; }
            a2 += y; a3 ^= z; a4 += Unsafe.Add(ref m, 2); Unsafe.Add(ref m, 16 + 2) = a5; if (a0 == s) { break; }
            a3 += y; a4 ^= z; a5 += Unsafe.Add(ref m, 3); Unsafe.Add(ref m, 16 + 3) = a0; if (a1 == s) { break; }
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public long A8(int iterations)
    {
        ref long m = ref MemoryMarshal.GetArrayDataReference(_memory);
        long y = _add, z = _xor, s = _sentinel;
        long a0 = 1, a1 = 3, a2 = 5, a3 = 7, a4 = 9, a5 = 11;
        for (int i = 0; i < iterations; i++)
        {
            a0 += y; a1 ^= z; a2 += Unsafe.Add(ref m, 0); Unsafe.Add(ref m, 16 + 0) = a3; if (a4 == s) { break; }
            a1 += y; a2 ^= z; a3 += Unsafe.Add(ref m, 1); Unsafe.Add(ref m, 16 + 1) = a4; if (a5 == s) { break; }
            a2 += y; a3 ^= z; a4 += Unsafe.Add(ref m, 2); Unsafe.Add(ref m, 16 + 2) = a5; if (a0 == s) { break; }
            a3 += y; a4 ^= z; a5 += Unsafe.Add(ref m, 3); Unsafe.Add(ref m, 16 + 3) = a0; if (a1 == s) { break; }
            a4 += y; a5 ^= z; a0 += Unsafe.Add(ref m, 4); Unsafe.Add(ref m, 16 + 4) = a1; if (a2 == s) { break; }
            a5 += y; a0 ^= z; a1 += Unsafe.Add(ref m, 5); Unsafe.Add(ref m, 16 + 5) = a2; if (a3 == s) { break; }
            a0 += y; a1 ^= z; a2 += Unsafe.Add(ref m, 6); Unsafe.Add(ref m, 16 + 6) = a3; if (a4 == s) { break; }
            a1 += y; a2 ^= z; a3 += Unsafe.Add(ref m, 7); Unsafe.Add(ref m, 16 + 7) = a4; if (a5 == s) { break; }
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public long B4(int iterations)
    {
        ref long m = ref MemoryMarshal.GetArrayDataReference(_memory);
        long y = _add, z = _xor, s = _sentinel;
        long a0 = 1, a1 = 3, a2 = 5, a3 = 7, a4 = 9, a5 = 11;
        for (int i = 0; i < iterations; i++)
        {
            a0 += y; a2 += Unsafe.Add(ref m, 0); Unsafe.Add(ref m, 16 + 0) = Unsafe.Add(ref m, 8 + 0); if (a4 == s) { break; }
            a1 += y; a3 += Unsafe.Add(ref m, 1); Unsafe.Add(ref m, 16 + 1) = Unsafe.Add(ref m, 8 + 1); if (a5 == s) { break; }
            a2 += y; a4 += Unsafe.Add(ref m, 2); Unsafe.Add(ref m, 16 + 2) = Unsafe.Add(ref m, 8 + 2); if (a0 == s) { break; }
            a3 += y; a5 += Unsafe.Add(ref m, 3); Unsafe.Add(ref m, 16 + 3) = Unsafe.Add(ref m, 8 + 3); if (a1 == s) { break; }
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public long B8(int iterations)
    {
        ref long m = ref MemoryMarshal.GetArrayDataReference(_memory);
        long y = _add, z = _xor, s = _sentinel;
        long a0 = 1, a1 = 3, a2 = 5, a3 = 7, a4 = 9, a5 = 11;
        for (int i = 0; i < iterations; i++)
        {
            a0 += y; a2 += Unsafe.Add(ref m, 0); Unsafe.Add(ref m, 16 + 0) = Unsafe.Add(ref m, 8 + 0); if (a4 == s) { break; }
            a1 += y; a3 += Unsafe.Add(ref m, 1); Unsafe.Add(ref m, 16 + 1) = Unsafe.Add(ref m, 8 + 1); if (a5 == s) { break; }
            a2 += y; a4 += Unsafe.Add(ref m, 2); Unsafe.Add(ref m, 16 + 2) = Unsafe.Add(ref m, 8 + 2); if (a0 == s) { break; }
            a3 += y; a5 += Unsafe.Add(ref m, 3); Unsafe.Add(ref m, 16 + 3) = Unsafe.Add(ref m, 8 + 3); if (a1 == s) { break; }
            a4 += y; a0 += Unsafe.Add(ref m, 4); Unsafe.Add(ref m, 16 + 4) = Unsafe.Add(ref m, 8 + 4); if (a2 == s) { break; }
            a5 += y; a1 += Unsafe.Add(ref m, 5); Unsafe.Add(ref m, 16 + 5) = Unsafe.Add(ref m, 8 + 5); if (a3 == s) { break; }
            a0 += y; a2 += Unsafe.Add(ref m, 6); Unsafe.Add(ref m, 16 + 6) = Unsafe.Add(ref m, 8 + 6); if (a4 == s) { break; }
            a1 += y; a3 += Unsafe.Add(ref m, 7); Unsafe.Add(ref m, 16 + 7) = Unsafe.Add(ref m, 8 + 7); if (a5 == s) { break; }
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public long D4(int iterations)
    {
        ref long m = ref MemoryMarshal.GetArrayDataReference(_memory);
        long y = _add, z = _xor, s = _sentinel;
        long a0 = 1, a1 = 3, a2 = 5, a3 = 7, a4 = 9, a5 = 11;
        for (int i = 0; i < iterations; i++)
        {
            a0 += y; a1 ^= z; a2 += y; a3 ^= z; a4 += y;
            a1 += y; a2 ^= z; a3 += y; a4 ^= z; a5 += y;
            a2 += y; a3 ^= z; a4 += y; a5 ^= z; a0 += y;
            a3 += y; a4 ^= z; a5 += y; a0 ^= z; a1 += y;
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public long D8(int iterations)
    {
        ref long m = ref MemoryMarshal.GetArrayDataReference(_memory);
        long y = _add, z = _xor, s = _sentinel;
        long a0 = 1, a1 = 3, a2 = 5, a3 = 7, a4 = 9, a5 = 11;
        for (int i = 0; i < iterations; i++)
        {
            a0 += y; a1 ^= z; a2 += y; a3 ^= z; a4 += y;
            a1 += y; a2 ^= z; a3 += y; a4 ^= z; a5 += y;
            a2 += y; a3 ^= z; a4 += y; a5 ^= z; a0 += y;
            a3 += y; a4 ^= z; a5 += y; a0 ^= z; a1 += y;
            a4 += y; a5 ^= z; a0 += y; a1 ^= z; a2 += y;
            a5 += y; a0 ^= z; a1 += y; a2 ^= z; a3 += y;
            a0 += y; a1 ^= z; a2 += y; a3 ^= z; a4 += y;
            a1 += y; a2 ^= z; a3 += y; a4 ^= z; a5 += y;
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public long E4(int iterations)
    {
        ref long m = ref MemoryMarshal.GetArrayDataReference(_memory);
        long y = _add, z = _xor, s = _sentinel;
        long a0 = 1, a1 = 3, a2 = 5, a3 = 7, a4 = 9, a5 = 11;
        for (int i = 0; i < iterations; i++)
        {
            a0 += y; a2 += Unsafe.Add(ref m, 0); Unsafe.Add(ref m, 16 + 0) = a3; if (a4 == s) { break; }
            a1 += y; a3 += Unsafe.Add(ref m, 1); Unsafe.Add(ref m, 16 + 1) = a4; if (a5 == s) { break; }
            a2 += y; a4 += Unsafe.Add(ref m, 2); Unsafe.Add(ref m, 16 + 2) = a5; if (a0 == s) { break; }
            a3 += y; a5 += Unsafe.Add(ref m, 3); Unsafe.Add(ref m, 16 + 3) = a0; if (a1 == s) { break; }
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public long E8(int iterations)
    {
        ref long m = ref MemoryMarshal.GetArrayDataReference(_memory);
        long y = _add, z = _xor, s = _sentinel;
        long a0 = 1, a1 = 3, a2 = 5, a3 = 7, a4 = 9, a5 = 11;
        for (int i = 0; i < iterations; i++)
        {
            a0 += y; a2 += Unsafe.Add(ref m, 0); Unsafe.Add(ref m, 16 + 0) = a3; if (a4 == s) { break; }
            a1 += y; a3 += Unsafe.Add(ref m, 1); Unsafe.Add(ref m, 16 + 1) = a4; if (a5 == s) { break; }
            a2 += y; a4 += Unsafe.Add(ref m, 2); Unsafe.Add(ref m, 16 + 2) = a5; if (a0 == s) { break; }
            a3 += y; a5 += Unsafe.Add(ref m, 3); Unsafe.Add(ref m, 16 + 3) = a0; if (a1 == s) { break; }
            a4 += y; a0 += Unsafe.Add(ref m, 4); Unsafe.Add(ref m, 16 + 4) = a1; if (a2 == s) { break; }
            a5 += y; a1 += Unsafe.Add(ref m, 5); Unsafe.Add(ref m, 16 + 5) = a2; if (a3 == s) { break; }
            a0 += y; a2 += Unsafe.Add(ref m, 6); Unsafe.Add(ref m, 16 + 6) = a3; if (a4 == s) { break; }
            a1 += y; a3 += Unsafe.Add(ref m, 7); Unsafe.Add(ref m, 16 + 7) = a4; if (a5 == s) { break; }
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }
}
