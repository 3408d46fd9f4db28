using System.Runtime.CompilerServices;

namespace Pix.ChainWalks;

/// <summary>A 13-byte flow key, laid out as the samples' <c>FlowKey</c> (16 bytes with padding).</summary>
public readonly record struct Key(uint Source, uint Destination, ushort SourcePort, ushort DestinationPort, byte Protocol);

/// <summary>The firewall's entry: 40 bytes, <c>Next</c> at 32.</summary>
public struct Entry40
{
    public Key Key;
    public uint Hash;
    public byte State;
    public long LastSeen;
    public int Next;
}

/// <summary>The NAT's entry: 56 bytes, <c>Next</c> at 36.</summary>
public struct Entry56
{
    public Key Key;
    public uint Hash;
    public long LastSeen;
    public bool InUse;
    public int Next;
    public int Previous;
    public int Older;
    public int Newer;
}

/// <summary>A 16-byte entry: the index is scaled by a shift (<c>shl rcx, 4</c>), a one-cycle operation.</summary>
public struct Entry16
{
    public long Payload;
    public int Hash;
    public int Next;
}

/// <summary>
/// One chain of <c>length</c> entries in one bucket, linked from the highest index down as the colliding
/// workloads build them (each new flow pushed at the head), so consecutive entries are adjacent in memory.
/// Entry <c>i</c> has hash <c>i</c> and key <c>(i, …)</c>; a lookup of hash <c>h</c> walks
/// <c>length − h</c> entries. Every walk returns the entries walked, so nothing is optimised away.
/// </summary>
public sealed class Chains
{
    private readonly Entry40[] _entries40;
    private readonly Entry56[] _entries56;
    private readonly Entry16[] _entries16;
    private readonly int[] _next;
    private readonly int _head;
    private readonly long _timeout = long.MaxValue / 2;

    public Chains(int length)
    {
        _entries40 = new Entry40[length];
        _entries56 = new Entry56[length];
        _entries16 = new Entry16[length];
        _next = new int[length];
        for (int i = 0; i < length; i++)
        {
            var key = new Key((uint)i, 7, 80, 443, 17);
            _entries40[i] = new Entry40 { Key = key, Hash = (uint)i, State = 1, LastSeen = 0, Next = i - 1 };
            _entries56[i] = new Entry56 { Key = key, Hash = (uint)i, InUse = true, Next = i - 1 };
            _entries16[i] = new Entry16 { Hash = i, Next = i - 1 };
            _next[i] = i - 1;
        }

        _head = length - 1;
    }

    public static Key KeyOf(int hash) => new((uint)hash, 7, 80, 443, 17);

    /// <summary>A bare chain of ints: the load chain alone (<c>mov eax, [rdx+4*rax+0x10]</c>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int NextOnly(uint hash)
    {
        int steps = 0;
        int index = _head;
        while (index != -1 && index != (int)hash)
        {
            steps++;
            index = _next[index];
        }

        return steps;
    }

    /// <summary>The 16-byte entry, next only: a shift, then the load.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Entry16NextOnly(uint hash)
    {
        int steps = 0;
        int index = _head;
        while (index != -1 && index != (int)hash)
        {
            steps++;
            index = _entries16[index].Next;
        }

        return steps;
    }

    /// <summary>The 40-byte entry, next only: <c>lea rcx, [rcx+4*rcx]</c>, then the load at <c>8*rcx</c>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Entry40NextOnly(uint hash)
    {
        int steps = 0;
        int index = _head;
        while (index != -1 && index != (int)hash)
        {
            steps++;
            index = _entries40[index].Next;
        }

        return steps;
    }

    /// <summary>The 40-byte entry, two fields per entry (hash, next): as the bridge's walk.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Entry40HashNext(uint hash)
    {
        int steps = 0;
        int index = _head;
        while (index != -1)
        {
            steps++;
            if (_entries40[index].Hash == hash)
            {
                return steps;
            }

            index = _entries40[index].Next;
        }

        return steps;
    }

    /// <summary>The firewall's <c>ConnectionTracker.Find</c> without the unlink: four fields per entry.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Entry40Firewall(in Key key, uint hash, long now, out int steps)
    {
        steps = 0;
        int index = _head;
        int previous = -1;
        while (index != -1)
        {
            steps++;
            int next = _entries40[index].Next;
            long timeout = _entries40[index].State == 1 ? _timeout : _timeout / 2;
            if (now - _entries40[index].LastSeen >= timeout)
            {
                previous = -2;
            }
            else if (_entries40[index].Hash == hash && _entries40[index].Key == key)
            {
                return index;
            }
            else
            {
                previous = index;
            }

            index = next;
        }

        return previous;
    }

    /// <summary>The firewall's walk with a local step count instead of the <c>out</c> parameter.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Entry40FirewallLocalSteps(in Key key, uint hash, long now)
    {
        int steps = 0;
        int index = _head;
        while (index != -1)
        {
            steps++;
            int next = _entries40[index].Next;
            long timeout = _entries40[index].State == 1 ? _timeout : _timeout / 2;
            if (now - _entries40[index].LastSeen < timeout && _entries40[index].Hash == hash && _entries40[index].Key == key)
            {
                return steps;
            }

            index = next;
        }

        return steps;
    }

    /// <summary>The 56-byte entry, next only.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Entry56NextOnly(uint hash)
    {
        int steps = 0;
        int index = _head;
        while (index != -1 && index != (int)hash)
        {
            steps++;
            index = _entries56[index].Next;
        }

        return steps;
    }

    /// <summary>The NAT's <c>NatFlowTable.Find</c>: hash, key (on a hash match), next.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public int Entry56Nat(in Key key, uint hash, out int steps)
    {
        steps = 0;
        int index = _head;
        while (index != -1)
        {
            steps++;
            if (_entries56[index].Hash == hash && _entries56[index].Key == key)
            {
                return index;
            }

            index = _entries56[index].Next;
        }

        return -1;
    }
}
