using System.Runtime.CompilerServices;

namespace Pix.SearchLoops;

/// <summary>A connection-table slot laid out like the load balancer's (key, hash, last seen, in use).</summary>
internal struct Slot
{
    public ulong KeyLow;
    public uint KeyHigh;
    public uint Hash;
    public long LastSeen;
    public bool InUse;
}

/// <summary>
/// The probe loop of <c>LoadBalancer/ConnectionTable.Find</c>: up to a window of slots after the home
/// slot, leaving early on a live slot whose hash and key match. <see cref="FindConstant"/> has the
/// sample's constant window of 8; <see cref="FindVariable"/> reads its window from a parameter, so
/// the trip count can change from call to call.
/// </summary>
internal sealed class ProbeWindow
{
    public const int Window = 8;
    private readonly Slot[] _slots;
    private readonly int _mask;

    public ProbeWindow(int capacity)
    {
        _slots = new Slot[capacity];
        _mask = capacity - 1;
    }

    /// <summary>Fills every slot with a live entry whose hash is not <paramref name="hash"/>.</summary>
    public void FillColliding(uint hash)
    {
        for (int i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new Slot { KeyLow = (ulong)i, KeyHigh = 7, Hash = hash + 1 + (uint)i, LastSeen = 1_000, InUse = true };
        }
    }

    /// <summary>Makes slot <paramref name="index"/> hold the key looked up (hash, key 0/0).</summary>
    public void Plant(int index, uint hash) => _slots[index & _mask] = new Slot { KeyLow = 0, KeyHigh = 0, Hash = hash, LastSeen = 1_000, InUse = true };

    [MethodImpl(MethodImplOptions.NoInlining)]
    public int FindConstant(uint hash, int home, long now)
    {
        for (int i = 0; i < Window; i++)
        {
            int index = (home + i) & _mask;
            ref readonly Slot s = ref _slots[index];
            bool live = s.InUse && now - s.LastSeen < 1_000_000;
            if (live && s.Hash == hash && s.KeyLow == 0 && s.KeyHigh == 0)
            {
                return i + 1;
            }
        }

        return Window;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public int FindVariable(uint hash, int home, long now, int window)
    {
        for (int i = 0; i < window; i++)
        {
            int index = (home + i) & _mask;
            ref readonly Slot s = ref _slots[index];
            bool live = s.InUse && now - s.LastSeen < 1_000_000;
            if (live && s.Hash == hash && s.KeyLow == 0 && s.KeyHigh == 0)
            {
                return i + 1;
            }
        }

        return window;
    }
}
