using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Pix.Calibration.Kernels;

/// <summary>
/// Dependency-chain kernels: each statement needs the previous one's result, so an iteration takes
/// the sum of the latencies on the chain. Bodies are unrolled by hand (8 or 16 links) so the loop's
/// own counter and back-edge, which run beside the chain, stay hidden behind it.
/// </summary>
/// <remarks>
/// The counts each kernel declares (<see cref="CalibrationKernels"/>) must match these bodies; a
/// change here is a change there. NoInlining keeps every kernel its own method, tiered on its own.
/// </remarks>
internal static class LatencyKernels
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Alu(KernelState s, int iterations)
    {
        long x = s.Add, y = s.Add, z = s.Xor;
        for (int i = 0; i < iterations; i++)
        {
            x += y; x ^= z;
            x += y; x ^= z;
            x += y; x ^= z;
            x += y; x ^= z;
            x += y; x ^= z;
            x += y; x ^= z;
            x += y; x ^= z;
            x += y; x ^= z;
        }

        return x;
    }

    /// <summary>
    /// The ALU chain's copies (<see cref="PlacementCopies"/>), timed by <c>pix calibrate</c>'s child processes
    /// (<see cref="PlacementKernelTimer"/>): the chain read 4.3–4.6 ns an iteration in about half the calibrations and
    /// 6.1–8.5 in the others (docs/accuracy.md, `issue25`), a state of the process. <see cref="Alu"/> stays the catalogue's
    /// kernel, so the in-process calibration times the code it always did.
    /// </summary>
    public static IReadOnlyList<Func<KernelState, int, long>> AluCopies { get; } =
        new Func<KernelState, int, long>[] { Alu<Copy0>, Alu<Copy1>, Alu<Copy2>, Alu<Copy3> };

    /// <summary><see cref="Alu"/>'s body, one compiled method an instantiation (<see cref="PlacementCopies.Padded{TCopy}"/> moves the next one's start).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Alu<TCopy>(KernelState s, int iterations)
        where TCopy : struct
    {
        if (PlacementCopies.Padded<TCopy>() && iterations < 0)
        {
            return PlacementCopies.Padding(iterations);
        }

        long x = s.Add, y = s.Add, z = s.Xor;
        for (int i = 0; i < iterations; i++)
        {
            x += y; x ^= z;
            x += y; x ^= z;
            x += y; x ^= z;
            x += y; x ^= z;
            x += y; x ^= z;
            x += y; x ^= z;
            x += y; x ^= z;
            x += y; x ^= z;
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Multiply(KernelState s, int iterations)
    {
        long x = s.Add, m = s.Multiplier;
        for (int i = 0; i < iterations; i++)
        {
            x *= m;
            x *= m;
            x *= m;
            x *= m;
            x *= m;
            x *= m;
            x *= m;
            x *= m;
            x *= m;
            x *= m;
            x *= m;
            x *= m;
            x *= m;
            x *= m;
            x *= m;
            x *= m;
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long MultiplyAdd(KernelState s, int iterations)
    {
        long x = s.Add, m = s.Multiplier, y = s.Add;
        for (int i = 0; i < iterations; i++)
        {
            x = (x * m) + y;
            x = (x * m) + y;
            x = (x * m) + y;
            x = (x * m) + y;
            x = (x * m) + y;
            x = (x * m) + y;
            x = (x * m) + y;
            x = (x * m) + y;
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Divide(KernelState s, int iterations)
    {
        int x = s.Divisor, d = s.Dividend;
        for (int i = 0; i < iterations; i++)
        {
            x = d / (x | 1);
            x = d / (x | 1);
            x = d / (x | 1);
            x = d / (x | 1);
            x = d / (x | 1);
            x = d / (x | 1);
            x = d / (x | 1);
            x = d / (x | 1);
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long FloatAdd(KernelState s, int iterations)
    {
        double x = s.One, e = s.Small;
        for (int i = 0; i < iterations; i++)
        {
            x += e;
            x += e;
            x += e;
            x += e;
            x += e;
            x += e;
            x += e;
            x += e;
            x += e;
            x += e;
            x += e;
            x += e;
            x += e;
            x += e;
            x += e;
            x += e;
        }

        return (long)x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long FloatMultiply(KernelState s, int iterations)
    {
        double x = s.One, up = s.Up, down = s.Down;
        for (int i = 0; i < iterations; i++)
        {
            x *= up; x *= down;
            x *= up; x *= down;
            x *= up; x *= down;
            x *= up; x *= down;
            x *= up; x *= down;
            x *= up; x *= down;
            x *= up; x *= down;
            x *= up; x *= down;
        }

        return (long)x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long FloatMultiplyAdd(KernelState s, int iterations)
    {
        double x = s.One, half = s.Half, one = s.One;
        for (int i = 0; i < iterations; i++)
        {
            x = (x * half) + one;
            x = (x * half) + one;
            x = (x * half) + one;
            x = (x * half) + one;
            x = (x * half) + one;
            x = (x * half) + one;
            x = (x * half) + one;
            x = (x * half) + one;
        }

        return (long)x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long FloatDivide(KernelState s, int iterations)
    {
        double x = s.Up, one = s.One;
        for (int i = 0; i < iterations; i++)
        {
            x = one / x;
            x = one / x;
            x = one / x;
            x = one / x;
            x = one / x;
            x = one / x;
            x = one / x;
            x = one / x;
            x = one / x;
            x = one / x;
            x = one / x;
            x = one / x;
            x = one / x;
            x = one / x;
            x = one / x;
            x = one / x;
        }

        return (long)x;
    }

    // Pointer chasing through a random cycle; Unsafe.Add has no bounds check, so the chain is loads only.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Load(KernelState s, int iterations)
    {
        ref int chase = ref s.Chase[0];
        int x = 0;
        for (int i = 0; i < iterations; i++)
        {
            x = Unsafe.Add(ref chase, x);
            x = Unsafe.Add(ref chase, x);
            x = Unsafe.Add(ref chase, x);
            x = Unsafe.Add(ref chase, x);
            x = Unsafe.Add(ref chase, x);
            x = Unsafe.Add(ref chase, x);
            x = Unsafe.Add(ref chase, x);
            x = Unsafe.Add(ref chase, x);
            x = Unsafe.Add(ref chase, x);
            x = Unsafe.Add(ref chase, x);
            x = Unsafe.Add(ref chase, x);
            x = Unsafe.Add(ref chase, x);
            x = Unsafe.Add(ref chase, x);
            x = Unsafe.Add(ref chase, x);
            x = Unsafe.Add(ref chase, x);
            x = Unsafe.Add(ref chase, x);
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long LoadXor(KernelState s, int iterations)
    {
        ref int chase = ref s.ChaseXor[0];
        int x = 0, mask = s.XorMask;
        for (int i = 0; i < iterations; i++)
        {
            x = Unsafe.Add(ref chase, x) ^ mask;
            x = Unsafe.Add(ref chase, x) ^ mask;
            x = Unsafe.Add(ref chase, x) ^ mask;
            x = Unsafe.Add(ref chase, x) ^ mask;
            x = Unsafe.Add(ref chase, x) ^ mask;
            x = Unsafe.Add(ref chase, x) ^ mask;
            x = Unsafe.Add(ref chase, x) ^ mask;
            x = Unsafe.Add(ref chase, x) ^ mask;
            x = Unsafe.Add(ref chase, x) ^ mask;
            x = Unsafe.Add(ref chase, x) ^ mask;
            x = Unsafe.Add(ref chase, x) ^ mask;
            x = Unsafe.Add(ref chase, x) ^ mask;
            x = Unsafe.Add(ref chase, x) ^ mask;
            x = Unsafe.Add(ref chase, x) ^ mask;
            x = Unsafe.Add(ref chase, x) ^ mask;
            x = Unsafe.Add(ref chase, x) ^ mask;
        }

        return x;
    }

    // A hash-chain walk over 40-byte entries with a bounds-checked int index, as Tier-1 code walks the
    // bridge's table: lea rax, [rax+4*rax]; mov eax, [rcx+8*rax+0x34]. Chain: one scaled lea, one load.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long ScaledLeaLoad(KernelState s, int iterations)
    {
        WalkEntry[] e = s.Walk;
        int x = 0;
        for (int i = 0; i < iterations; i++)
        {
            x = e[x].Next;
            x = e[x].Next;
            x = e[x].Next;
            x = e[x].Next;
            x = e[x].Next;
            x = e[x].Next;
            x = e[x].Next;
            x = e[x].Next;
            x = e[x].Next;
            x = e[x].Next;
            x = e[x].Next;
            x = e[x].Next;
            x = e[x].Next;
            x = e[x].Next;
            x = e[x].Next;
            x = e[x].Next;
        }

        return x;
    }

    // The same walk reading two fields of each entry, so the JIT keeps the entry's address in a register, as
    // in the firewall's walk: lea rax, [rax+4*rax]; lea rdx, [rcx+8*rax+16]; mov eax, [rdx+36]. Chain: two
    // scaled leas, one load (the other field's load and add hang off it).
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long KeptScaledLeaLoad(KernelState s, int iterations)
    {
        WalkEntry[] e = s.Walk;
        int x = 0, sum = 0;
        for (int i = 0; i < iterations; i++)
        {
            KeptStep(e, ref x, ref sum);
            KeptStep(e, ref x, ref sum);
            KeptStep(e, ref x, ref sum);
            KeptStep(e, ref x, ref sum);
            KeptStep(e, ref x, ref sum);
            KeptStep(e, ref x, ref sum);
            KeptStep(e, ref x, ref sum);
            KeptStep(e, ref x, ref sum);
            KeptStep(e, ref x, ref sum);
            KeptStep(e, ref x, ref sum);
            KeptStep(e, ref x, ref sum);
            KeptStep(e, ref x, ref sum);
            KeptStep(e, ref x, ref sum);
            KeptStep(e, ref x, ref sum);
            KeptStep(e, ref x, ref sum);
            KeptStep(e, ref x, ref sum);
        }

        return x + sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void KeptStep(WalkEntry[] e, ref int x, ref int sum)
    {
        ref WalkEntry entry = ref e[x];
        sum += entry.Other;
        x = entry.Next;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Call(KernelState s, int iterations)
    {
        long x = s.Add;
        for (int i = 0; i < iterations; i++)
        {
            x = Incrementer.Increment(x);
            x = Incrementer.Increment(x);
            x = Incrementer.Increment(x);
            x = Incrementer.Increment(x);
            x = Incrementer.Increment(x);
            x = Incrementer.Increment(x);
            x = Incrementer.Increment(x);
            x = Incrementer.Increment(x);
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long VirtualCall(KernelState s, int iterations)
    {
        long x = s.Add;
        IncrementBase target = s.Virtual;
        for (int i = 0; i < iterations; i++)
        {
            x = target.Next(x);
            x = target.Next(x);
            x = target.Next(x);
            x = target.Next(x);
            x = target.Next(x);
            x = target.Next(x);
            x = target.Next(x);
            x = target.Next(x);
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long InterfaceCall(KernelState s, int iterations)
    {
        long x = s.Add;
        IIncrement target = s.Interface;
        for (int i = 0; i < iterations; i++)
        {
            x = target.Next(x);
            x = target.Next(x);
            x = target.Next(x);
            x = target.Next(x);
            x = target.Next(x);
            x = target.Next(x);
            x = target.Next(x);
            x = target.Next(x);
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long DelegateCall(KernelState s, int iterations)
    {
        System.Func<long, long> target = s.Delegate;
        long x = s.Add;
        for (int i = 0; i < iterations; i++)
        {
            x = target(x);
            x = target(x);
            x = target(x);
            x = target(x);
            x = target(x);
            x = target(x);
            x = target(x);
            x = target(x);
        }

        return x;
    }
}
