using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pix.Calibration.Kernels;

/// <summary>
/// Library primitives priced per byte (<see cref="OperationClass.CopiedByte"/>,
/// <see cref="OperationClass.ComparedByte"/>, <see cref="OperationClass.HashedByte"/>): each is
/// timed at several sizes and the per-byte cost is the slope of the line through them, so the
/// fixed cost of the call does not leak into the per-byte figure.
/// </summary>
/// <remarks>
/// The copy and compare buffers sit at fixed alignments in one array that never moves. In separate
/// ordinary arrays they started wherever the heap put them, and every measurement's full collection
/// could move them: a 256-byte copy measured 4.1 to 10.8 ns and a 4 KiB compare 48 to 85 ns from one
/// pass to the next, as the vector loops' loads and stores crossed cache lines or not and the target
/// came to sit a multiple of 4 KiB after the source (where the core takes a load for a read of the
/// store just issued).
/// </remarks>
internal sealed class BulkKernels
{
    /// <summary>Sizes in bytes: all fit in L1 together with their source.</summary>
    public static readonly int[] Sizes = { 256, 1024, 4096 };

    /// <summary>Every buffer starts on a cache line.</summary>
    internal const int Alignment = 64;

    /// <summary>
    /// Distance from one buffer's start to the next: 4 KiB for the largest size plus a quarter page,
    /// so no two buffers start a multiple of 4 KiB apart.
    /// </summary>
    internal const int Stride = 4096 + 1024;

    private readonly byte[] _buffers;
    private readonly int _source;
    private readonly int _target;
    private readonly int _equal;
    private readonly string[] _strings;

    public BulkKernels()
    {
        _buffers = PinnedArray((3 * Stride) + Alignment);
        _source = AlignedOffset(_buffers);
        _target = _source + Stride;
        _equal = _target + Stride;
        byte[] random = new byte[4096];
        new Random(42).NextBytes(random);
        random.CopyTo(_buffers, _source);
        random.CopyTo(_buffers, _equal);
        _strings = Array.ConvertAll(Sizes, size => new string('x', size / 2));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Copy(int bytes)
    {
        _buffers.AsSpan(_source, bytes).CopyTo(_buffers.AsSpan(_target, bytes));
        return _buffers[_target + bytes - 1];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool Compare(int bytes) => _buffers.AsSpan(_source, bytes).SequenceEqual(_buffers.AsSpan(_equal, bytes));

    /// <summary>Hashes a string of <paramref name="bytes"/>/2 UTF-16 characters (the default, randomised string hash).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Hash(int bytes) => _strings[Array.IndexOf(Sizes, bytes)].GetHashCode();

    /// <summary>The offset of the first <see cref="Alignment"/>-byte boundary in <paramref name="array"/> (valid while it does not move).</summary>
    internal static int AlignedOffset(byte[] array)
    {
        GCHandle handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            long misalignment = handle.AddrOfPinnedObject().ToInt64() % Alignment;
            return misalignment == 0 ? 0 : (int)(Alignment - misalignment);
        }
        finally
        {
            handle.Free();
        }
    }

    // The pinned object heap (.NET 5+) never moves an array, so its alignment holds for the run. The
    // netstandard2.0 build has no such heap and keeps an ordinary array (alignment as allocated).
#if NET
    private static byte[] PinnedArray(int length) => GC.AllocateArray<byte>(length, pinned: true);
#else
    private static byte[] PinnedArray(int length) => new byte[length];
#endif
}
