using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;

namespace Pix.LoadBalancerParts;

/// <summary>How the lines of a <see cref="PageSpreadChase"/> lie in memory.</summary>
internal enum Spread
{
    /// <summary>The lines back to back: n lines in n × 64 B, a page per 64 lines.</summary>
    Dense,

    /// <summary>One line per 4 KiB page, the pages 4 KiB ones: n lines over n pages, n translations.</summary>
    PerPage,

    /// <summary>As <see cref="PerPage"/> in memory advised into 2 MiB pages: the same lines and offsets, n / 512 translations.</summary>
    PerPageHuge,
}

/// <summary>
/// A dependent random chase over n cache lines laid out <see cref="Spread.Dense"/> or one per page: the same lines, so
/// the same cache footprint, over 1/64 as many pages or as many pages as lines. Where the per-page chase costs more
/// than the dense one with the lines cached, the difference is translation (a first-level TLB miss, or a page walk
/// beyond the second level's reach); the huge-page copy removes it with the same addresses' low 21 bits.
/// </summary>
internal sealed unsafe class PageSpreadChase
{
    private const int Line = 64, Page = 4096;
    private readonly byte* _dense;
    private readonly byte* _small;
    private readonly byte* _huge;
    private readonly int _maxLines;

    /// <summary>Allocates for chases of up to <paramref name="maxLines"/> lines (a multiple of 512).</summary>
    public PageSpreadChase(int maxLines)
    {
        _maxLines = maxLines;
        _dense = HugePages.Allocate((nuint)Math.Max(HugePages.Bytes, maxLines * Line), huge: false);
        _small = HugePages.Allocate((nuint)maxLines * Page, huge: false);
        _huge = HugePages.Allocate((nuint)maxLines * Page, huge: true);
    }

    /// <summary>The share of each spread's buffer in huge pages (<see cref="HugePages.HugeShare"/>).</summary>
    public string Backing() => string.Create(CultureInfo.InvariantCulture,
        $"huge-page share: dense {HugePages.HugeShare(_dense, (long)_maxLines * Line):0.00}, per-page {HugePages.HugeShare(_small, (long)_maxLines * Page):0.00}, per-page huge {HugePages.HugeShare(_huge, (long)_maxLines * Page):0.00}");

    /// <summary>
    /// Line i's offset: page i for the spread layouts, at a line of the page chosen so the first-level cache's 64
    /// sets (48 KiB, 12 ways: index bits 6–11) are used evenly and, in the huge-page copy, the second level's
    /// (1 MiB, 16 ways: bits 6–15) too, as the dense layout's are.
    /// </summary>
    private static long Offset(Spread spread, int i) =>
        spread == Spread.Dense ? (long)i * Line : ((long)i * Page) + ((((i / 16) + (4 * (i % 16))) % 64) * Line);

    /// <summary>Links <paramref name="lines"/> lines of <paramref name="spread"/> into one random cycle (Sattolo), each line holding the next's offset.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Link(Spread spread, int lines, Random random)
    {
        int[] order = Enumerable.Range(0, lines).ToArray();
        for (int i = lines - 1; i > 0; i--)
        {
            int j = random.Next(i);
            (order[i], order[j]) = (order[j], order[i]);
        }

        byte* memory = Base(spread);
        for (int i = 0; i < lines; i++)
        {
            *(long*)(memory + Offset(spread, order[i])) = Offset(spread, order[(i + 1) % lines]);
        }
    }

    /// <summary>
    /// Ns per load of the quickest of <paramref name="passes"/> passes of <paramref name="loads"/> dependent loads each
    /// around the cycle last linked in <paramref name="spread"/> (a lap untimed first): on a machine shared with other
    /// work, the quickest short pass is the one the fewest interruptions and neighbours reached.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public double Time(Spread spread, int lines, long loads, int passes)
    {
        byte* memory = Base(spread);
        long at = Offset(spread, 0);
        for (int i = 0; i < lines; i++)
        {
            at = *(long*)(memory + at);
        }

        long best = long.MaxValue;
        for (int pass = 0; pass < passes; pass++)
        {
            long start = Stopwatch.GetTimestamp();
            for (long i = 0; i < loads; i++)
            {
                at = *(long*)(memory + at);
            }

            best = Math.Min(best, Stopwatch.GetTimestamp() - start);
        }

        Sink ^= at;
        return best * 1e9 / Stopwatch.Frequency / loads;
    }

    /// <summary>Where the chase ends: read, so the loads cannot be dropped.</summary>
    public long Sink { get; private set; }

    private byte* Base(Spread spread) => spread switch
    {
        Spread.Dense => _dense,
        Spread.PerPage => _small,
        _ => _huge,
    };

    /// <summary>
    /// Runs the chases: per round, every page count and every spread in turn (alternated), each linked afresh then
    /// timed (<see cref="Time"/>); prints one row per round and page count, then the medians over rounds.
    /// </summary>
    public static void Run(int rounds, IReadOnlyList<int> lineCounts, long loads, int passes)
    {
        var chase = new PageSpreadChase(lineCounts.Max());
        Console.WriteLine(chase.Backing());
        Console.WriteLine($"dependent random chase, ns per load, quickest of {passes} passes of {loads} loads (lines cached or not as their count allows; the per-page spans are lines × 4 KiB)");
        Console.WriteLine($"{"round",5} {"lines",6} {"span",8} {"dense",7} {"perPage",8} {"perPageHuge",12}  load");
        Spread[] spreads = Enum.GetValues<Spread>();
        var all = lineCounts.ToDictionary(n => n, _ => spreads.Select(_ => new List<double>()).ToArray());
        var random = new Random(27);
        for (int round = 1; round <= rounds; round++)
        {
            foreach (int lines in lineCounts)
            {
                double[] ns = new double[spreads.Length];
                for (int s = 0; s < spreads.Length; s++)
                {
                    // Alternate which spread goes first, so none always follows the same one.
                    int which = (s + round) % spreads.Length;
                    chase.Link(spreads[which], lines, random);
                    ns[which] = chase.Time(spreads[which], lines, loads, passes);
                    all[lines][which].Add(ns[which]);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{round,5} {lines,6} {Span(lines),8} {ns[0],7:0.00} {ns[1],8:0.00} {ns[2],12:0.00}  {System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
            }
        }

        Console.WriteLine("medians over rounds [min–max]");
        foreach (int lines in lineCounts)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"",5} {lines,6} {Span(lines),8} {string.Join("  ", all[lines].Select(l => string.Create(CultureInfo.InvariantCulture, $"{Median(l):0.00} [{l.Min():0.00}–{l.Max():0.00}]")))}"));
        }

        Console.WriteLine(chase.Backing());
        Console.WriteLine($"sink {chase.Sink}");
    }

    private static string Span(int lines) => lines * Page >= 1 << 20 ? $"{lines * Page >> 20} MiB" : $"{lines * Page >> 10} KiB";

    private static double Median(List<double> values)
    {
        double[] sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
