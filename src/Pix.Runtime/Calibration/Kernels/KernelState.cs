using System;

namespace Pix.Calibration.Kernels;

/// <summary>
/// Inputs of the calibration kernels, read from fields so the JIT cannot constant-fold them, hoist
/// them, or devirtualise calls from a type it can see. Values are chosen to stay in range forever
/// (no overflow traps, no denormals, no division by zero) whatever the iteration count.
/// </summary>
internal sealed class KernelState
{
    public const int ChaseLength = 256;
    public const int DataMask = 1023;

    public KernelState()
    {
        // A single random cycle through ChaseLength slots: every load depends on the previous one.
        var random = new Random(12345);
        int[] next = RandomCycles.Successors(ChaseLength, random);
        Chase = new int[ChaseLength];
        ChaseXor = new int[ChaseLength];
        for (int from = 0; from < ChaseLength; from++)
        {
            Chase[from] = next[from];
            ChaseXor[from] = next[from] ^ XorMask;
        }

        Data = new int[DataMask + 1 + 16];
        for (int i = 0; i < Data.Length; i++)
        {
            Data[i] = random.Next();
        }

        // One random cycle through a 40-byte struct array, as a hash chain's entries (the scaled-lea walks).
        int[] walk = RandomCycles.Successors(ChaseLength, random);
        Walk = new WalkEntry[ChaseLength];
        for (int from = 0; from < ChaseLength; from++)
        {
            Walk[from].Next = walk[from];
            Walk[from].Other = from;
        }

        Objects = new object[8];
        for (int i = 0; i < Objects.Length; i++)
        {
            Objects[i] = new LeafKind();
        }

        Virtual = new Incrementer();
        Interface = new Incrementer();
        Delegate = Incrementer.Increment;
    }

    public long Add = 0x5DEECE66DL;
    public long Xor = 0x2545F4914F6CDD1DL;
    public long Multiplier = unchecked((long)0x9E3779B97F4A7C15UL);
    public int Dividend = 0x7FFFFFF0;
    public int Divisor = 7;
    public int Sentinel = -1;
    public int XorMask = 0x55;
    public double Up = 1.000000119;
    public double Down = 1 / 1.000000119;
    public double Half = 0.5;
    public double One = 1.0;
    public double Small = 1e-9;
    public int[] Chase;
    public int[] ChaseXor;
    public int[] Data;
    public WalkEntry[] Walk;
    public object[] Objects;
    public IncrementBase Virtual;
    public IIncrement Interface;
    public Func<long, long> Delegate;
    public byte[]? Sink0;
    public byte[]? Sink1;
    public byte[]? Sink2;
    public byte[]? Sink3;
}

/// <summary>
/// A 40-byte entry, as the firewall's: an index into an array of these is scaled by a <c>lea</c>
/// (<c>lea rax, [rax+4*rax]</c>, then <c>8*rax</c>), not by the addressing mode alone. <c>Next</c> at 36.
/// </summary>
internal struct WalkEntry
{
    public long A;
    public long B;
    public long C;
    public long D;
    public int Other;
    public int Next;
}

/// <summary>Base of a small hierarchy for the virtual-call and type-check kernels.</summary>
internal abstract class IncrementBase
{
    public abstract long Next(long x);
}

/// <summary>Interface for the interface-call kernel.</summary>
internal interface IIncrement
{
    long Next(long x);
}

internal sealed class Incrementer : IncrementBase, IIncrement
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static long Increment(long x) => x + 1;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public override long Next(long x) => x + 1;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    long IIncrement.Next(long x) => x + 1;
}

/// <summary>
/// Type-check kernel hierarchy: testing a <see cref="LeafKind"/> against <see cref="RootKind"/> is
/// not an exact type match, so the check walks the parent chain as casts to non-sealed classes do.
/// </summary>
internal class RootKind
{
}

internal class MiddleKind : RootKind
{
}

internal class LeafKind : MiddleKind
{
}
