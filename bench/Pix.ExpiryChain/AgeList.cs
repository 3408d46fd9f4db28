using System.Runtime.CompilerServices;

namespace Pix.ExpiryChain;

/// <summary>
/// A pool of entries on one age list, oldest first, expired from its head: the NAT's expiry loop without its
/// bucket chains. <see cref="ExpireThroughField"/> keeps the head in a field that the (inlined) unlink writes and
/// the loop's test reads back, as <c>NatFlowTable.ExpireSeenBefore</c> does with <c>_oldest</c>;
/// <see cref="ExpireThroughLocal"/> does the same work with the head in a local, stored once at the end. The
/// difference per expired entry is what the chain through memory (a store, then a load forwarded from it) costs.
/// </summary>
internal sealed class AgeList
{
    private const int None = -1;
    private readonly Entry[] _entries;
    private int _oldest;
    private int _expired;

    public AgeList(int count)
    {
        _entries = new Entry[count];
        Refill();
    }

    /// <summary>Relinks every entry, entry i seen at tick i, oldest first.</summary>
    public void Refill()
    {
        for (int i = 0; i < _entries.Length; i++)
        {
            _entries[i] = new Entry { LastSeen = i, Newer = i + 1 < _entries.Length ? i + 1 : None, Older = i - 1 };
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
            if (entry.Newer != None)
            {
                _entries[entry.Newer].Older = None;
            }

            _expired++;
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
        if (entry.Newer != None)
        {
            _entries[entry.Newer].Older = None;
        }

        _expired++;
    }

    private struct Entry
    {
        public long LastSeen;
        public int Older;
        public int Newer;
    }
}
