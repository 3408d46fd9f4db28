using System;
using System.Runtime.CompilerServices;

namespace Pix.Calibration.Kernels;

/// <summary>
/// Library primitives priced per byte (<see cref="OperationClass.CopiedByte"/>,
/// <see cref="OperationClass.ComparedByte"/>, <see cref="OperationClass.HashedByte"/>): each is
/// timed at several sizes and the per-byte cost is the slope of the line through them, so the
/// fixed cost of the call does not leak into the per-byte figure.
/// </summary>
internal sealed class BulkKernels
{
    /// <summary>Sizes in bytes: all fit in L1 together with their source.</summary>
    public static readonly int[] Sizes = { 256, 1024, 4096 };

    private readonly byte[] _source = new byte[4096];
    private readonly byte[] _target = new byte[4096];
    private readonly byte[] _equal = new byte[4096];
    private readonly string[] _strings;

    public BulkKernels()
    {
        new Random(42).NextBytes(_source);
        Buffer.BlockCopy(_source, 0, _equal, 0, _source.Length);
        _strings = Array.ConvertAll(Sizes, bytes => new string('x', bytes / 2));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Copy(int bytes)
    {
        _source.AsSpan(0, bytes).CopyTo(_target);
        return _target[bytes - 1];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool Compare(int bytes) => _source.AsSpan(0, bytes).SequenceEqual(_equal.AsSpan(0, bytes));

    /// <summary>Hashes a string of <paramref name="bytes"/>/2 UTF-16 characters (the default, randomised string hash).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Hash(int bytes) => _strings[Array.IndexOf(Sizes, bytes)].GetHashCode();
}
