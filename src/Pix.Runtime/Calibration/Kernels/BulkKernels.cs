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
/// The copy and compare buffers live in one array that never moves, and every call copies or
/// compares <see cref="Placements"/> times, source and destination at each of the eight 8-byte
/// alignments within a cache line that an array's elements can start at (and at a different one
/// from each other). In separate ordinary arrays the buffers started wherever the heap put them, and
/// every measurement's full collection could move them: a 256-byte copy measured 4.1 to 10.8 ns and
/// a 4 KiB compare 48 to 85 ns from one pass to the next (<see cref="OperationClass.ComparedByte"/>
/// 41% apart between calibrations). Buffers fixed on cache lines were repeatable but priced a copied
/// byte 27% under what arrays placed as the heap places them cost; the eight placements give the
/// average of those, the same in every run. No two buffers start a multiple of 4 KiB apart (where the
/// core takes a load of the source for a read of the store just issued).
/// </remarks>
internal sealed class BulkKernels
{
    /// <summary>Sizes in bytes: all fit in L1 together with their source.</summary>
    public static readonly int[] Sizes = { 256, 1024, 4096 };

    /// <summary>Every buffer starts on a cache line.</summary>
    internal const int Alignment = 64;

    /// <summary>Copies or compares per call: one at each 8-byte offset within a cache line.</summary>
    internal const int Placements = Alignment / 8;

    /// <summary>
    /// Distance from one buffer's start to the next: 4 KiB for the largest size at the largest offset,
    /// plus a quarter page, so no two buffers start a multiple of 4 KiB apart at any offset pair.
    /// </summary>
    internal const int Stride = 4096 + 1024;

    private readonly byte[] _buffers;
    private readonly int _source;
    private readonly int _target;
    private readonly int _equal;
    private readonly string[] _strings;

    public BulkKernels()
    {
        _buffers = PinnedArray((3 * Stride) + Alignment + Alignment);
        _source = AlignedOffset(_buffers);
        _target = _source + Stride;
        _equal = _target + Stride;
        // A pattern that repeats every 8 bytes: the source and its twin then read the same at every
        // pair of 8-byte offsets a comparison uses, so each comparison runs to its last byte.
        for (int i = 0; i < Stride; i++)
        {
            _buffers[_source + i] = _buffers[_equal + i] = (byte)(1 + (37 * (i % 8)));
        }
        _strings = Array.ConvertAll(Sizes, size => new string('x', size / 2));
    }

    /// <summary>Copies <paramref name="bytes"/> bytes <see cref="Placements"/> times, the source at each 8-byte offset, the target at another.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Copy(int bytes)
    {
        for (int k = 0; k < Placements; k++)
        {
            _buffers.AsSpan(_source + SourceOffset(k), bytes).CopyTo(_buffers.AsSpan(_target + OtherOffset(k), bytes));
        }

        return _buffers[_target + OtherOffset(Placements - 1) + bytes - 1];
    }

    /// <summary>Compares <paramref name="bytes"/> equal bytes <see cref="Placements"/> times, at the offsets <see cref="Copy"/> uses.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool Compare(int bytes)
    {
        bool equal = true;
        for (int k = 0; k < Placements; k++)
        {
            equal &= _buffers.AsSpan(_source + SourceOffset(k), bytes).SequenceEqual(_buffers.AsSpan(_equal + OtherOffset(k), bytes));
        }

        return equal;
    }

    /// <summary>The source's offset from its cache line in the k-th placement: 0, 8, …, 56.</summary>
    internal static int SourceOffset(int k) => 8 * k;

    /// <summary>The other buffer's offset in the k-th placement: 0, 24, 48, 8, … (3k mod 8 steps), so source and other are misaligned against each other by every amount too.</summary>
    internal static int OtherOffset(int k) => 8 * ((3 * k) % Placements);

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
