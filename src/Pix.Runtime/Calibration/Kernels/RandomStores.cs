using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;

namespace Pix.Calibration.Kernels;

/// <summary>
/// Stores to random places in a working set, their addresses precomputed: no store waits for a load, so
/// what a store costs is the rate at which the store buffer drains, which is the rate at which the lines
/// it writes arrive (an L1 hit for 16 KiB; a fetch from L2, L3 or DRAM beyond). The time per store by
/// size is the profile's store curve (<see cref="HardwareProfile.MemoryStores"/>); what a store to a
/// random line of a large table costs more than one to a cached line is its excess over the smallest set's.
/// </summary>
/// <remarks>
/// The kernels of one calibration share one table, as large as the largest working set: the kernel of size
/// S stores into the table's first S bytes (nothing reads the table, so they may overlap).
/// </remarks>
internal sealed class RandomStores
{
    /// <summary>Stores per iteration of <see cref="Run"/>: unrolled so the loop's counter is a small part of it.</summary>
    public const int StoresPerIteration = 8;

    /// <summary>Random slots per working set, cycled through (a power of two; 64 KiB of indices, streamed).</summary>
    public const int Slots = 1 << 14;

    private readonly long[] _table;
    private readonly int[] _slots;
    private int _position;

    private RandomStores(long[] table, long bytes, Random random)
    {
        _table = table;
        WorkingSetBytes = bytes;
        int longs = (int)(bytes / sizeof(long));
        _slots = Enumerable.Range(0, Slots).Select(_ => random.Next(longs)).ToArray();
    }

    /// <summary>The bytes the stores are spread over.</summary>
    public long WorkingSetBytes { get; }

    /// <summary>The slots (indices of longs in the shared table) this kernel stores to, in order.</summary>
    internal IReadOnlyList<int> SlotsInOrder => _slots;

    /// <summary>
    /// One kernel per size in <paramref name="sizes"/> (strictly increasing, each a positive multiple of 8 bytes
    /// that a long[] can hold), all storing into one table of the largest size.
    /// </summary>
    public static IReadOnlyList<RandomStores> Create(IReadOnlyList<long> sizes, int seed)
    {
        if (sizes.Count == 0)
        {
            return Array.Empty<RandomStores>();
        }

        for (int i = 0; i < sizes.Count; i++)
        {
            if (sizes[i] < sizeof(long) || sizes[i] / sizeof(long) > int.MaxValue || (i > 0 && sizes[i] <= sizes[i - 1]))
            {
                throw new ArgumentOutOfRangeException(nameof(sizes), sizes[i], "Working sets must be strictly increasing sizes a long[] can hold.");
            }
        }

        var table = new long[sizes[sizes.Count - 1] / sizeof(long)];
        var random = new Random(seed);
        return sizes.Select(bytes => new RandomStores(table, bytes, random)).ToArray();
    }

    /// <summary>
    /// Makes <paramref name="iterations"/> × <see cref="StoresPerIteration"/> stores, continuing through the slots
    /// from where the last call stopped, and returns the position.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public long Run(int iterations)
    {
        long[] table = _table;
        int[] slots = _slots;
        int p = _position;
        for (int i = 0; i < iterations; i++)
        {
            // Slots is a multiple of StoresPerIteration, so a group never wraps in the middle.
            table[slots[p]] = i;
            table[slots[p + 1]] = i;
            table[slots[p + 2]] = i;
            table[slots[p + 3]] = i;
            table[slots[p + 4]] = i;
            table[slots[p + 5]] = i;
            table[slots[p + 6]] = i;
            table[slots[p + 7]] = i;
            p = (p + StoresPerIteration) & (Slots - 1);
        }

        _position = p;
        return p;
    }
}
