using System.Linq;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// One-shot straight-line code is priced as max(throughput bound, its longest dependency path) (docs/extractor.md
/// "Chain rule"). The balancer's miss path (parse → hash → % by a field → table load → compare) read 45–59% under
/// because its hash, an inlined method of a record struct over its positional properties, was off that path: the
/// chain kept the divide and the loads after it, not what the divide waits for (docs/accuracy.md, `chain23`).
/// </summary>
public sealed class StraightLineChainTests
{
    // The network functions' FlowKey.Hash shape: a record struct's positional (auto-)properties read by an instance method.
    private const string RecordKey = @"
        public readonly record struct Key(uint A, uint B) {
            public uint Hash() { ulong h = (((ulong)A << 32) | B) * 0x9E3779B97F4A7C15UL; h ^= h >> 29; return (uint)h ^ (uint)(h >> 32); } }";

    // The same method over plain fields: its chain was already whole, and is the reference the property version must equal.
    private const string FieldKey = @"
        public struct Key { public uint A; public uint B;
            public uint Hash() { ulong h = (((ulong)A << 32) | B) * 0x9E3779B97F4A7C15UL; h ^= h >> 29; return (uint)h ^ (uint)(h >> 32); } }";

    private const string Lookup = @"
        class C { private readonly int[] _table = new int[7]; private readonly int _size = 7;
            public bool M(Key key, int expected) { uint hash = key.Hash(); return _table[(int)(hash % (uint)_size)] == expected; } }";

    private static BlockSummary StraightLine(string source) =>
        Extraction.Extract(source).TermAbout("straight-line").Block;

    private static double ChainCount(BlockSummary block, OperationClass operation) =>
        block.Chain.Where(c => c.Class == operation).Sum(c => c.Count);

    [Fact]
    public void An_inlined_hash_over_auto_properties_is_on_the_path_to_the_divide_it_feeds()
    {
        BlockSummary block = StraightLine(RecordKey + Lookup);

        // hash (its multiply and shifts/xors) → the divide → the element load: one path.
        Assert.Equal(1, ChainCount(block, OperationClass.IntegerDivide));
        Assert.Equal(1, ChainCount(block, OperationClass.IntegerMultiply));
        Assert.True(ChainCount(block, OperationClass.IntegerAlu) >= 5, string.Join(", ", block.Chain));
    }

    [Fact]
    public void Auto_properties_chain_as_the_fields_behind_them()
    {
        Assert.Equal(StraightLine(FieldKey + Lookup).Chain, StraightLine(RecordKey + Lookup).Chain);
    }


    [Fact]
    public void The_block_is_priced_at_least_at_the_path_through_the_inlined_hash()
    {
        BlockSummary block = StraightLine(RecordKey + Lookup);
        HardwareProfile hw = HardwareProfile.Reference;

        // On one execution the divide waits for the hash (shift, or, multiply, shift, xor, shift, xor) and the load waits for the divide.
        double path = 5 * hw.LatencyNs(OperationClass.IntegerAlu) + hw.LatencyNs(OperationClass.IntegerMultiply)
            + hw.LatencyNs(OperationClass.IntegerDivide) + hw.LatencyNs(OperationClass.Load);
        Assert.True(block.Price(hw) >= path, $"{block.Price(hw)} < {path}");
    }

    [Fact]
    public void A_helper_that_is_no_small_leaf_puts_its_path_to_its_result_on_the_callers_path()
    {
        // Mix branches on an input, so it is not inlined as a leaf: its code joins the caller's block (a plain
        // helper), and the divide waits for its multiplies as it would for an inlined leaf's.
        BlockSummary block = StraightLine(@"
            static class H { public static uint Mix(uint a, uint b, int rounds) {
                if (rounds > 3) { ulong h = (((ulong)a << 32) | b) * 0x9E3779B97F4A7C15UL; h ^= h >> 29; h *= 0xC2B2AE3D27D4EB4FUL; h ^= h >> 31; h *= 3; return (uint)h ^ (uint)(h >> 32); }
                return a ^ b; } }
            class C { private readonly int[] _table = new int[7]; private readonly int _size = 7;
                public bool M(uint a, uint b, int rounds, int expected) { uint hash = H.Mix(a, b, rounds); return _table[(int)(hash % (uint)_size)] == expected; } }");

        Assert.Equal(3, ChainCount(block, OperationClass.IntegerMultiply));
        Assert.Equal(1, ChainCount(block, OperationClass.IntegerDivide));
    }

    [Fact]
    public void A_performance_interface_callee_keeps_its_chain_in_its_own_term()
    {
        // Not a small leaf (it branches on an input): its straight-line code is priced in its own term (max of its throughput and its chain): the caller's
        // path starts again from its result, or the callee's multiplies would be paid twice.
        InterfaceModel model = Extraction.Extract(@"
            static class H { [PerformanceInterface] public static uint Mix(uint a, uint b, int rounds) {
                if (rounds > 3) { ulong h = (((ulong)a << 32) | b) * 0x9E3779B97F4A7C15UL; h ^= h >> 29; h *= 0xC2B2AE3D27D4EB4FUL; h ^= h >> 31; h *= 3; return (uint)h ^ (uint)(h >> 32); }
                return a ^ b; } }
            class C { private readonly int[] _table = new int[7]; private readonly int _size = 7;
                public bool M(uint a, uint b, int expected) { uint hash = H.Mix(a, b, 5); return _table[(int)(hash % (uint)_size)] == expected; } }");

        // The piece where the callee takes its multiplying arm (the first: `5 > 3`).
        Piece mixing = model.Pieces.First();
        Assert.Equal(3, ChainCount(mixing.Terms.Single(t => t.Description.Contains("call to")).Block, OperationClass.IntegerMultiply));
        Assert.Equal(0, ChainCount(mixing.Terms.Single(t => t.Description.Contains("straight-line")).Block, OperationClass.IntegerMultiply));
    }
}
