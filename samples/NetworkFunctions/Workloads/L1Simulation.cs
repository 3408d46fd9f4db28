using System;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>
/// A first-level data cache simulated over one structure's lines, to trace a <c>PixHint.ColdLoads</c>
/// PCV: which of a packet's loads into a table miss L1 depends on how many other lines the traffic
/// touched since that entry was last used (its reuse distance), which only replaying the traffic tells.
/// Set-associative with least-recently-used replacement, as the hardware's L1 approximately is, and
/// a stride prefetcher per load site: a load whose line follows (or is) the line the same site loaded
/// last arrives prefetched, so it fills the cache but is not counted as a miss (an aging sweep over
/// consecutive entries streams; a hash chain's entries are random and do not).
/// </summary>
/// <remarks>
/// It sees only the traced structure's lines, not the packets, the stack or the other tables that share
/// the real cache, so it errs towards hits; and it assumes the structure starts on a line boundary.
/// </remarks>
public sealed class L1Simulation
{
    /// <summary>Bytes per cache line.</summary>
    public const int LineBytes = 64;

    // Each set's lines, most recently used first; -1 marks an empty way.
    private readonly long[] _ways;
    private readonly int _setCount;
    private readonly int _associativity;

    // The line each load site loaded last (a site is a loop of the traced code), for the stride prefetcher.
    private readonly System.Collections.Generic.Dictionary<int, long> _lastLineOfSite = new();

    /// <summary>A cache of <paramref name="capacityBytes"/> in sets of <paramref name="associativity"/> lines.</summary>
    public L1Simulation(int capacityBytes, int associativity)
    {
        if (associativity <= 0 || capacityBytes <= 0 || capacityBytes % (associativity * LineBytes) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacityBytes), capacityBytes, $"The capacity must be a positive multiple of {associativity} ways of {LineBytes}-byte lines.");
        }

        _associativity = associativity;
        _setCount = capacityBytes / (associativity * LineBytes);
        _ways = new long[capacityBytes / LineBytes];
        _ways.AsSpan().Fill(-1);
    }

    /// <summary>
    /// The L1 data cache of the machine the network functions' accuracy was measured on (a Xeon of the
    /// Sapphire Rapids generation, <c>lscpu</c>: 48 KiB per core, 12-way, 64-byte lines). A profile does
    /// not record cache sizes; its memory-level curve rises between 32 and 64 KiB, which agrees.
    /// </summary>
    public static L1Simulation MeasuredMachine() => new(48 << 10, 12);

    /// <summary>
    /// Loads entry <paramref name="index"/> of an array of <paramref name="entryBytes"/>-byte entries from
    /// load site <paramref name="site"/>: true when it misses (one of the lines it spans was not cached
    /// and not prefetched; the lines of one entry are fetched together, so an entry is one miss). Its
    /// lines become the most recently used.
    /// </summary>
    public bool LoadEntry(int index, int entryBytes, int site)
    {
        long first = (long)index * entryBytes / LineBytes;
        long last = (((long)index * entryBytes) + entryBytes - 1) / LineBytes;
        bool prefetched = _lastLineOfSite.TryGetValue(site, out long previous) && first >= previous && first <= previous + 1;
        _lastLineOfSite[site] = last;
        bool missed = false;
        for (long line = first; line <= last; line++)
        {
            missed |= Touch(line);
        }

        return missed && !prefetched;
    }

    /// <summary>Touches one line: true when it was not cached. It becomes its set's most recently used.</summary>
    public bool Touch(long line)
    {
        Span<long> set = _ways.AsSpan((int)(line % _setCount) * _associativity, _associativity);
        int found = set.IndexOf(line);
        int shifted = found < 0 ? set.Length - 1 : found;

        // Move the ways before it down one place (dropping the least recently used on a miss), then put it first.
        set.Slice(0, shifted).CopyTo(set.Slice(1));
        set[0] = line;
        return found < 0;
    }
}
