using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// An element address a loop iteration names more than once is kept in a register by RyuJIT
/// (<c>lea r, [array + scaled index + 16]</c>); with an index scaled by 2, 4 or 8 that LEA is one ALU operation
/// to issue and one <see cref="OperationClass.ScaledLea"/> on a chain walk's loop-carried chain, whose latency the
/// profile calibrates (docs/accuracy.md, "Chain walks and expiry, seventh session" and "Twelfth session: a scaled
/// lea, calibrated"; measured by bench/Pix.ChainWalks).
/// </summary>
public sealed class MaterializedAddressTests
{
    // 40 bytes (5 × 8: `lea rcx, [rcx+4*rcx]`, then `lea rbx, [rbx+8*rcx+16]`: two scaled LEAs), as the firewall's entries.
    private const string Entry40 = "struct Entry { public long Key; public long Stamp; public long Value; public int Hash; public int Next; public long Extra; }";

    // 56 bytes (`imul rcx, rcx, 56`, then `lea rbx, [rbx+rcx+16]`: no scale), as the NAT's entries.
    private const string Entry56 = "struct Entry { public long Key; public long Stamp; public long Value; public int Hash; public int Next; public long Extra; public long More; public long Last; }";

    private static BlockSummary Walk(string entry, string body) => ChainWalkSource.LoopBlock(entry, body);

    [Fact]
    public void A_40_byte_entry_named_three_times_puts_a_scaled_lea_on_the_walks_chain()
    {
        // The firewall's `Find`: .Next first, then .Hash and .Key at the same address.
        BlockSummary body = Walk(Entry40, @"
                        int next = _entries[index].Next;
                        if (_entries[index].Hash == hash && _entries[index].Key == key) return index;
                        index = next;");

        Assert.Equal(new[] { new OperationCount(OperationClass.Load, 1), new OperationCount(OperationClass.ScaledLea, 2) }, body.Chain);

        // On the chain only: each lea issues as one ALU operation (the offset's and the kept address's), none as a ScaledLea.
        Assert.Equal(0, body.CountOf(OperationClass.ScaledLea));
        Assert.Equal(AluOfFoldedWalk + 1, body.CountOf(OperationClass.IntegerAlu));
    }

    [Fact]
    public void A_40_byte_entry_named_once_folds_its_address_into_the_load()
    {
        // The bridge's walk: `lea rcx, [rcx+4*rcx]`, then `mov ecx, [rdx+8*rcx+0x30]`.
        BlockSummary body = Walk(Entry40, "index = _entries[index].Next;");

        Assert.Equal(new[] { new OperationCount(OperationClass.Load, 1), new OperationCount(OperationClass.ScaledLea, 1) }, body.Chain);
        Assert.Equal(0, body.CountOf(OperationClass.ScaledLea));
        Assert.Equal(AluOfFoldedWalk - 1, body.CountOf(OperationClass.IntegerAlu)); // no hash compare here
    }

    /// <summary>
    /// The ALU operations of the firewall-like walk above if its address were folded: the offset's <c>lea</c>,
    /// the loop test <c>index &gt;= 0</c>, and the compare of .Hash (the key compare runs once per walk).
    /// </summary>
    private const double AluOfFoldedWalk = 3;

    [Fact]
    public void A_scaled_lea_on_the_chain_is_priced_at_the_profiles_latency_not_two_alu()
    {
        // The class earns its place only if the profile's value reaches the price: a cheap lea (the AMD EPYC
        // of the twelfth session) makes the bridge-like walk cost its load and little more.
        BlockSummary body = Walk(Entry40, "index = _entries[index].Next;");
        HardwareProfile cheap = HardwareProfile.Reference.With(OperationClass.ScaledLea, new OperationCost(0.05, 0.05));

        Assert.Equal(cheap.LatencyNs(OperationClass.Load) + 0.05, body.Price(cheap), 9);
    }

    [Fact]
    public void A_56_byte_entry_kept_in_a_register_adds_nothing_to_its_multiply()
    {
        // The NAT's `Find`: the unscaled LEA after the imul measured as cheap as the folded address.
        BlockSummary body = Walk(Entry56, @"
                        if (_entries[index].Hash == hash && _entries[index].Key == key) return index;
                        index = _entries[index].Next;");

        Assert.Equal(new[] { new OperationCount(OperationClass.IntegerMultiply, 1), new OperationCount(OperationClass.Load, 1) }, body.Chain);
    }

    [Fact]
    public void A_primitive_element_named_twice_adds_nothing()
    {
        // Binary search's `sorted[mid]`: the value is loaded once, no address is kept.
        BlockSummary body = Extraction.Extract(@"
            class C {
                public int M(int[] sorted, int index, int hash) {
                    while (index >= 0) {
                        PixHint.Pcv(""chainLength"", ""entries walked"");
                        if (sorted[index] == hash) return index;
                        index = sorted[index] - 1;
                    }
                    return -1; } }").TermAbout("loop over").Block;

        // The load and the subtraction; no address arithmetic.
        Assert.Equal(new[] { new OperationCount(OperationClass.IntegerAlu, 1), new OperationCount(OperationClass.Load, 1) }, body.Chain);
    }

    [Fact]
    public void Accesses_through_a_callee_keep_their_folded_addresses()
    {
        // The bridge's walk reads the entry through small methods: Tier-1 code reloads the array
        // in each inlined body and folds the address into each load (no register kept).
        BlockSummary body = Extraction.Extract(Entry40 + @"
            class C {
                private readonly Entry[] _entries = new Entry[16];
                private int HashAt(int i) => _entries[i].Hash;
                private int NextAt(int i) => _entries[i].Next;
                public int M(int index, int hash) {
                    while (index >= 0) {
                        PixHint.Pcv(""chainLength"", ""entries walked"");
                        if (HashAt(index) == hash) return index;
                        index = NextAt(index);
                    }
                    return -1; } }").TermAbout("loop over").Block;

        // Each inlined body: `lea rcx, [rcx+4*rcx]` and a load at `[rdx+8*rcx+…]`, no address register.
        Assert.Equal(new[] { new OperationCount(OperationClass.Load, 1), new OperationCount(OperationClass.ScaledLea, 1) }, body.Chain);
    }
}
