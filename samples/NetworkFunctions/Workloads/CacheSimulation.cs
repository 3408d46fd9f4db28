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
/// load that misses every cache level smaller than the structure. So a load counts when it misses all
/// the simulated levels smaller than the structure's footprint: in a 160 KiB table, an L1 miss; in a
/// 1.75 MiB table, a load that misses L1 and the L2's share a random chase keeps. A load that misses L1
/// but hits a level in between costs that level's latency, which the count leaves out (an underestimate).
/// </para>
/// <para>
/// A stride prefetcher per load site: a load whose line is next to (or is) the line the same site loaded
/// last arrives prefetched, so it fills the caches but is not counted (an aging sweep or a chain of
/// entries allocated in order streams; a hash chain's random entries do not).
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

    // The line each load site loaded last (a site is a loop of the traced code), for the stride prefetcher.
    private readonly Dictionary<int, long> _lastLineOfSite = new();

    /// <summary>
    /// Where the workload's frame buffer starts in the simulated memory: far above any traced table, so a
    /// frame's lines never alias a table's (tables start at 0 or at a small <c>startByte</c>).
    /// </summary>
    public const long FramesStartByte = 1L << 40;

    /// <summary>Caches of these levels, smallest first.</summary>
    public CacheSimulation(params CacheLevel[] levels) => _levels = levels;

    /// <summary>
    /// Loads entry <paramref name="index"/> of a structure of <paramref name="footprintBytes"/> bytes made
    /// of <paramref name="entryBytes"/>-byte entries, from load site <paramref name="site"/>: true when it
    /// is a cold load (it misses every level smaller than the structure, and was not prefetched). The lines
    /// of one entry are fetched together, so an entry is at most one cold load. Every level keeps its lines.
    /// </summary>
    public bool LoadEntry(int index, int entryBytes, long footprintBytes, int site) =>
        LoadEntry(index, entryBytes, footprintBytes, site, startByte: 0);

    /// <summary>
    /// As <see cref="LoadEntry(int, int, long, int)"/>, for a structure that starts <paramref name="startByte"/>
    /// bytes into the simulated memory (a multiple of <see cref="CacheLevel.LineBytes"/>): structures traced
    /// through one simulation must not overlap, or the lines of one would hit for the other.
    /// </summary>
    public bool LoadEntry(int index, int entryBytes, long footprintBytes, int site, long startByte)
    {
        long first = (startByte + ((long)index * entryBytes)) / CacheLevel.LineBytes;
        long last = (startByte + ((long)index * entryBytes) + entryBytes - 1) / CacheLevel.LineBytes;
        bool prefetched = _lastLineOfSite.TryGetValue(site, out long previous) && first >= previous - 1 && first <= previous + 1;
        _lastLineOfSite[site] = last;

        bool cold = false;
        for (long line = first; line <= last; line++)
        {
            bool missedAll = true;
            foreach (CacheLevel level in _levels)
            {
                bool missed = level.Touch(line);
                missedAll &= missed || level.CapacityBytes >= footprintBytes;
            }

            cold |= missedAll;
        }

        return cold && !prefetched;
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
