using System;
using System.Reflection;
using System.Runtime.InteropServices;
using Pix.Samples.NetworkFunctions.LoadBalancer;

namespace Pix.LoadBalancerParts;

/// <summary>Where a <see cref="PartVariant"/>'s connection table keeps its slots.</summary>
internal enum Backing
{
    /// <summary>A new array with every new balancer, as the driver's scenario has (4 KiB pages: the VM's THP mode is <c>madvise</c>).</summary>
    Fresh,

    /// <summary>One pinned array kept across replays, cleared at each, in 4 KiB pages.</summary>
    Small,

    /// <summary>As <see cref="Small"/>, the whole 2 MiB pages over it collapsed into huge pages (<c>MADV_COLLAPSE</c>).</summary>
    Huge,
}

/// <summary>
/// A connection table's slot array that outlives the balancer (<see cref="Backing.Small"/>, <see cref="Backing.Huge"/>):
/// a pinned array of the table's own slot type, put into each new table in place of the one it allocated, so its pages
/// can be made huge once and stay so. The table's code is unchanged: only where its array lies differs.
/// </summary>
internal sealed unsafe class SlotBacking
{
    private static readonly FieldInfo SlotsField = typeof(ConnectionTable).GetField("_slots", BindingFlags.NonPublic | BindingFlags.Instance)!;
    private readonly Array _slots;
    private readonly byte* _start;
    private readonly long _bytes;

    public SlotBacking(int capacity, bool huge)
    {
        Type slotType = SlotsField.FieldType.GetElementType()!;
        MethodInfo allocate = typeof(GC).GetMethod(nameof(GC.AllocateArray))!.MakeGenericMethod(slotType);
        _slots = (Array)allocate.Invoke(null, new object[] { capacity, true })!;
        _start = (byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(_slots));
        _bytes = (long)capacity * ConnectionTable.SlotBytes;
        new Span<byte>(_start, checked((int)_bytes)).Fill(1);
        if (huge)
        {
            // The huge pages that hold any of the slots: outside the array they hold the pinned heap's other memory, unchanged.
            long first = (long)_start & ~(long)(HugePages.Bytes - 1);
            long end = ((long)_start + _bytes + HugePages.Bytes - 1) & ~(long)(HugePages.Bytes - 1);
            (int asked, int refused) = HugePages.Collapse((byte*)first, end - first);
            Collapse = $"collapse: {asked} huge pages asked, {refused} refused";
        }
        else
        {
            HugePages.KeepSmall(_start, _bytes);
            Collapse = "4 KiB pages (MADV_NOHUGEPAGE)";
        }
    }

    /// <summary>What the huge-page request asked for and returned.</summary>
    public string Collapse { get; }

    /// <summary>The share of the slots' pages that are huge, now.</summary>
    public double HugeShare => HugePages.HugeShare(_start, _bytes);

    /// <summary>The slots' address modulo 2 MiB (where in its huge page the table starts).</summary>
    public long Offset2M => (long)_start & (HugePages.Bytes - 1);

    /// <summary>Clears the slots and puts them into <paramref name="table"/> in place of its own.</summary>
    public void Install(ConnectionTable table)
    {
        if (table.Capacity != _slots.Length)
        {
            throw new ArgumentException($"The table has {table.Capacity} slots; the backing {_slots.Length}.", nameof(table));
        }

        Array.Clear(_slots);
        SlotsField.SetValue(table, _slots);
    }
}
