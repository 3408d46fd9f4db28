using System;
using System.Runtime.CompilerServices;

namespace Pix.ChainWalks;

/// <summary>
/// Entries linked in one random cycle over a table of a given size (Sattolo's shuffle), walked a few
/// entries per call from where the previous call stopped: the access pattern of traffic that touches
/// random flows of a large table (the bridge's MAC flood over 4,096 × 40 B, the NAT's expiry storm
/// over 32,768 × 56 B), where the colliding workloads' chains are adjacent in memory and prefetched.
/// The instructions per entry are those of <see cref="Chains.Entry56NextOnly"/>; only the table's size
/// and the order change, so a difference in time per entry is the memory hierarchy's.
/// </summary>
public sealed class RandomChains
{
    private readonly Entry56[] _entries;
    private int _cursor;

    public RandomChains(int size, Random random, bool shuffled = true)
    {
        _entries = new Entry56[size];
        int[] order = new int[size];
        for (int i = 0; i < size; i++)
        {
            order[i] = i;
        }

        for (int i = size - 1; shuffled && i > 0; i--)
        {
            int j = random.Next(i); // Sattolo: j < i, so the permutation is one cycle
            (order[i], order[j]) = (order[j], order[i]);
        }

        for (int i = 0; i < size; i++)
        {
            _entries[order[i]].Next = order[(i + 1) % size];
        }
    }

    /// <summary>Walks <paramref name="steps"/> entries on from the cursor; returns where it stopped.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Walk(int steps)
    {
        int index = _cursor;
        for (int i = 0; i < steps; i++)
        {
            index = _entries[index].Next;
        }

        _cursor = index;
        return index;
    }
}
