using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.NetworkFunctions.Firewall;

/// <summary>The state of a tracked connection.</summary>
public enum ConnectionState : byte
{
    /// <summary>A UDP flow or a TCP connection whose SYN was seen.</summary>
    Opening,
    /// <summary>Traffic has flowed both ways (TCP: an ACK after the SYN).</summary>
    Established,
    /// <summary>A FIN was seen: the connection lingers for the transient timeout.</summary>
    Closing,
}

/// <summary>
/// The firewall's connection table: direction-independent 5-tuples in a fixed entry pool chained
/// into hash buckets. Expiry is lazy: a lookup unlinks the stale entries it walks past, so an idle
/// table costs nothing and a chain never keeps dead entries once someone walks it.
/// </summary>
public sealed class ConnectionTracker
{
    /// <summary>Bytes per entry of the pool (its struct's size): what a table of n connections spans, n × this.</summary>
    public const int EntryBytes = 40;

    /// <summary>Bytes per bucket head (an entry's index).</summary>
    public const int BucketHeadBytes = sizeof(int);

    private const int None = -1;

    private readonly int[] _bucketHeads;
    private readonly Entry[] _entries;
    private readonly int _bucketMask;
    private readonly long _establishedTimeout;
    private readonly long _transientTimeout;
    private int _freeHead;

    /// <summary>Creates an empty tracker.</summary>
    public ConnectionTracker(int capacity, int bucketCount, long establishedTimeout, long transientTimeout)
    {
        if (capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The tracker needs room for at least one connection.");
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
            _entries[i].Next = i + 1 < capacity ? i + 1 : None;
        }

        _establishedTimeout = establishedTimeout;
        _transientTimeout = transientTimeout;
    }

    /// <summary>Connections in the table (stale ones included until a lookup meets them).</summary>
    public int Count { get; private set; }

    /// <summary>The bucket of a hash.</summary>
    public int BucketOf(uint hash) => (int)(hash & (uint)_bucketMask);

    /// <summary>Number of buckets.</summary>
    public int BucketCount => _bucketHeads.Length;

    /// <summary>The first entry of bucket <paramref name="bucket"/>, or -1 (the cold-load replay follows the chains).</summary>
    internal int BucketHead(int bucket) => _bucketHeads[bucket];

    /// <summary>The entry after <paramref name="index"/> in its bucket's chain, or in the free list when it is free; -1 at the end.</summary>
    internal int NextInChain(int index) => _entries[index].Next;

    /// <summary>The free list's first entry (the next <see cref="Add"/> takes it), or -1 when the pool is full.</summary>
    internal int FreeHead => _freeHead;

    /// <summary>The state of entry <paramref name="index"/>.</summary>
    public ConnectionState StateAt(int index) => _entries[index].State;

    /// <summary>
    /// Finds connection <paramref name="key"/> (canonical form), unlinking stale entries met on the
    /// way; returns its index or -1. <paramref name="steps"/> counts the entries walked past,
    /// <paramref name="unlinked"/> the stale ones among them.
    /// </summary>
    public int Find(in FlowKey key, uint hash, long now, out int steps, out int unlinked)
    {
        steps = 0;
        unlinked = 0;
        int bucket = (int)(hash & (uint)_bucketMask);
        int previous = None;
        int index = _bucketHeads[bucket];
        while (index != None)
        {
            PixHint.Pcv("chainLength", "connection-table entries walked in the packet's bucket, stale ones (unlinked on the way) included");
            steps++;
            int next = _entries[index].Next;
            if (IsStale(index, now))
            {
                PixHint.Pcv("staleUnlinked", "stale entries unlinked from the bucket on the way (connections that timed out since the walk last passed them)");
                unlinked++;
                Unlink(bucket, previous, index);
            }
            else if (_entries[index].Hash == hash && _entries[index].Key == key)
            {
                return index;
            }
            else
            {
                previous = index;
            }

            index = next;
        }

        return None;
    }

    /// <summary>Tracks a new connection; returns its index or -1 when the table is full.</summary>
    public int Add(in FlowKey key, uint hash, ConnectionState state, long now)
    {
        int index = _freeHead;
        if (index == None)
        {
            return None;
        }

        _freeHead = _entries[index].Next;
        int bucket = (int)(hash & (uint)_bucketMask);
        _entries[index] = new Entry { Key = key, Hash = hash, State = state, LastSeen = now, Next = _bucketHeads[bucket] };
        _bucketHeads[bucket] = index;
        Count++;
        return index;
    }

    /// <summary>Records a packet of connection <paramref name="index"/> at <paramref name="now"/>, moving it to <paramref name="state"/>.</summary>
    public void Update(int index, ConnectionState state, long now)
    {
        _entries[index].State = state;
        _entries[index].LastSeen = now;
    }

    private bool IsStale(int index, long now)
    {
        long timeout = _entries[index].State == ConnectionState.Established ? _establishedTimeout : _transientTimeout;
        return now - _entries[index].LastSeen >= timeout;
    }

    private void Unlink(int bucket, int previous, int index)
    {
        int next = _entries[index].Next;
        if (previous == None)
        {
            _bucketHeads[bucket] = next;
        }
        else
        {
            _entries[previous].Next = next;
        }

        _entries[index].Next = _freeHead;
        _freeHead = index;
        Count--;
    }

    private struct Entry
    {
        public FlowKey Key;
        public uint Hash;
        public ConnectionState State;
        public long LastSeen;
        public int Next; // also links the free list
    }
}
