using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Pix.Samples.NetworkFunctions.Bridge;

/// <summary>
/// The bridge's forwarding database: MAC address → port, in a fixed pool of entries chained into
/// hash buckets (doubly linked so the aging sweep unlinks in O(1)).
/// </summary>
public sealed class MacTable
{
    /// <summary>Bytes per entry of the pool (its struct's size): what a table of n addresses spans, n × this.</summary>
    public const int EntryBytes = 40;

    private const int None = -1;

    private readonly int[] _bucketHeads;
    private readonly Entry[] _entries;
    private readonly int _bucketShift;
    private int _freeHead;

    /// <summary>Creates a table of <paramref name="capacity"/> addresses over <paramref name="bucketCount"/> buckets (a power of two).</summary>
    public MacTable(int capacity, int bucketCount)
    {
        if (capacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The table needs room for at least one address.");
        }

        if (bucketCount < 2 || (bucketCount & (bucketCount - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bucketCount), bucketCount, "The bucket count must be a power of two of at least 2.");
        }

        _bucketHeads = new int[bucketCount];
        _bucketHeads.AsSpan().Fill(None);
        _bucketShift = 64 - System.Numerics.BitOperations.Log2((uint)bucketCount);
        Debug.Assert(Unsafe.SizeOf<Entry>() == EntryBytes, "EntryBytes must be the entry's size: the interface prices cold loads by the table's bytes.");
        _entries = new Entry[capacity];
        for (int i = 0; i < capacity; i++)
        {
            _entries[i].Next = i + 1 < capacity ? i + 1 : None;
        }
    }

    /// <summary>Addresses currently learned.</summary>
    public int Count { get; private set; }

    /// <summary>Size of the entry pool.</summary>
    public int Capacity => _entries.Length;

    /// <summary>The bucket of a MAC address (Fibonacci hashing of the 48-bit address).</summary>
    public int BucketOf(ulong mac) => (int)((mac * 0x9E3779B97F4A7C15UL) >> _bucketShift);

    /// <summary>The head of bucket <paramref name="bucket"/>'s chain, -1 when empty.</summary>
    internal int Head(int bucket) => _bucketHeads[bucket];

    /// <summary>Entry <paramref name="index"/>'s next entry in its chain.</summary>
    internal int Next(int index) => _entries[index].Next;

    /// <summary>The address in entry <paramref name="index"/>.</summary>
    internal ulong MacAt(int index) => _entries[index].Mac;

    /// <summary>The port in entry <paramref name="index"/>.</summary>
    internal int PortAt(int index) => _entries[index].Port;

    /// <summary>When entry <paramref name="index"/> was last refreshed.</summary>
    internal long LastSeenAt(int index) => _entries[index].LastSeen;

    /// <summary>Whether entry <paramref name="index"/> is in use.</summary>
    internal bool IsInUse(int index) => _entries[index].InUse;

    /// <summary>Re-learns entry <paramref name="index"/> on <paramref name="port"/> at <paramref name="now"/>.</summary>
    internal void Refresh(int index, int port, long now)
    {
        _entries[index].Port = port;
        _entries[index].LastSeen = now;
    }

    /// <summary>Adds an address at the head of its bucket; returns false when the pool is exhausted.</summary>
    internal bool TryAdd(ulong mac, int port, long now)
    {
        int index = _freeHead;
        if (index == None)
        {
            return false;
        }

        _freeHead = _entries[index].Next;
        int bucket = BucketOf(mac);
        ref Entry entry = ref _entries[index];
        entry = new Entry { Mac = mac, Port = port, LastSeen = now, InUse = true, Previous = None, Next = _bucketHeads[bucket] };
        if (entry.Next != None)
        {
            _entries[entry.Next].Previous = index;
        }

        _bucketHeads[bucket] = index;
        Count++;
        return true;
    }

    /// <summary>Forgets entry <paramref name="index"/> and returns it to the pool.</summary>
    internal void Remove(int index)
    {
        ref Entry entry = ref _entries[index];
        if (entry.Previous != None)
        {
            _entries[entry.Previous].Next = entry.Next;
        }
        else
        {
            _bucketHeads[BucketOf(entry.Mac)] = entry.Next;
        }

        if (entry.Next != None)
        {
            _entries[entry.Next].Previous = entry.Previous;
        }

        entry.InUse = false;
        entry.Next = _freeHead;
        _freeHead = index;
        Count--;
    }

    private struct Entry
    {
        public ulong Mac;
        public int Port;
        public long LastSeen;
        public bool InUse;
        public int Next;      // also links the free list
        public int Previous;
    }
}
