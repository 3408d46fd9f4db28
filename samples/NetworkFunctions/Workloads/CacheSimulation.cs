using System;
using System.Collections.Generic;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>
/// The caches simulated over one structure's lines, to trace a <c>PixHint.ColdLoads</c> PCV: whether a
/// packet's load into a table misses depends on how many other lines the traffic touched since that
/// entry was last used (its reuse distance), which only replaying the traffic tells.
/// </summary>
/// <remarks>
/// <para>
/// A cold load is priced at the memory-level curve's latency for the structure's size, the latency of a
/// load that misses every cache level smaller than the structure. So a load counts as a miss when it misses
/// all the simulated levels smaller than the structure's footprint: in a 160 KiB table, an L1 miss; in a
/// 1.75 MiB table, a load that misses L1 and the whole L2. A load that misses L1 but is served by L2 in a
/// structure larger than L2 is the hint's second count (<see cref="ColdLoadCount.FromL2"/>), priced at the
/// curve's L2 plateau. A load that missed a simulated third level too (an L3 as large as the profile's curve says it
/// reaches) was served by memory: the hint's third count (<see cref="ColdLoadCount.FromMemory"/>), priced at the curve's
/// memory plateau.
/// </para>
/// <para>
/// A stride prefetcher per load site: a load whose lines are next to (or are) the lines the same site loaded
/// last, in either direction, arrives prefetched, so it fills the caches but is not counted (an aging sweep or
/// a chain of entries allocated in order streams; a hash chain's random entries do not).
/// </para>
/// <para>
/// It sees the traced structures' lines and the lines of each packet's headers (<see cref="Touch"/>: the
/// driver reads them before every timed packet, and a workload's frames stream tens of megabytes through
/// the caches), not the stack, the code or the other data that share the real caches, so it errs towards
/// hits; and it assumes a structure starts on a line boundary.
/// </para>
/// </remarks>
public sealed class CacheSimulation
{
    private readonly CacheLevel[] _levels;

    // The lines each load site loaded last (a site is a loop of the traced code), for the stride prefetcher.
    private readonly Dictionary<int, (long First, long Last)> _lastLinesOfSite = new();

    /// <summary>
    /// Where the workload's frame buffer starts in the simulated memory: far above any traced table, so a
    /// frame's lines never alias a table's (tables start at 0 or at a small <c>startByte</c>).
    /// </summary>
    public const long FramesStartByte = 1L << 40;

    /// <summary>Caches of these levels, smallest first.</summary>
    public CacheSimulation(params CacheLevel[] levels) => _levels = levels;

    /// <summary>
    /// Loads entry <paramref name="index"/> of a structure of <paramref name="footprintBytes"/> bytes made
    /// of <paramref name="entryBytes"/>-byte entries, from load site <paramref name="site"/>, counted as a
    /// <c>PixHint.ColdLoads</c> hint's two PCVs (<see cref="Count"/>). The lines of one entry are fetched together,
    /// so an entry is at most one load of either count. Every level keeps its lines.
    /// </summary>
    public ColdLoadCount LoadEntry(int index, int entryBytes, long footprintBytes, int site) =>
        LoadEntry(index, entryBytes, footprintBytes, site, startByte: 0);

    /// <summary>
    /// As <see cref="LoadEntry(int, int, long, int)"/>, for a structure that starts <paramref name="startByte"/>
    /// bytes into the simulated memory (a multiple of <see cref="CacheLevel.LineBytes"/>): structures traced
    /// through one simulation must not overlap, or the lines of one would hit for the other.
    /// </summary>
    public ColdLoadCount LoadEntry(int index, int entryBytes, long footprintBytes, int site, long startByte) =>
        Count(ServingLevel(index, entryBytes, site, startByte), footprintBytes);

    /// <summary>
    /// Loads entry <paramref name="index"/> (as <see cref="LoadEntry(int, int, long, int, long)"/>) and returns the level
    /// that served it: 0 for L1, 1 for the next level, the number of levels for memory beyond them all. An entry spanning
    /// lines is served from the farthest level one of its lines came from; a prefetched entry (see the remarks) by L1:
    /// it arrived before it was needed.
    /// </summary>
    public int ServingLevel(int index, int entryBytes, int site, long startByte)
    {
        long first = (startByte + ((long)index * entryBytes)) / CacheLevel.LineBytes;
        long last = (startByte + ((long)index * entryBytes) + entryBytes - 1) / CacheLevel.LineBytes;
        // Next to (or overlapping) the site's previous entry, in either direction: an entry of two lines walked downwards
        // starts two lines below the previous one's last line, but ends next to its first.
        bool prefetched = _lastLinesOfSite.TryGetValue(site, out (long First, long Last) previous) && first <= previous.Last + 1 && last >= previous.First - 1;
        _lastLinesOfSite[site] = (first, last);

        int served = 0;
        for (long line = first; line <= last; line++)
        {
            // Every level is touched (each keeps the line, as an inclusive hierarchy does); the first that held it served it.
            int holder = _levels.Length;
            for (int level = _levels.Length - 1; level >= 0; level--)
            {
                if (!_levels[level].Touch(line))
                {
                    holder = level;
                }
            }

            served = Math.Max(served, holder);
        }

        return prefetched ? 0 : served;
    }

    /// <summary>
    /// A load served by <paramref name="level"/> (<see cref="ServingLevel"/>) in a structure of
    /// <paramref name="footprintBytes"/> bytes, as the hint's PCVs count it: a miss (<see cref="ColdLoadCount.Misses"/>)
    /// when it missed every level smaller than the structure, the latency the memory-level curve gives at the
    /// structure's size; served by L2 (<see cref="ColdLoadCount.FromL2"/>) when a level past L1 but smaller than the
    /// structure served it, which the first count leaves out. In a structure smaller than L2 an L1 miss is a miss; in a
    /// larger one, a miss is an L2 miss and an L1 miss that L2 served is the second count. With a third level simulated
    /// (an L3), a miss that it missed too, served by memory, is also the third count (<see cref="ColdLoadCount.FromMemory"/>),
    /// whatever the structure's size.
    /// </summary>
    public ColdLoadCount Count(int level, long footprintBytes)
    {
        // The first two counts stand against L1 and L2 alone (the footprint's price and the L2 plateau): a simulated L3
        // does not change them, only says which of the misses memory served.
        int smaller = 0;
        while (smaller < Math.Min(2, _levels.Length) && _levels[smaller].CapacityBytes < footprintBytes)
        {
            smaller++;
        }

        if (level < smaller)
        {
            return level >= 1 ? ColdLoadCount.ServedByL2 : default;
        }

        return _levels.Length > 2 && level == _levels.Length ? ColdLoadCount.MissFromMemory : ColdLoadCount.Miss;
    }

    /// <summary>
    /// Drops every simulated line and the prefetcher's history: the packet core ran something else long enough to
    /// fill its caches with its own lines (a control-plane task of milliseconds on the packet thread, during which the
    /// thread may also lose its core). The traced structures' next loads miss every level.
    /// </summary>
    public void Empty()
    {
        foreach (CacheLevel level in _levels)
        {
            level.Empty();
        }

        _lastLinesOfSite.Clear();
    }

    /// <summary>
    /// Brings the lines of <paramref name="length"/> bytes at <paramref name="startByte"/> into every level,
    /// counting nothing: data the code reads that is not a traced structure (a packet's headers) but takes
    /// the structures' room in the caches.
    /// </summary>
    public void Touch(long startByte, int length)
    {
        if (length <= 0)
        {
            return;
        }

        for (long line = startByte / CacheLevel.LineBytes; line <= (startByte + length - 1) / CacheLevel.LineBytes; line++)
        {
            foreach (CacheLevel level in _levels)
            {
                level.Touch(line);
            }
        }
    }
}

/// <summary>
/// A traced structure's loads as a <c>PixHint.ColdLoads</c> hint's three PCVs count them: <paramref name="Misses"/>, the
/// loads that missed every cache level smaller than the structure (the PCV <c>name</c>); <paramref name="FromL2"/>,
/// the loads that missed L1 and were served by L2 in a structure larger than L2 (the PCV <c>{name}FromL2</c>); and
/// <paramref name="FromMemory"/>, of the misses, those memory served (the PCV <c>{name}FromMemory</c>; 0 unless an L3 is
/// simulated).
/// </summary>
public readonly record struct ColdLoadCount(int Misses, int FromL2, int FromMemory = 0)
{
    /// <summary>One load that missed every level smaller than its structure (and was served by a cache, or no L3 is simulated).</summary>
    public static ColdLoadCount Miss { get; } = new(1, 0);

    /// <summary>One load that missed L1 and was served by L2, in a structure larger than L2.</summary>
    public static ColdLoadCount ServedByL2 { get; } = new(0, 1);

    /// <summary>One load that missed every level smaller than its structure and the simulated L3 too: memory served it.</summary>
    public static ColdLoadCount MissFromMemory { get; } = new(1, 0, 1);

    /// <summary>The counts of two sets of loads together.</summary>
    public static ColdLoadCount operator +(ColdLoadCount a, ColdLoadCount b) => new(a.Misses + b.Misses, a.FromL2 + b.FromL2, a.FromMemory + b.FromMemory);
}
