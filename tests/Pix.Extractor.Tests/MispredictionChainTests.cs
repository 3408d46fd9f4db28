using System.Linq;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// Whether a mispredicted branch lies on the loop-carried chain (MethodAnalyzer.Mispredictions.cs,
/// <c>AfterMispredictedBranch</c>): the values an arm computes wait for the branch's condition only when the
/// branch is mispredicted, so a miss joins the chain when its condition depends on the chain's value (the
/// bit tested is the node just loaded) and stays off it when it does not (the router's bit of the address),
/// and the profile overlaps an off-chain refill with the chain (bench/Pix.BranchOverlap).
/// </summary>
public sealed class MispredictionChainTests
{
    private static InterfaceModel Walk(string pick) => Extraction.Extract($@"class C {{
        private int[] _zero = new int[1], _one = new int[1];
        public int M(uint address) {{
            int node = 0, depth = 0;
            while (true) {{
                PixHint.LoopBound(33);
                if (depth == 32) return node;
                {pick}
                if (node == 0) return depth;
                depth++;
            }} }} }}");

    private static BlockSummary Level(InterfaceModel model) => model.TermAbout("loop over").Block;

    private static double ChainMisses(BlockSummary block) =>
        block.Chain.Where(c => c.Class == OperationClass.BranchMiss).Sum(c => c.Count);

    [Theory]
    [InlineData("node = ((address >> (31 - depth)) & 1) != 0 ? _one[node] : _zero[node];")]
    [InlineData("if (((address >> (31 - depth)) & 1) != 0) node = _one[node]; else node = _zero[node];")]
    public void A_bit_of_the_address_is_off_the_walks_chain(string pick)
    {
        BlockSummary level = Level(Walk(pick));

        Assert.Equal(0.5, level.CountOf(OperationClass.BranchMiss));
        Assert.Equal(0, ChainMisses(level));
    }

    [Theory]
    [InlineData("node = ((node >> (31 - depth)) & 1) != 0 ? _one[node] : _zero[node];")]
    [InlineData("if (((node >> (31 - depth)) & 1) != 0) node = _one[node]; else node = _zero[node];")]
    public void A_bit_of_the_node_just_loaded_puts_the_miss_on_the_chain(string pick)
    {
        BlockSummary level = Level(Walk(pick));

        Assert.Equal(0.5, level.CountOf(OperationClass.BranchMiss));
        Assert.Equal(0.5, ChainMisses(level));
    }

    [Fact]
    public void The_walk_pays_the_refill_on_top_of_its_chain_only_when_the_miss_is_on_it()
    {
        // A profile whose 8 ns load chain outlasts the front end's time with the refill (2 ns a miss).
        HardwareProfile hw = HardwareProfile.Reference
            .With(OperationClass.Load, new OperationCost(8, 0.1))
            .With(OperationClass.BranchMiss, new OperationCost(2, 2));
        HardwareProfile noMisses = hw.With(OperationClass.BranchMiss, new OperationCost(0, 0));
        BlockSummary offChain = Level(Walk("node = ((address >> (31 - depth)) & 1) != 0 ? _one[node] : _zero[node];"));
        BlockSummary onChain = Level(Walk("node = ((node >> (31 - depth)) & 1) != 0 ? _one[node] : _zero[node];"));

        // Off the chain the refill hides behind the load; on it, half a refill comes on top.
        Assert.Equal(offChain.Price(noMisses), offChain.Price(hw), 12);
        Assert.Equal(onChain.Price(noMisses) + (0.5 * 2), onChain.Price(hw), 12);
    }

    [Fact]
    public void A_variable_the_condition_reads_but_no_arm_writes_keeps_its_chain()
    {
        // `h` is the carried value the bit is taken from (computed before the branch), but the branch only
        // decides `found`: the next `h` does not wait for the branch, so the chain is h's multiply and add, without the miss.
        BlockSummary body = Extraction.Extract(@"class C {
            public int M(int[] a, uint seed) {
                uint h = seed; int found = 0;
                for (int i = 0; i < a.Length; i++) {
                    h = (h * 31) + (uint)i;
                    if (((h >> i) & 1) != 0) found = a[i];
                }
                return found + (int)h; } }").TermAbout("loop over").Block;

        Assert.Equal(0.5, body.CountOf(OperationClass.BranchMiss));
        Assert.Equal(0, ChainMisses(body));
        Assert.Contains(body.Chain, c => c.Class == OperationClass.IntegerMultiply);
    }
}
