using Pix;

namespace Quickstart;

/// <summary>Searches: one whose cost follows the input size (logarithmically), one whose cost
/// depends on where the answer is (a performance-critical variable).</summary>
public static partial class Search
{
    /// <summary>The index of <paramref name="value"/> in ascending <paramref name="sorted"/>, or -1.</summary>
    [PerformanceInterface, PerformanceInputs(nameof(Evens), Sizes = new[] { 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576 })]
    public static int BinarySearch(int[] sorted, int value)
    {
        int lo = 0;
        int hi = sorted.Length - 1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            int item = sorted[mid];
            if (item == value)
            {
                return mid;
            }

            if (item < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }

    /// <summary>
    /// The index of the first <paramref name="value"/> in <paramref name="items"/>, or -1. It stops
    /// at the first match, so its latency depends on where that is, which the inputs' sizes do not
    /// show: the interface takes the number of items looked at as a PCV, bounded by the length.
    /// </summary>
    [PerformanceInterface, PerformanceInputs(nameof(MatchNearEnd), Sizes = new[] { 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536 })]
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
}
