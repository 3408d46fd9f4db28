using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;

namespace Pix.Calibration.Kernels;

/// <summary>
/// What a load memory serves costs without a page walk: the caches are emptied by streaming a buffer far larger than
/// the last level, then one lap of a random chase over <see cref="FootprintBytes"/> (a few MiB, well inside what a
/// second-level TLB covers) is timed, so every load of the lap is served by memory and only the first touch of each
/// page walks, amortised over the page's lines. Repeated <see cref="Repetitions"/> times.
/// </summary>
/// <remarks>
/// The memory-level curve cannot give this figure: its points beyond the last cache level pay memory and page walks
/// together (on the EPYC VM here 92 ns at 8 MiB, 207 at 128 MiB), and where the level ends moves with the neighbours'
/// load, so any fixed point of it prices walks a table inside the TLB's reach never pays (docs/accuracy.md, eighteenth
/// session). The chase uses one line of each aligned pair of lines (a 128-byte stride) so that a fetch of a line's
/// buddy by the adjacent-line prefetcher never serves a later load of the lap from a cache.
/// </remarks>
internal sealed class MemoryLatencyKernel
{
    /// <summary>Bytes the timed chase spans: 512 pages of 4 KiB, inside any current core's second-level TLB.</summary>
    public const int FootprintBytes = 2 << 20;

    /// <summary>Evictions and laps: each lap is timed in <see cref="ChunkLinks"/>-link pieces.</summary>
    public const int Repetitions = 5;

    /// <summary>
    /// The most of the eviction buffer read each time: 96 MiB, three times the largest L3 a core of the machines here
    /// shares (32 MiB on the EPYC), so each line the caches held is replaced. Reading all 256 MiB of the curve's buffer
    /// seven times took 2.1 s at load 55; this bounds the kernel's share of the calibration.
    /// </summary>
    public const int EvictionBytes = 96 << 20;

    /// <summary>Links per timed piece of a lap: about 50 µs at memory latency, short against a time slice.</summary>
    public const int ChunkLinks = 512;

    /// <summary>Bytes between two visited lines: one line of each aligned pair.</summary>
    private const int StrideBytes = 128;

    private const int IntsPerStride = StrideBytes / sizeof(int);

    private const int LineInts = 64 / sizeof(int);

    /// <summary><c>MethodImplOptions.AggressiveOptimization</c>, which netstandard2.0 does not name; every runtime Pix runs on honours it.</summary>
    private const MethodImplOptions AggressiveOptimization = (MethodImplOptions)512;

    private readonly int[] _lap;
    private readonly int[] _evict;
    private int _position;

    /// <param name="evictionBuffer">
    /// A buffer several times larger than the last cache level (the calibration passes the memory-level curve's, as
    /// large as its largest working set): reading one int of each of its lines empties the caches.
    /// </param>
    /// <param name="seed">The random cycle's seed.</param>
    public MemoryLatencyKernel(int[] evictionBuffer, int seed)
    {
        _evict = evictionBuffer ?? throw new ArgumentNullException(nameof(evictionBuffer));
        int[] successors = RandomCycles.Successors(LinksPerLap, new Random(seed));
        _lap = new int[FootprintBytes / sizeof(int)];
        for (int i = 0; i < successors.Length; i++)
        {
            _lap[i * IntsPerStride] = successors[i] * IntsPerStride;
        }
    }

    /// <summary>Loads in one lap: every visited line once.</summary>
    public static int LinksPerLap => FootprintBytes / StrideBytes;

    /// <summary>
    /// The figure, ns a load: the median of every timed piece's ns a link over all laps
    /// (<see cref="Figure"/>), with the pieces themselves.
    /// </summary>
    public MemoryLatencyTiming Measure()
    {
        var pieces = new List<double>(Repetitions * (LinksPerLap / ChunkLinks));
        for (int r = 0; r < Repetitions; r++)
        {
            Evict();
            for (int done = 0; done < LinksPerLap; done += ChunkLinks)
            {
                long start = Stopwatch.GetTimestamp();
                Chase(ChunkLinks);
                long ticks = Stopwatch.GetTimestamp() - start;
                pieces.Add(ticks * (1e9 / Stopwatch.Frequency) / ChunkLinks);
            }
        }

        return new MemoryLatencyTiming(Figure(pieces), pieces);
    }

    /// <summary>
    /// A lap's figure from its pieces' ns a link: their median. Not the quietest (<see cref="KernelStatistic"/>'s rule
    /// for kernels interference only slows): what memory costs is the shared memory system's moment, which the
    /// neighbours' traffic moves and every method that misses pays too, as the allocation kernels' per-byte cost does;
    /// the quietest piece is a moment the workloads rarely run in. The median of short pieces, not of whole laps,
    /// so a lap the scheduler interrupted (a time slice is as long as a lap) spoils only the pieces it fell in.
    /// </summary>
    /// <exception cref="ArgumentException">No pieces.</exception>
    internal static double Figure(IReadOnlyCollection<double> piecesNs) =>
        piecesNs.Count > 0 ? SampleStatistics.MedianOf(piecesNs) : throw new ArgumentException("A lap needs at least one timed piece.", nameof(piecesNs));

    /// <summary>Reads one int of every line of the eviction buffer: each line the caches held is replaced.</summary>
    // Optimised from the first call: the kernel runs once, after the passes, with no warm-up to tier it up.
    [MethodImpl(MethodImplOptions.NoInlining | AggressiveOptimization)]
    private long Evict()
    {
        int[] buffer = _evict;
        long sum = 0;
        int end = Math.Min(buffer.Length, EvictionBytes / sizeof(int));
        for (int i = 0; i < end; i += LineInts)
        {
            sum += buffer[i];
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining | AggressiveOptimization)]
    private int Chase(int links)
    {
        int[] next = _lap;
        int p = _position;
        for (int i = 0; i < links; i++)
        {
            p = next[p];
        }

        _position = p;
        return p;
    }
}
