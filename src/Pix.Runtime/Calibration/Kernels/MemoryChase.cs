using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;

namespace Pix.Calibration.Kernels;

/// <summary>
/// A pointer chase over one random cycle through a working set: every load's address is the
/// previous load's value, so the loads cannot overlap and each one pays the latency of the level
/// the set lives in (L1 for 16 KiB, DRAM and page walks for hundreds of MiB). The cycle is random so
/// that neither the prefetchers nor a regular stride hide the latency.
/// </summary>
/// <remarks>
/// The chases of one calibration share one buffer, as large as the largest working set: the chase
/// of size S walks the first S bytes' cache lines, using its own int slot of each line, so sixteen
/// sizes cost the memory of the largest alone (256 MiB by default, not twice that).
/// </remarks>
internal sealed class MemoryChase
{
    /// <summary>
    /// Working sets measured by default: 16 KiB to 256 MiB, each twice the previous, so every cache
    /// level's capacity falls within a factor of two of a measured point (the curve steps there).
    /// </summary>
    public static readonly long[] DefaultSizes = Enumerable.Range(14, 15).Select(log2 => 1L << log2).ToArray();

    /// <summary>Links followed per iteration of <see cref="Run"/>: unrolled so the loop's counter hides behind the chain.</summary>
    public const int LinksPerIteration = 8;

    /// <summary>Cache line size assumed by the layout (x86-64 and most ARM cores).</summary>
    private const int LineBytes = 64;

    /// <summary>Ints per line: one slot per chase sharing the buffer, hence the limit on their number.</summary>
    public const int MaxChases = LineBytes / sizeof(int);

    /// <summary>The smallest working set a chase can cover: two lines.</summary>
    public const long MinimumBytes = 2 * LineBytes;

    /// <summary>The largest: what an int[] of links can index.</summary>
    public const long MaximumBytes = (long)int.MaxValue * sizeof(int);

    private readonly int[] _next;
    private int _position;

    private MemoryChase(int[] buffer, int slot, long bytes, Random random)
    {
        const int IntsPerLine = LineBytes / sizeof(int);
        _next = buffer;
        WorkingSetBytes = bytes;
        var successor = new int[bytes / LineBytes];
        for (int i = 0; i < successor.Length; i++)
        {
            successor[i] = i;
        }

        // Sattolo: swapping with a strictly earlier slot turns the identity into one cycle through all lines.
        for (int i = successor.Length - 1; i > 0; i--)
        {
            int j = random.Next(i);
            (successor[i], successor[j]) = (successor[j], successor[i]);
        }

        for (int line = 0; line < successor.Length; line++)
        {
            buffer[(line * IntsPerLine) + slot] = (successor[line] * IntsPerLine) + slot;
        }

        _position = slot;
    }

    /// <summary>The buffer all chases of one calibration share, as large as the largest working set.</summary>
    public int[] Buffer => _next;

    /// <summary>The bytes the chase is spread over.</summary>
    public long WorkingSetBytes { get; }

    /// <summary>
    /// One chase per size in <paramref name="sizes"/> (strictly increasing, at most
    /// <see cref="MaxChases"/>, each within <see cref="MinimumBytes"/>…<see cref="MaximumBytes"/>),
    /// all in one buffer of the largest size.
    /// </summary>
    public static IReadOnlyList<MemoryChase> Create(IReadOnlyList<long> sizes, int seed)
    {
        if (sizes.Count == 0)
        {
            return Array.Empty<MemoryChase>();
        }

        if (sizes.Count > MaxChases)
        {
            throw new ArgumentOutOfRangeException(nameof(sizes), sizes.Count, $"At most {MaxChases} working sets can be measured together.");
        }

        for (int i = 0; i < sizes.Count; i++)
        {
            if (sizes[i] < MinimumBytes || sizes[i] > MaximumBytes || (i > 0 && sizes[i] <= sizes[i - 1]))
            {
                throw new ArgumentOutOfRangeException(nameof(sizes), sizes[i], $"Working sets must be strictly increasing sizes between {MinimumBytes} and {MaximumBytes} bytes.");
            }
        }

        var buffer = new int[sizes[sizes.Count - 1] / sizeof(int)];
        var random = new Random(seed);
        return sizes.Select((bytes, slot) => new MemoryChase(buffer, slot, bytes, random)).ToArray();
    }

    /// <summary>
    /// Which of a chase's timings, or batches, gives its curve point on a machine whose L2 holds
    /// <paramref name="l2Bytes"/> (null when unknown): its quietest batch when the working set is at most half the L2, so
    /// the caches serve every link (the network-function traces price the L2's plateau there: MachineCaches), else its
    /// quietest timing (<see cref="KernelStatistic"/>: beyond the L2 a batch follows the DRAM's, the TLB's and the
    /// neighbours' share of the last level, so its quietest batch would be a lucky state).
    /// </summary>
    /// <remarks>
    /// A chase the L2 holds is fixed work that only interference slows, like a fitted kernel: it runs at one of a few
    /// speeds (the 64 KiB chase at 4.2, 4.3 or 4.5–4.6 ns a link here) and switches between them within a timing, so the
    /// quietest timing's median read whichever speed most of one timing's batches caught. Those points are the ones the
    /// predictions read most (the firewall's and the load balancer's tables: ClassEffect's per-point rows), and their
    /// 5–6% spread moved the firewall 1.2% and the load balancer 1.7% (docs/accuracy.md, twenty-sixth session).
    /// </remarks>
    internal static KernelFigure Figure(long workingSetBytes, long? l2Bytes) =>
        l2Bytes is > 0 and long l2 && workingSetBytes <= l2 / 2 ? KernelFigure.QuietestBatch : KernelFigure.QuietestTiming;

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
