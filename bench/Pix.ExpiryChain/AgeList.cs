using System.Runtime.CompilerServices;

namespace Pix.ExpiryChain;

/// <summary>
/// A pool of entries on one age list, oldest first, expired from its head: the NAT's expiry loop in parts. Entries
/// are the NAT's 56 bytes (an index scales by <c>imul r, r, 56</c>, as in <c>NatFlowTable</c>).
/// <see cref="ExpireThroughField"/> keeps the head in a field that the (inlined) unlink writes and the loop's test
/// reads back, as <c>NatFlowTable.ExpireSeenBefore</c> does with <c>_oldest</c>; <see cref="ExpireThroughLocal"/>
/// does the same work with the head in a local, stored once at the end: the difference per expired entry is what the
/// chain through memory (a store, then a load forwarded from it) costs. With <c>unlinkNeighbour</c>, each expired
/// entry also writes a link of another entry at random, as unlinking a flow from its hash bucket writes its bucket
/// neighbour: what that store costs, to a line anywhere in the pool or among its first entries only.
/// </summary>
internal sealed class AgeList
{
    private const int None = -1;
    private readonly Entry[] _entries;
    private readonly bool _unlinkNeighbour;
    private int _oldest;
    private int _expired;

    /// <param name="count">Entries, all on the age list.</param>
    /// <param name="unlinkNeighbour">Whether each expired entry writes a random neighbour's link.</param>
    /// <param name="neighbourRange">The neighbours are among the first this many entries (the whole pool, or a part that stays in L2).</param>
    public AgeList(int count, bool unlinkNeighbour, int neighbourRange)
    {
        _entries = new Entry[count];
        _unlinkNeighbour = unlinkNeighbour;
        var random = new Pix.Samples.NetworkFunctions.Workloads.SplitMix64(20261201);
        for (int i = 0; i < count; i++)
        {
            _entries[i] = new Entry { LastSeen = i, Newer = i + 1 < count ? i + 1 : None, Older = i - 1, Neighbour = random.Below(neighbourRange) };
        }

        _oldest = 0;
    }

    public int ExpireThroughField(long deadline)
    {
        int expired = 0;
        while (_oldest != None && _entries[_oldest].LastSeen < deadline)
        {
            Unlink(_oldest);
            expired++;
        }

        return expired;
    }

    public int ExpireThroughLocal(long deadline)
    {
        int expired = 0;
        int oldest = _oldest;
        while (oldest != None && _entries[oldest].LastSeen < deadline)
        {
            ref Entry entry = ref _entries[oldest];
            UnlinkLinks(ref entry);
            oldest = entry.Newer;
            expired++;
        }

        _oldest = oldest;
        return expired;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Unlink(int index)
    {
        ref Entry entry = ref _entries[index];
        _oldest = entry.Newer;
        UnlinkLinks(ref entry);
    }

    // What both variants write besides the head: the next entry's back link, the counter, and (optionally) a
    // neighbour's link, a store to a random entry.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void UnlinkLinks(ref Entry entry)
    {
        if (entry.Newer != None)
        {
            _entries[entry.Newer].Older = None;
        }

        if (_unlinkNeighbour)
        {
            _entries[entry.Neighbour].Next = entry.Next;
        }

        _expired++;
    }

    // 56 bytes, as NatFlowTable's entry.
    private struct Entry
    {
        public long LastSeen;
        public long Key0, Key1, Key2;
        public int Older;
        public int Newer;
        public int Neighbour;
        public int Next;
    }
}
