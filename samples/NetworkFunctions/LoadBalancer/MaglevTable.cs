using System;

namespace Pix.Samples.NetworkFunctions.LoadBalancer;

/// <summary>
/// Maglev's consistent-hashing lookup table (Eisenbud et al., NSDI'16, §3.4): every healthy backend
/// walks its own permutation of the table's slots and, round-robin, claims the next slot it finds
/// free, until the table is full. Removing a backend moves only the slots it owned (plus few others).
/// </summary>
public sealed class MaglevTable
{
    /// <summary>Bytes per slot (a backend's index): what a table of n slots spans, n × this.</summary>
    public const int EntryBytes = sizeof(int);

    private readonly int[] _slots;
    private readonly int[] _offsets;
    private readonly int[] _skips;
    private readonly int[] _positions;

    /// <summary>Creates an empty table of <paramref name="size"/> slots (a prime) for up to <paramref name="backendAddresses"/>.Length backends.</summary>
    public MaglevTable(int size, ReadOnlySpan<uint> backendAddresses)
    {
        if (size < 3 || !IsPrime(size))
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "The Maglev table size must be a prime (e.g. 65537) so every permutation visits every slot.");
        }

        _slots = new int[size];
        _slots.AsSpan().Fill(-1);
        _offsets = new int[backendAddresses.Length];
        _skips = new int[backendAddresses.Length];
        _positions = new int[backendAddresses.Length];
        for (int i = 0; i < backendAddresses.Length; i++)
        {
            // Two independent hashes of the backend's address give its permutation (offset, skip).
            _offsets[i] = (int)(Mix(backendAddresses[i], 0x9E3779B9u) % (uint)size);
            _skips[i] = (int)(Mix(backendAddresses[i], 0x85EBCA6Bu) % (uint)(size - 1)) + 1;
        }
    }

    /// <summary>Number of slots.</summary>
    public int Size => _slots.Length;

    /// <summary>The backend owning slot <paramref name="slot"/>, or -1 when no backend is healthy.</summary>
    public int this[int slot] => _slots[slot];

    /// <summary>
    /// Fills the table from the backends whose flag in <paramref name="healthy"/> is set. Returns the
    /// number of permutation entries skipped because their slot was taken (the population's PCV).
    /// </summary>
    public long Populate(ReadOnlySpan<bool> healthy)
    {
        _slots.AsSpan().Fill(-1);
        int healthyCount = 0;
        for (int i = 0; i < healthy.Length; i++)
        {
            _positions[i] = _offsets[i];
            healthyCount += healthy[i] ? 1 : 0;
        }

        if (healthyCount == 0)
        {
            return 0;
        }

        int size = _slots.Length;
        int filled = 0;
        long skipped = 0;
        while (true)
        {
            PixHint.Pcv("populationRounds", "rounds in which every healthy backend claims one slot: about tableSize / healthyBackends");
            for (int backend = 0; backend < healthy.Length; backend++)
            {
                if (!healthy[backend])
                {
                    continue;
                }

                int position = _positions[backend];
                while (_slots[position] >= 0)
                {
                    PixHint.Pcv("takenSlotsSkipped", "slots of a backend's permutation already claimed by others, skipped before it finds a free one");
                    skipped++;
                    position = Advance(position, _skips[backend], size);
                }

                _slots[position] = backend;
                _positions[backend] = Advance(position, _skips[backend], size);
                if (++filled == size)
                {
                    return skipped;
                }
            }
        }
    }

    private static int Advance(int position, int skip, int size)
    {
        int next = position + skip;
        return next >= size ? next - size : next;
    }

    private static uint Mix(uint value, uint seed)
    {
        uint h = (value ^ seed) * 0xCC9E2D51u;
        h ^= h >> 15;
        h *= 0x1B873593u;
        return h ^ (h >> 13);
    }

    private static bool IsPrime(int n)
    {
        for (int d = 2; (long)d * d <= n; d++)
        {
            if (n % d == 0)
            {
                return false;
            }
        }

        return true;
    }
}
