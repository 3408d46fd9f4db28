using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.NetworkFunctions.LoadBalancer;

/// <summary>
/// Maglev's connection-tracking cache: open addressing in which a flow may live only in the
/// <see cref="ProbeWindow"/> slots after its home slot. A miss inserts into a free or idle slot of
/// the window, else evicts the window's least recently seen flow (it is a cache: an evicted flow
/// falls back to the consistent-hashing table, which usually picks the same backend).
/// </summary>
public sealed class ConnectionTable
{
    /// <summary>Slots a flow may occupy after its home slot.</summary>
    public const int ProbeWindow = 8;

    /// <summary>Bytes per slot (its struct's size): what a table of n slots spans, n × this.</summary>
    public const int SlotBytes = 40;

    private readonly Slot[] _slots;
    private readonly int _mask;
    private readonly long _idleTimeout;

    /// <summary>Creates a table of <paramref name="capacity"/> slots (a power of two).</summary>
    public ConnectionTable(int capacity, long idleTimeout)
    {
        if (capacity < ProbeWindow || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, $"The capacity must be a power of two of at least {ProbeWindow}.");
        }

        Debug.Assert(Unsafe.SizeOf<Slot>() == SlotBytes, "SlotBytes must be the slot's size: the interface prices cold loads by the table's bytes.");
        _slots = new Slot[capacity];
        _mask = capacity - 1;
        _idleTimeout = idleTimeout;
    }

    /// <summary>Number of slots.</summary>
    public int Capacity => _slots.Length;

    /// <summary>The home slot of a hash.</summary>
    public int HomeSlot(uint hash) => (int)(hash & (uint)_mask);

    /// <summary>
    /// Looks <paramref name="key"/> up. On a hit returns true and the flow's slot; on a miss, false
    /// and the slot a new entry should take. <paramref name="probes"/> counts the slots examined.
    /// </summary>
    public bool Find(in FlowKey key, uint hash, long now, out int slot, out int probes)
    {
        int home = (int)(hash & (uint)_mask);
        int victim = home;
        long victimSeen = long.MaxValue;
        probes = 0;
        for (int i = 0; i < ProbeWindow; i++)
        {
            PixHint.Pcv("probes", "connection-table slots examined before the flow is found (at most ProbeWindow = 8)");
            probes++;
            int index = (home + i) & _mask;
            ref readonly Slot candidate = ref _slots[index];
            bool live = candidate.InUse && now - candidate.LastSeen < _idleTimeout;
            if (live && candidate.Hash == hash && candidate.Key == key)
            {
                slot = index;
                return true;
            }

            // Free or idle slots are the best victims; among live ones, the least recently seen.
            long seen = live ? candidate.LastSeen : long.MinValue;
            if (seen < victimSeen)
            {
                victim = index;
                victimSeen = seen;
            }
        }

        slot = victim;
        return false;
    }

    /// <summary>The backend recorded in <paramref name="slot"/>.</summary>
    public int BackendAt(int slot) => _slots[slot].Backend;

    /// <summary>Records (or refreshes) a flow in <paramref name="slot"/>.</summary>
    public void Store(int slot, in FlowKey key, uint hash, int backend, long now)
    {
        ref Slot s = ref _slots[slot];
        s.Key = key;
        s.Hash = hash;
        s.Backend = backend;
        s.LastSeen = now;
        s.InUse = true;
    }

    private struct Slot
    {
        public FlowKey Key;
        public uint Hash;
        public int Backend;
        public long LastSeen;
        public bool InUse;
    }
}
