using System;

namespace Pix.Calibration.Kernels;

/// <summary>
/// Successor tables of one random cycle: <c>next[i]</c> is the slot after <c>i</c>, and following it from any slot
/// visits every slot before coming back — a pointer chase whose next address no prefetcher can guess. Shared by
/// the calibration kernels and linked into the bench programs that time the same walks.
/// </summary>
internal static class RandomCycles
{
    /// <summary>A successor table over <paramref name="length"/> slots, from a Fisher–Yates shuffle drawn from <paramref name="random"/>.</summary>
    public static int[] Successors(int length, Random random)
    {
        int[] order = new int[length];
        for (int i = 0; i < length; i++)
        {
            order[i] = i;
        }

        for (int i = length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        int[] next = new int[length];
        for (int i = 0; i < length; i++)
        {
            next[order[i]] = order[(i + 1) % length];
        }

        return next;
    }
}
