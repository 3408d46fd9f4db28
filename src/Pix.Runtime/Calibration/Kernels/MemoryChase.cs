using System;
using System.Runtime.CompilerServices;

namespace Pix.Calibration.Kernels;

/// <summary>
/// A pointer chase over one random cycle through a working set: every load's address is the
/// previous load's value, so the loads cannot overlap and each one pays the latency of the level
/// the set lives in (L1 for 16 KiB, DRAM and page walks for hundreds of MiB). The cycle is random so
/// that neither the prefetchers nor a regular stride hide the latency.
/// </summary>
internal sealed class MemoryChase
{
    /// <summary>Working sets measured by default, 16 KiB to 256 MiB, each 4x the previous: L1 to DRAM on any current machine.</summary>
    public static readonly long[] DefaultSizes =
    {
        16L << 10, 64L << 10, 256L << 10, 1L << 20, 4L << 20, 16L << 20, 64L << 20, 256L << 20,
    };

    /// <summary>Links followed per iteration of <see cref="Run"/>: unrolled so the loop's counter hides behind the chain.</summary>
    public const int LinksPerIteration = 8;

    /// <summary>Cache line size assumed by the layout (x86-64 and most ARM cores).</summary>
    private const int LineBytes = 64;

    /// <summary>The smallest working set a chase can cover: two lines.</summary>
    public const long MinimumBytes = 2 * LineBytes;

    /// <summary>The largest: what an int[] of links can index.</summary>
    public const long MaximumBytes = (long)int.MaxValue * sizeof(int);

    private readonly int[] _next;
    private int _position;

    /// <summary>
    /// Builds the cycle over <paramref name="bytes"/> bytes: one link per 64-byte cache line (the
    /// first int of each line holds the index of the next line's first int), the lines in an order
    /// that is a single random cycle (Sattolo's algorithm), so the chase touches every line once per lap.
    /// </summary>
    public MemoryChase(long bytes, int seed)
    {
        if (bytes < MinimumBytes || bytes > MaximumBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes, $"A chase covers between {MinimumBytes} and {MaximumBytes} bytes.");
        }

        long lines = bytes / LineBytes;

        WorkingSetBytes = bytes;
        var successor = new int[lines];
        for (int i = 0; i < successor.Length; i++)
        {
            successor[i] = i;
        }

        // Sattolo: swapping with a strictly earlier slot turns the identity into one cycle through all lines.
        var random = new Random(seed);
        for (int i = successor.Length - 1; i > 0; i--)
        {
            int j = random.Next(i);
            (successor[i], successor[j]) = (successor[j], successor[i]);
        }

        const int IntsPerLine = LineBytes / sizeof(int);
        _next = new int[bytes / sizeof(int)];
        for (int line = 0; line < successor.Length; line++)
        {
            _next[line * IntsPerLine] = successor[line] * IntsPerLine;
        }
    }

    /// <summary>The bytes the chase is spread over.</summary>
    public long WorkingSetBytes { get; }

    /// <summary>
    /// Follows <paramref name="iterations"/> × <see cref="LinksPerIteration"/> links from where the
    /// last call stopped (so repeated calls keep walking the whole cycle) and returns the position.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public long Run(int iterations)
    {
        int[] next = _next;
        int p = _position;
        for (int i = 0; i < iterations; i++)
        {
            p = next[p];
            p = next[p];
            p = next[p];
            p = next[p];
            p = next[p];
            p = next[p];
            p = next[p];
            p = next[p];
        }

        _position = p;
        return p;
    }
}
