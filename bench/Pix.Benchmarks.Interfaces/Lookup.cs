namespace Pix.Benchmarks.Interfaces;

/// <summary>A method whose interface has several guarded pieces (empty input, sorted or not).</summary>
public static partial class Lookup
{
    /// <summary>Index of <paramref name="value"/>: binary search when sorted, else a linear scan.</summary>
    [PerformanceInterface(Resolution = 0)]
    public static int Find(int[] items, bool sorted, int value)
    {
        if (items.Length == 0)
        {
            return -1;
        }

        if (sorted)
        {
            int lo = 0, hi = items.Length - 1;
            while (lo <= hi)
            {
                int mid = lo + ((hi - lo) >> 1);
                if (items[mid] == value) return mid;
                if (items[mid] < value) lo = mid + 1; else hi = mid - 1;
            }

            return -1;
        }

        for (int i = 0; i < items.Length; i++)
        {
            if (items[i] == value) return i;
        }

        return -1;
    }
}
