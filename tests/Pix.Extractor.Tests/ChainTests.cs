using System.Linq;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>The loop-carried dependency chain recorded with each loop body (ARCHITECTURE "Facts measured").</summary>
public sealed class ChainTests
{
    private static BlockSummary LoopBody(string source) =>
        Extraction.Extract(source).TermAbout("loop over").Block;

    [Fact]
    public void Fnv_chain_is_xor_then_multiply()
    {
        BlockSummary body = LoopBody(@"static class C { public static uint M(byte[] data) {
            uint h = 2166136261;
            for (int i = 0; i < data.Length; i++) { h = (h ^ data[i]) * 16777619; }
            return h; } }");
        Assert.Equal(new[] { new OperationCount(OperationClass.IntegerAlu, 1), new OperationCount(OperationClass.IntegerMultiply, 1) }, body.Chain);
    }

    [Fact]
    public void Running_sum_chain_is_one_add()
    {
        BlockSummary body = LoopBody(@"static class C { public static long M(int[] a) {
            long sum = 0;
            for (int i = 0; i < a.Length; i++) sum += a[i];
            return sum; } }");
        Assert.Equal(new[] { new OperationCount(OperationClass.IntegerAlu, 1) }, body.Chain);
    }

    [Fact]
    public void Adler_chain_is_an_add_and_the_constant_modulo_sequence()
    {
        BlockSummary body = LoopBody(@"static class C { public static uint M(byte[] data) {
            uint a = 1, b = 0;
            for (int i = 0; i < data.Length; i++) { a = (a + data[i]) % 65521; b = (b + a) % 65521; }
            return (b << 16) | a; } }");

        // add, then multiply-high + shifts + multiply back + subtract (unsigned % by a constant).
        Assert.Equal(2, body.CountOf(OperationClass.IntegerMultiply) / 2);
        Assert.Equal(
            new[] { new OperationCount(OperationClass.IntegerAlu, 4), new OperationCount(OperationClass.IntegerMultiply, 2) },
            body.Chain);
    }

    [Fact]
    public void The_chain_prices_the_loop_when_it_is_longer_than_the_throughput_bound()
    {
        BlockSummary fnv = LoopBody(@"static class C { public static uint M(byte[] data) {
            uint h = 2166136261;
            for (int i = 0; i < data.Length; i++) { h = (h ^ data[i]) * 16777619; }
            return h; } }");
        HardwareProfile hw = HardwareProfile.Reference;
        double chainLatency = hw.LatencyNs(OperationClass.IntegerAlu) + hw.LatencyNs(OperationClass.IntegerMultiply);
        Assert.Equal(chainLatency, fnv.Price(hw), 9);
    }

    [Fact]
    public void A_linked_walk_through_struct_entries_chains_the_address_and_one_load_not_the_bounds_check()
    {
        // The firewall's and NAT's bucket walk: `index = _entries[index].Next`. Tier-1 code computes the
        // entry's address (a 40-byte struct: `lea rsi, [rsi+4*rsi]`, then 8*rsi in the addressing mode) and
        // loads the field; the bounds check's compare is predicted, so the next load does not wait for it.
        InterfaceModel model = Extraction.Extract(@"
            struct Entry { public long Key; public long Stamp; public long Value; public int Hash; public int Next; public long Extra; }
            class C {
                private Entry[] _entries = new Entry[16];
                public int M(int index, long key) {
                    while (index >= 0) {
                        PixHint.Pcv(""chainLength"", ""entries walked"");
                        if (_entries[index].Key == key) return index;
                        index = _entries[index].Next;
                    }
                    return -1; } }");
        BlockSummary body = model.TermAbout("loop over").Block;

        // The lea with a scaled index: one ALU operation to issue, one ScaledLea on the chain (MaterializedAddressTests).
        Assert.Equal(new[] { new OperationCount(OperationClass.Load, 1), new OperationCount(OperationClass.ScaledLea, 1) }, body.Chain);

        // Each field read is one load at the element's address, not a load of the element and one of the field.
        Assert.Equal(4, body.CountOf(OperationClass.Load)); // _entries twice, .Key, .Next
        Assert.Equal(2, body.CountOf(OperationClass.BoundsCheck));
    }

    [Fact]
    public void A_ref_local_to_an_element_binds_its_address()
    {
        InterfaceModel model = Extraction.Extract(@"
            struct Rule { public int Mask; public int Prefix; }
            class C {
                public int M(Rule[] rules, int ip) {
                    int hits = 0;
                    for (int i = 0; i < rules.Length; i++) {
                        ref readonly Rule rule = ref rules[i];
                        if ((ip & rule.Mask) == rule.Prefix) hits++;
                    }
                    return hits; } }");
        BlockSummary body = model.TermAbout("loop over").Block;

        // rule.Mask and rule.Prefix; binding `rule` loads nothing.
        Assert.Equal(2, body.CountOf(OperationClass.Load));
        Assert.Equal(2, body.FoldedLoads);
    }

    [Theory]
    [InlineData("public int A;", null, 0)] // 8 bytes: the addressing mode scales by 8
    [InlineData("public int A; public int B;", OperationClass.ScaledLea, 1)] // 12 = 3 × 4: lea with a scaled index (on the chain, a ScaledLea)
    [InlineData("public long A; public long B; public long C;", OperationClass.IntegerAlu, 1)] // 28, padded to 32: shl
    [InlineData("public Key K; public uint H; public long T; public bool U; public int N; public int P; public int O; public int W;", OperationClass.IntegerMultiply, 1)] // the NAT's 56-byte entry: imul
    public void The_offset_of_a_struct_element_costs_what_its_padded_size_needs(string fields, OperationClass? offset, double count)
    {
        // Each entry ends in `public int Next`.
        InterfaceModel walk = Extraction.Extract(@"
            struct Key { public uint A; public uint B; public ushort C; public ushort D; public byte E; }
            struct Entry { " + fields + @" public int Next; }
            class C {
                public int M(Entry[] entries, int index) {
                    while (index >= 0) { PixHint.Pcv(""walked"", ""entries walked""); index = entries[index].Next; }
                    return index; } }");
        BlockSummary body = walk.TermAbout("loop over").Block;
        var expected = new System.Collections.Generic.List<OperationCount>();
        if (offset is { } op)
        {
            expected.Add(new OperationCount(op, count));
        }

        expected.Add(new OperationCount(OperationClass.Load, 1));
        Assert.Equal(expected.OrderBy(c => (int)c.Class), body.Chain);
    }

    [Fact]
    public void A_walk_through_an_inlined_accessor_chains_the_accessors_path_from_its_argument()
    {
        // The bridge's `index = _table.Next(index)`: the inlined `_entries[i].Next` adds the entry's
        // address and one load to the index's path. Loading `_entries` (the table's field) starts no
        // path from the index, so the walk does not wait for it.
        InterfaceModel model = Extraction.Extract(@"
            struct Entry { public ulong Mac; public int Port; public long LastSeen; public bool InUse; public int Next; public int Previous; }
            class Table {
                private Entry[] _entries = new Entry[16];
                public int Next(int index) => _entries[index].Next;
                public ulong MacAt(int index) => _entries[index].Mac;
            }
            class C {
                private Table _table = new Table();
                public int M(int head, ulong mac) {
                    int steps = 0;
                    for (int index = head; index >= 0; index = _table.Next(index)) {
                        PixHint.Pcv(""chainLength"", ""entries compared"");
                        steps++;
                        if (_table.MacAt(index) == mac) return steps;
                    }
                    return steps; } }");
        BlockSummary body = model.TermAbout("loop over").Block;

        // Entry is 40 bytes (padded): a scaled lea for the offset, then the load of Next.
        Assert.Equal(new[] { new OperationCount(OperationClass.Load, 1), new OperationCount(OperationClass.ScaledLea, 1) }, body.Chain);
    }
}
