using System.Runtime.CompilerServices;

namespace Pix.Calibration.Kernels;

/// <summary>
/// Independent-stream kernels: several accumulators, each its own short chain, so the core can
/// overlap them and an iteration costs the sum of the operations' reciprocal throughputs. Every
/// kernel has enough streams that its chains are shorter than its issue time (e.g. 12 float-add
/// streams of 2 links: 8 cycles of latency against 12 of issue at two adds per cycle).
/// </summary>
/// <remarks>The counts each kernel declares (<see cref="CalibrationKernels"/>) must match these bodies.</remarks>
internal static class ThroughputKernels
{
    // The loop alone (one ALU op so the JIT keeps it): pins down the loop-overhead column of the fit.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Loop(KernelState s, int iterations)
    {
        long x = s.Add;
        for (int i = 0; i < iterations; i++)
        {
            x ^= i;
        }

        return x;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Alu12(KernelState s, int iterations)
    {
        long y = s.Add, z = s.Xor;
        long a0 = y, a1 = y + 1, a2 = y + 2, a3 = y + 3, a4 = y + 4, a5 = y + 5;
        for (int i = 0; i < iterations; i++)
        {
            a0 += y; a0 ^= z;
            a1 += y; a1 ^= z;
            a2 += y; a2 ^= z;
            a3 += y; a3 ^= z;
            a4 += y; a4 ^= z;
            a5 += y; a5 ^= z;
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Alu24(KernelState s, int iterations)
    {
        long y = s.Add, z = s.Xor;
        long a0 = y, a1 = y + 1, a2 = y + 2, a3 = y + 3, a4 = y + 4, a5 = y + 5;
        for (int i = 0; i < iterations; i++)
        {
            a0 += y; a0 ^= z;
            a1 += y; a1 ^= z;
            a2 += y; a2 ^= z;
            a3 += y; a3 ^= z;
            a4 += y; a4 ^= z;
            a5 += y; a5 ^= z;
            a0 += y; a0 ^= z;
            a1 += y; a1 ^= z;
            a2 += y; a2 ^= z;
            a3 += y; a3 ^= z;
            a4 += y; a4 ^= z;
            a5 += y; a5 ^= z;
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Multiply(KernelState s, int iterations)
    {
        long m = s.Multiplier;
        long a0 = s.Add, a1 = s.Add + 1, a2 = s.Add + 2, a3 = s.Add + 3, a4 = s.Add + 4, a5 = s.Add + 5;
        for (int i = 0; i < iterations; i++)
        {
            a0 *= m;
            a1 *= m;
            a2 *= m;
            a3 *= m;
            a4 *= m;
            a5 *= m;
            a0 *= m;
            a1 *= m;
            a2 *= m;
            a3 *= m;
            a4 *= m;
            a5 *= m;
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Divide(KernelState s, int iterations)
    {
        int big = s.Dividend, d = s.Divisor;
        int a0 = big, a1 = big - 1, a2 = big - 2, a3 = big - 3, a4 = big - 4, a5 = big - 5;
        for (int i = 0; i < iterations; i++)
        {
            a0 = (a0 ^ big) / d;
            a1 = (a1 ^ big) / d;
            a2 = (a2 ^ big) / d;
            a3 = (a3 ^ big) / d;
            a4 = (a4 ^ big) / d;
            a5 = (a5 ^ big) / d;
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long FloatAdd(KernelState s, int iterations)
    {
        double e = s.Small;
        double a0 = s.One, a1 = s.One, a2 = s.One, a3 = s.One, a4 = s.One, a5 = s.One, a6 = s.One, a7 = s.One, a8 = s.One, a9 = s.One, a10 = s.One, a11 = s.One;
        for (int i = 0; i < iterations; i++)
        {
            a0 += e;
            a1 += e;
            a2 += e;
            a3 += e;
            a4 += e;
            a5 += e;
            a6 += e;
            a7 += e;
            a8 += e;
            a9 += e;
            a10 += e;
            a11 += e;
            a0 += e;
            a1 += e;
            a2 += e;
            a3 += e;
            a4 += e;
            a5 += e;
            a6 += e;
            a7 += e;
            a8 += e;
            a9 += e;
            a10 += e;
            a11 += e;
        }

        return (long)(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long FloatMultiply(KernelState s, int iterations)
    {
        double up = s.Up, down = s.Down;
        double a0 = s.One, a1 = s.One, a2 = s.One, a3 = s.One, a4 = s.One, a5 = s.One, a6 = s.One, a7 = s.One, a8 = s.One, a9 = s.One, a10 = s.One, a11 = s.One;
        for (int i = 0; i < iterations; i++)
        {
            a0 *= up;
            a1 *= up;
            a2 *= up;
            a3 *= up;
            a4 *= up;
            a5 *= up;
            a6 *= up;
            a7 *= up;
            a8 *= up;
            a9 *= up;
            a10 *= up;
            a11 *= up;
            a0 *= down;
            a1 *= down;
            a2 *= down;
            a3 *= down;
            a4 *= down;
            a5 *= down;
            a6 *= down;
            a7 *= down;
            a8 *= down;
            a9 *= down;
            a10 *= down;
            a11 *= down;
        }

        return (long)(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long FloatDivide(KernelState s, int iterations)
    {
        double one = s.One;
        double a0 = s.Up, a1 = s.Up, a2 = s.Up, a3 = s.Up, a4 = s.Up, a5 = s.Up, a6 = s.Up, a7 = s.Up;
        for (int i = 0; i < iterations; i++)
        {
            a0 = one / a0;
            a1 = one / a1;
            a2 = one / a2;
            a3 = one / a3;
            a4 = one / a4;
            a5 = one / a5;
            a6 = one / a6;
            a7 = one / a7;
        }

        return (long)(a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Load(KernelState s, int iterations)
    {
        // A native-sized index, so no sign extension sits between the index and the address.
        ref int data = ref s.Data[0];
        nint j = 0;
        int a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        for (int i = 0; i < iterations; i++)
        {
            a0 += Unsafe.Add(ref data, j);
            a1 += Unsafe.Add(ref data, j + 1);
            a2 += Unsafe.Add(ref data, j + 2);
            a3 += Unsafe.Add(ref data, j + 3);
            a0 += Unsafe.Add(ref data, j + 4);
            a1 += Unsafe.Add(ref data, j + 5);
            a2 += Unsafe.Add(ref data, j + 6);
            a3 += Unsafe.Add(ref data, j + 7);
            j = (j + 8) & KernelState.DataMask;
        }

        return a0 + a1 + a2 + a3;
    }

    // The same loads through array indexing: the difference to Load is the bounds checks.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long LoadChecked(KernelState s, int iterations)
    {
        int[] data = s.Data;
        int j = 0, a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        for (int i = 0; i < iterations; i++)
        {
            a0 += data[j];
            a1 += data[j + 1];
            a2 += data[j + 2];
            a3 += data[j + 3];
            a0 += data[j + 4];
            a1 += data[j + 5];
            a2 += data[j + 6];
            a3 += data[j + 7];
            j = (j + 8) & KernelState.DataMask;
        }

        return a0 + a1 + a2 + a3;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Store(KernelState s, int iterations)
    {
        ref int data = ref s.Data[0];
        nint j = 0;
        for (int i = 0; i < iterations; i++)
        {
            Unsafe.Add(ref data, j + 0) = i;
            Unsafe.Add(ref data, j + 1) = i;
            Unsafe.Add(ref data, j + 2) = i;
            Unsafe.Add(ref data, j + 3) = i;
            Unsafe.Add(ref data, j + 4) = i;
            Unsafe.Add(ref data, j + 5) = i;
            Unsafe.Add(ref data, j + 6) = i;
            Unsafe.Add(ref data, j + 7) = i;
            j = (j + 8) & KernelState.DataMask;
        }

        return (long)j;
    }

    // Never-taken early exits: a compare and a predicted branch per stream.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Branch(KernelState s, int iterations)
    {
        long y = s.Add, sentinel = s.Sentinel;
        long a0 = 0, a1 = 1, a2 = 2, a3 = 3, a4 = 4, a5 = 5;
        for (int i = 0; i < iterations; i++)
        {
            a0 += y;
            a1 += y;
            a2 += y;
            a3 += y;
            a4 += y;
            a5 += y;
            if (a0 == sentinel) { return -1; }
            if (a1 == sentinel) { return -1; }
            if (a2 == sentinel) { return -1; }
            if (a3 == sentinel) { return -1; }
            if (a4 == sentinel) { return -1; }
            if (a5 == sentinel) { return -1; }
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Call(KernelState s, int iterations)
    {
        long a0 = s.Add, a1 = s.Add + 1, a2 = s.Add + 2, a3 = s.Add + 3, a4 = s.Add + 4, a5 = s.Add + 5;
        for (int i = 0; i < iterations; i++)
        {
            a0 = Incrementer.Increment(a0);
            a1 = Incrementer.Increment(a1);
            a2 = Incrementer.Increment(a2);
            a3 = Incrementer.Increment(a3);
            a4 = Incrementer.Increment(a4);
            a5 = Incrementer.Increment(a5);
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long VirtualCall(KernelState s, int iterations)
    {
        IncrementBase target = s.Virtual;
        long a0 = s.Add, a1 = s.Add + 1, a2 = s.Add + 2, a3 = s.Add + 3, a4 = s.Add + 4, a5 = s.Add + 5;
        for (int i = 0; i < iterations; i++)
        {
            a0 = target.Next(a0);
            a1 = target.Next(a1);
            a2 = target.Next(a2);
            a3 = target.Next(a3);
            a4 = target.Next(a4);
            a5 = target.Next(a5);
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long InterfaceCall(KernelState s, int iterations)
    {
        IIncrement target = s.Interface;
        long a0 = s.Add, a1 = s.Add + 1, a2 = s.Add + 2, a3 = s.Add + 3, a4 = s.Add + 4, a5 = s.Add + 5;
        for (int i = 0; i < iterations; i++)
        {
            a0 = target.Next(a0);
            a1 = target.Next(a1);
            a2 = target.Next(a2);
            a3 = target.Next(a3);
            a4 = target.Next(a4);
            a5 = target.Next(a5);
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long DelegateCall(KernelState s, int iterations)
    {
        System.Func<long, long> target = s.Delegate;
        long a0 = s.Add, a1 = s.Add + 1, a2 = s.Add + 2, a3 = s.Add + 3, a4 = s.Add + 4, a5 = s.Add + 5;
        for (int i = 0; i < iterations; i++)
        {
            a0 = target(a0);
            a1 = target(a1);
            a2 = target(a2);
            a3 = target(a3);
            a4 = target(a4);
            a5 = target(a5);
        }

        return a0 + a1 + a2 + a3 + a4 + a5;
    }

    // The index depends on i so the JIT cannot hoist the (pure) cast helper out of the loop.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long TypeCheck(KernelState s, int iterations)
    {
        object[] objects = s.Objects;
        int count = 0;
        for (int i = 0; i < iterations; i++)
        {
            count += objects[(i + 0) & 7] is RootKind ? 1 : 0;
            count += objects[(i + 1) & 7] is RootKind ? 1 : 0;
            count += objects[(i + 2) & 7] is RootKind ? 1 : 0;
            count += objects[(i + 3) & 7] is RootKind ? 1 : 0;
            count += objects[(i + 4) & 7] is RootKind ? 1 : 0;
            count += objects[(i + 5) & 7] is RootKind ? 1 : 0;
            count += objects[(i + 6) & 7] is RootKind ? 1 : 0;
            count += objects[(i + 7) & 7] is RootKind ? 1 : 0;
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Allocate16(KernelState s, int iterations) => Allocate(s, iterations, 16);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Allocate256(KernelState s, int iterations) => Allocate(s, iterations, 256);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Allocate2048(KernelState s, int iterations) => Allocate(s, iterations, 2048);

    // Stored to fields so the arrays escape (the JIT may otherwise allocate them on the stack).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Allocate(KernelState s, int iterations, int size)
    {
        for (int i = 0; i < iterations; i++)
        {
            s.Sink0 = new byte[size];
            s.Sink1 = new byte[size];
            s.Sink2 = new byte[size];
            s.Sink3 = new byte[size];
        }

        return s.Sink3!.Length;
    }
}
