using System.Linq;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// A mispredicted branch makes what its arms wrote wait for its condition (ChainRegion.WrittenSinceDependOn):
/// that adds a dependency and must take none away, so a field stored through a reference an arm bound is still
/// forwarded to a read of it after the branch (StoreForwardingTests).
/// </summary>
public sealed class MispredictedArmStoreTests
{
    private static BlockSummary StraightLine(string condition) => Extraction.Extract($@"class Node {{ public long Count; }}
            class C {{ public bool M(Node[] nodes, int i, int bit, long x) {{
                Node node = nodes[0];
                long key = nodes[1].Count;
                if ({condition}) {{ node = nodes[i]; node.Count = x * x * x * x * x * x * x * x; }}
                return node.Count > 7; }} }}").TermAbout("straight-line").Block;

    private static double ChainCount(BlockSummary block, OperationClass operation) =>
        block.Chain.Where(c => c.Class == operation).Sum(c => c.Count);

    [Theory]
    [InlineData("key > 5")] // predicted: no miss
    [InlineData("((key >> bit) & 1) != 0")] // a moving bit: mispredicted half the time
    public void A_field_stored_in_an_arm_is_forwarded_to_a_read_after_the_branch(string condition)
    {
        BlockSummary block = StraightLine(condition);

        Assert.True(ChainCount(block, OperationClass.Store) == 1, $"{condition}: chain {string.Join(", ", block.Chain)}; ops {string.Join(", ", block.Operations)}");
        Assert.Equal(7, ChainCount(block, OperationClass.IntegerMultiply));
    }
}
