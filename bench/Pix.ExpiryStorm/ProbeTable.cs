using System;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.ExpiryStorm;

/// <summary>
/// A copy of the NAT's <c>NatFlowTable</c> (the same 56-byte entries, bucket chains, age list and free list) whose
/// expiry comes in two versions that do the same loads and stores to the same lines and differ only in
/// branches: <see cref="ExpireBranchy"/> unlinks from the bucket chain as the NAT does, with two branches on the
/// entry's bucket neighbours (<c>PreviousInBucket</c>, <c>NextInBucket != None</c>: the table's contents decide
/// them); <see cref="ExpireBranchless"/> makes both stores every time, selecting their target by arithmetic (a
/// missing neighbour or a head that must not change is written in a spare entry or bucket slot, which stays in
/// L1). If the NAT's expiry pays mispredicted branches on table contents, the branchy version costs more per
/// expired flow. <see cref="CountOutcomes"/> is the branchy loop with its outcomes counted, run off the clock.
/// </summary>
internal sealed class ProbeTable
{
    private const int None = -1;

    private readonly int[] _bucketHeads;   // one spare slot at the end: the branchless unlink's harmless target
    private readonly Entry[] _entries;     // one spare entry at the end, likewise
    private readonly int _bucketMask;
    private readonly int _spareEntry;
    private readonly int _spareBucket;
    private int _freeHead;
    private int _oldest = None;
    private int _newest = None;

    public ProbeTable(int capacity, int bucketCount)
    {
        _bucketHeads = new int[bucketCount + 1];
        _bucketHeads.AsSpan().Fill(None);
        _bucketMask = bucketCount - 1;
        _spareBucket = bucketCount;
        _entries = new Entry[capacity + 1];
        _spareEntry = capacity;
        for (int i = 0; i < capacity; i++)
        {
            _entries[i].NextInBucket = i + 1 < capacity ? i + 1 : None;
        }

        _entries[capacity].NextInBucket = None;
        _freeHead = 0;
    }

    /// <summary>What the branchy loop's data-dependent branches did, over every expired flow since construction.</summary>
    public (long Expired, long WithoutPrevious, long WithNext, long Calls, long Misfits) Outcomes { get; private set; }

    public int Find(in FlowKey key, uint hash)
    {
        int index = _bucketHeads[hash & (uint)_bucketMask];
        while (index != None)
        {
            if (_entries[index].Hash == hash && _entries[index].Key == key)
            {
                return index;
            }

            index = _entries[index].NextInBucket;
        }

        return None;
    }

    public int Add(in FlowKey key, uint hash, long now)
    {
        int index = _freeHead;
        if (index == None)
        {
            return None;
        }

        _freeHead = _entries[index].NextInBucket;
        ref Entry entry = ref _entries[index];
        entry.Key = key;
        entry.Hash = hash;
        entry.LastSeen = now;
        entry.InUse = true;
        int bucket = (int)(hash & (uint)_bucketMask);
        entry.PreviousInBucket = None;
        entry.NextInBucket = _bucketHeads[bucket];
        if (entry.NextInBucket != None)
        {
            _entries[entry.NextInBucket].PreviousInBucket = index;
        }

        _bucketHeads[bucket] = index;
        _entries[index].Older = _newest;
        _entries[index].Newer = None;
        if (_newest != None)
        {
            _entries[_newest].Newer = index;
        }
        else
        {
            _oldest = index;
        }

        _newest = index;
        return index;
    }

    /// <summary>The NAT's <c>ExpireSeenBefore</c>, as written there.</summary>
    public int ExpireBranchy(long deadline)
    {
        int expired = 0;
        while (_oldest != None && _entries[_oldest].LastSeen < deadline)
        {
            int index = _oldest;
            UnlinkFromAgeList(index);
            ref Entry entry = ref _entries[index];
            if (entry.PreviousInBucket != None)
            {
                _entries[entry.PreviousInBucket].NextInBucket = entry.NextInBucket;
            }
            else
            {
                _bucketHeads[entry.Hash & (uint)_bucketMask] = entry.NextInBucket;
            }

            if (entry.NextInBucket != None)
            {
                _entries[entry.NextInBucket].PreviousInBucket = entry.PreviousInBucket;
            }

            entry.InUse = false;
            entry.NextInBucket = _freeHead;
            _freeHead = index;
            expired++;
        }

        return expired;
    }

    /// <summary>
    /// The same loop with the bucket unlink's two branches replaced by arithmetic: the previous entry's link is
    /// written in the previous entry, or in the spare entry when there is none; the bucket head is written in the
    /// entry's bucket when it has no previous entry, else in the spare slot; the next entry's back link in the next
    /// entry, or in the spare entry. Same loads, same stores to the same lines but the spare ones, no branch on them.
    /// </summary>
    public int ExpireBranchless(long deadline)
    {
        int expired = 0;
        while (_oldest != None && _entries[_oldest].LastSeen < deadline)
        {
            int index = _oldest;
            UnlinkFromAgeList(index);
            ref Entry entry = ref _entries[index];
            int previous = entry.PreviousInBucket;
            int next = entry.NextInBucket;
            int noPrevious = previous >> 31;   // -1 when None, else 0 (indices are non-negative)
            int noNext = next >> 31;
            int bucket = (int)(entry.Hash & (uint)_bucketMask);
            _entries[previous + (noPrevious & (_spareEntry + 1))].NextInBucket = next;
            _bucketHeads[_spareBucket + (noPrevious & (bucket - _spareBucket))] = next;
            _entries[next + (noNext & (_spareEntry + 1))].PreviousInBucket = previous;
            entry.InUse = false;
            entry.NextInBucket = _freeHead;
            _freeHead = index;
            expired++;
        }

        return expired;
    }

    /// <summary>The branchy loop, its outcomes counted into <see cref="Outcomes"/> (off the clock).</summary>
    public int CountOutcomes(long deadline)
    {
        long withoutPrevious = 0, withNext = 0;
        int expired = 0;
        while (_oldest != None && _entries[_oldest].LastSeen < deadline)
        {
            int index = _oldest;
            withoutPrevious += _entries[index].PreviousInBucket == None ? 1 : 0;
            withNext += _entries[index].NextInBucket != None ? 1 : 0;
            expired++;
            ExpireOne(index);
        }

        var o = Outcomes;
        Outcomes = (o.Expired + expired, o.WithoutPrevious + withoutPrevious, o.WithNext + withNext, o.Calls + 1, o.Misfits + (expired == 8 ? 0 : 1));
        return expired;
    }

    private void ExpireOne(int index)
    {
        UnlinkFromAgeList(index);
        ref Entry entry = ref _entries[index];
        if (entry.PreviousInBucket != None)
        {
            _entries[entry.PreviousInBucket].NextInBucket = entry.NextInBucket;
        }
        else
        {
            _bucketHeads[entry.Hash & (uint)_bucketMask] = entry.NextInBucket;
        }

        if (entry.NextInBucket != None)
        {
            _entries[entry.NextInBucket].PreviousInBucket = entry.PreviousInBucket;
        }

        entry.InUse = false;
        entry.NextInBucket = _freeHead;
        _freeHead = index;
    }

    private void UnlinkFromAgeList(int index)
    {
        ref Entry entry = ref _entries[index];
        if (entry.Older != None)
        {
            _entries[entry.Older].Newer = entry.Newer;
        }
        else
        {
            _oldest = entry.Newer;
        }

        if (entry.Newer != None)
        {
            _entries[entry.Newer].Older = entry.Older;
        }
        else
        {
            _newest = entry.Older;
        }
    }

    // NatFlowTable.Entry's fields in its order: 56 bytes.
    private struct Entry
    {
        public FlowKey Key;
        public uint Hash;
        public long LastSeen;
        public bool InUse;
        public int NextInBucket;
        public int PreviousInBucket;
        public int Older;
        public int Newer;
    }
}
