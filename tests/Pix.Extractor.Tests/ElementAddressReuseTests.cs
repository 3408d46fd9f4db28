using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// An element address named several times in one loop iteration is computed once, as RyuJIT does
/// (docs/accuracy.md, "Hash-chain walks: counted vs emitted").
/// </summary>
public sealed class ElementAddressReuseTests
{
    private const string Entry = "struct Entry { public long Key; public long Stamp; public long Value; public int Hash; public int Next; public long Extra; }";

    private static BlockSummary Walk(string body) => ChainWalkSource.LoopBlock(Entry, body);

    [Fact]
    public void A_bucket_walk_computes_the_entrys_address_once_per_entry()
    {
        // The NAT's and firewall's `Find`: Tier-1 code loads `_entries`, checks the bound and scales
        // the index once, and reads .Hash, .Key and .Next at that address.
        BlockSummary body = Walk(@"
                        if (_entries[index].Hash == hash && _entries[index].Key == key) return index;
                        index = _entries[index].Next;");

        // _entries, .Hash, .Next; .Key only when the hashes match, once per walk (SearchLoopTests).
        Assert.Equal(3, body.CountOf(OperationClass.Load));
        Assert.Equal(1, body.CountOf(OperationClass.BoundsCheck));
        // Two scaled LEAs on the chain: the offset and the address kept in a register (MaterializedAddressTests).
        Assert.Equal(new[] { new OperationCount(OperationClass.Load, 1), new OperationCount(OperationClass.ScaledLea, 2) }, body.Chain);
    }

    [Fact]
    public void Writing_the_index_makes_the_next_access_compute_a_new_address()
    {
        BlockSummary body = Walk(@"
                        int next = _entries[index].Next;
                        index = next;
                        if (index >= 0 && _entries[index].Key == key) return index;");

        Assert.Equal(2, body.CountOf(OperationClass.BoundsCheck));
    }

    [Fact]
    public void An_address_computed_only_on_some_paths_is_not_reused()
    {
        // `.Key` is read only when the hashes match, so `.Next` cannot count on its address.
        BlockSummary body = Walk(@"
                        if (hash == 7 && _entries[index].Key == key) return index;
                        index = _entries[index].Next;");

        Assert.Equal(2, body.CountOf(OperationClass.BoundsCheck));
    }

    [Fact]
    public void A_field_the_code_may_reassign_is_loaded_and_checked_again()
    {
        BlockSummary body = Extraction.Extract(Entry + @"
            class C {
                private Entry[] _entries = new Entry[16];
                public int M(int index, long key) {
                    while (index >= 0) {
                        PixHint.Pcv(""chainLength"", ""entries walked"");
                        if (_entries[index].Key == key) return index;
                        index = _entries[index].Next;
                    }
                    return -1; } }").TermAbout("loop over").Block;

        Assert.Equal(2, body.CountOf(OperationClass.BoundsCheck));
    }
}
