using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.NetworkFunctions.Translation;

/// <summary>
/// The NAT's flow table: a fixed pool of entries, hash buckets chained through the entries
/// (doubly linked, so expiry unlinks in O(1)), and an age list from least to most recently seen,
/// so that expiry only ever looks at flows that are due. Nothing is allocated after construction.
/// </summary>
/// <remarks>
/// Entry <c>i</c> owns external port <c>firstPort + i</c> (as in the Vigor NAT), so the reverse
/// direction needs no second table.
/// </remarks>
public sealed class NatFlowTable
{
    /// <summary>Bytes per entry of the pool (its struct's size): what a table of n flows spans, n × this.</summary>
    public const int EntryBytes = 56;

    private const int None = -1;

    private readonly int[] _bucketHeads;
    private readonly Entry[] _entries;
    private readonly int _bucketMask;
    private int _freeHead;
    private int _oldest = None;
    private int _newest = None;

    /// <summary>Creates a table of <paramref name="capacity"/> flows over <paramref name="bucketCount"/> buckets (a power of two).</summary>
    public NatFlowTable(int capacity, int bucketCount)
    {
        if (capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The table needs room for at least one flow.");
        }

        if (bucketCount <= 0 || (bucketCount & (bucketCount - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bucketCount), bucketCount, "The bucket count must be a positive power of two.");
        }

        _bucketHeads = new int[bucketCount];
        _bucketHeads.AsSpan().Fill(None);
        _bucketMask = bucketCount - 1;
        Debug.Assert(Unsafe.SizeOf<Entry>() == EntryBytes, "EntryBytes must be the entry's size: the interface prices cold loads by the table's bytes.");
        _entries = new Entry[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _entries[i].NextInBucket = i + 1 < capacity ? i + 1 : None;
        }

        _freeHead = 0;
    }

    /// <summary>Flows in the table.</summary>
    public int Count { get; private set; }

    /// <summary>Maximum number of flows.</summary>
    public int Capacity => _entries.Length;

    /// <summary>The bucket a hash falls into.</summary>
    public int BucketOf(uint hash) => (int)(hash & (uint)_bucketMask);

    /// <summary>Number of buckets.</summary>
    public int BucketCount => _bucketHeads.Length;

    /// <summary>The internal flow of entry <paramref name="index"/>.</summary>
    public FlowKey KeyAt(int index) => _entries[index].Key;

    /// <summary>The first entry of bucket <paramref name="bucket"/>'s chain, -1 when empty (workloads replay walks to trace cold loads).</summary>
    internal int BucketHead(int bucket) => _bucketHeads[bucket];

    /// <summary>The entry after <paramref name="index"/> in its bucket's chain, or in the free list for a free entry; -1 at the end.</summary>
    internal int NextInBucket(int index) => _entries[index].NextInBucket;

    /// <summary>The first free entry, -1 when the table is full.</summary>
    internal int FreeHead => _freeHead;

    /// <summary>The least recently seen flow's entry, -1 when the table is empty.</summary>
    internal int Oldest => _oldest;

    /// <summary>Whether entry <paramref name="index"/> holds a flow.</summary>
    public bool IsInUse(int index) => _entries[index].InUse;

    /// <summary>
    /// Finds the flow <paramref name="key"/>; returns its entry index or -1. <paramref name="steps"/>
    /// is the number of chain entries compared (the <c>chainLength</c> PCV of the lookup).
    /// </summary>
    public int Find(in FlowKey key, uint hash, out int steps)
    {
        steps = 0;
        int index = _bucketHeads[hash & (uint)_bucketMask];
        while (index != None)
        {
            PixHint.Pcv("chainLength", "flow-table entries compared in the packet's hash bucket");
            steps++;
            if (_entries[index].Hash == hash && _entries[index].Key == key)
            {
                return index;
            }

            index = _entries[index].NextInBucket;
        }

        return None;
    }

    /// <summary>Adds a flow seen at <paramref name="now"/>; returns its entry index, or -1 when the table is full.</summary>
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
        AppendToAgeList(index);
        Count++;
        return index;
    }

    /// <summary>Marks entry <paramref name="index"/> as seen at <paramref name="now"/> (moves it to the young end of the age list).</summary>
    public void Touch(int index, long now)
    {
        _entries[index].LastSeen = now;
        if (index == _newest)
        {
            return;
        }

        UnlinkFromAgeList(index);
        AppendToAgeList(index);
    }

    /// <summary>Removes every flow last seen before <paramref name="deadline"/>; returns how many.</summary>
    public int ExpireSeenBefore(long deadline)
    {
        int expired = 0;
        while (_oldest != None && _entries[_oldest].LastSeen < deadline)
        {
            PixHint.Pcv("expiredFlows", "flows that timed out since the previous packet, removed before this one is handled");
            int index = _oldest;
            UnlinkFromAgeList(index);
            UnlinkFromBucket(index);
            _entries[index].InUse = false;
            _entries[index].NextInBucket = _freeHead;
            _freeHead = index;
            Count--;
            expired++;
        }

        return expired;
    }

    /// <summary>
    /// Of the flows <see cref="ExpireSeenBefore"/>(<paramref name="deadline"/>) would remove, how many would head their
    /// bucket's chain when unlinked (the <c>expiredBucketHeads</c> PCV), without changing the table: its unlinking
    /// replayed on the links alone, oldest first. For the workloads' trace, off the clock: the expiry's own code is
    /// left as measured.
    /// </summary>
    internal int BucketHeadsExpiringBefore(long deadline)
    {
        int heads = 0;
        var previousNow = new Dictionary<int, int>();   // links the replayed unlinks rewrote
        var nextNow = new Dictionary<int, int>();
        for (int index = _oldest; index != None && _entries[index].LastSeen < deadline; index = _entries[index].Newer)
        {
            int previous = previousNow.TryGetValue(index, out int p) ? p : _entries[index].PreviousInBucket;
            int next = nextNow.TryGetValue(index, out int n) ? n : _entries[index].NextInBucket;
            if (previous == None)
            {
                heads++;
            }
            else
            {
                nextNow[previous] = next;
            }

            if (next != None)
            {
                previousNow[next] = previous;
            }
        }

        return heads;
    }

    private void UnlinkFromBucket(int index)
    {
        ref Entry entry = ref _entries[index];
        if (entry.PreviousInBucket != None)
        {
            _entries[entry.PreviousInBucket].NextInBucket = entry.NextInBucket;
        }
        else
        {
            // Table contents decide this branch: on the expiry storm's table 30% of expired flows take it (no newer flow
            // in their bucket), and the flows of one call mix both arms, so the predictor misses (the hint's PCV prices it).
            PixHint.Pcv("expiredBucketHeads", "expired flows that headed their bucket's chain (no newer flow in the bucket)");
            _bucketHeads[entry.Hash & (uint)_bucketMask] = entry.NextInBucket;
        }

        if (entry.NextInBucket != None)
        {
            _entries[entry.NextInBucket].PreviousInBucket = entry.PreviousInBucket;
        }
    }

    private void AppendToAgeList(int index)
    {
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

    private struct Entry
    {
        public FlowKey Key;
        public uint Hash;
        public long LastSeen;
        public bool InUse;
        public int NextInBucket;     // also links the free list
        public int PreviousInBucket;
        public int Older;
        public int Newer;
    }
}
