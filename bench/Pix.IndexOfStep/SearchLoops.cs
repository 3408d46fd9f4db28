using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pix.IndexOfStep;

/// <summary>
/// Linear searches that differ from the Quickstart's <c>Search.IndexOf</c> in one thing each. Every
/// method is <c>NoInlining</c>, so each is its own compiled loop, called as the sample's is.
/// </summary>
internal static class SearchLoops
{
    /// <summary>The Quickstart's <c>Search.IndexOf</c>, copied: the same loop, so the same code after the JIT.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int IndexOf(int[] items, int value)
    {
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A second copy of <see cref="IndexOf"/>: the same code at another address (another loop alignment).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int IndexOfCopy(int[] items, int value)
    {
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Two items an iteration: half the taken back-edges for the same items. A step that follows the
    /// branch history (taken branches) moves to twice the items; one that follows the items stays.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int IndexOfByTwo(int[] items, int value)
    {
        ref int first = ref MemoryMarshal.GetArrayDataReference(items);
        int n = items.Length;
        int i = 0;
        for (; i + 1 < n; i += 2)
        {
            if (Unsafe.Add(ref first, i) == value)
            {
                return i;
            }

            if (Unsafe.Add(ref first, i + 1) == value)
            {
                return i + 1;
            }
        }

        return i < n && Unsafe.Add(ref first, i) == value ? i : -1;
    }

    /// <summary>
    /// The sample's loop with a bound the search never reaches (<paramref name="length"/> items of a
    /// longer array): the loop's own count exit is far beyond the match, so the path after a
    /// mispredicted match exit never meets it.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int IndexOfWithin(int[] items, int length, int value)
    {
        for (int i = 0; i < length; i++)
        {
            if (items[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
