using System;
using System.Linq;
using Pix;

namespace Pix.Runtime.Tests;

/// <summary>
/// The two refinements of the issue bound in
/// <see cref="HardwareProfile.PriceBlock(ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, double, double)"/>:
/// a folded load takes no issue slot of its own, and an iteration (one taken branch) takes at least a
/// cycle. A round profile: a 1 ns cycle, 4 slots of 0.25 ns, every single-instruction class 0.1 ns
/// reciprocal throughput (so that the slots, not a port, bound these blocks), a call 2 ns.
/// </summary>
public sealed class FoldedLoadAndTakenBranchTests
{
    private static readonly HardwareProfile Hw = RoundProfile();

    [Fact]
    public void A_folded_load_issues_in_its_consumers_slot()
    {
        // The firewall's `xor r8d, [rcx]` + `test r8d, [rcx+4]` + `jne`: 3 ALU, 2 loads, 1 branch.
        BlockCounts block = BlockCounts.Of(integerAlu: 3, load: 2, branch: 1);

        Assert.Equal(5 * 0.25, Hw.Price(block), 12);
        Assert.Equal(3 * 0.25, Hw.Price(block.WithFoldedLoads(2)), 12);
    }

    [Fact]
    public void No_more_loads_fold_than_the_block_has()
    {
        BlockCounts block = BlockCounts.Of(integerAlu: 8, load: 1, branch: 1);

        Assert.Equal(8 * 0.25, Hw.Price(block.WithFoldedLoads(1)), 12);
        Assert.Equal(Hw.Price(block.WithFoldedLoads(1)), Hw.Price(block.WithFoldedLoads(5)));
    }

    [Fact]
    public void A_folded_load_still_counts_for_the_load_port_and_the_chain()
    {
        HardwareProfile slowLoads = Hw.With(OperationClass.Load, new OperationCost(4, 0.5));
        BlockCounts loads = BlockCounts.Of(integerAlu: 4, load: 4, branch: 1).WithFoldedLoads(4);
        Assert.Equal(4 * 0.5, slowLoads.Price(loads), 12);

        BlockCounts walk = BlockCounts.Of(integerAlu: 2, load: 1, branch: 1).WithChain(load: 1).WithFoldedLoads(1);
        Assert.Equal(4.0, slowLoads.Price(walk), 12);
    }

    [Fact]
    public void An_iteration_takes_at_least_one_cycle_for_its_taken_back_edge()
    {
        // Search.IndexOf: `cmp [mem], esi` + `je`, `inc`, `cmp`/`jl`: 3 slots folded, 4 with the taken branch.
        BlockCounts indexOf = BlockCounts.Of(integerAlu: 3, load: 1, branch: 2).WithFoldedLoads(1);
        Assert.Equal(3 * 0.25, Hw.Price(indexOf), 12);
        Assert.Equal(1.0, Hw.Price(indexOf.WithTakenBranches(1)), 12);

        // Wider loops are not affected; two taken branches take two cycles.
        BlockCounts wide = BlockCounts.Of(integerAlu: 8, load: 2, branch: 2).WithTakenBranches(1);
        Assert.Equal(10 * 0.25, Hw.Price(wide), 12);
        Assert.Equal(2.0, Hw.Price(BlockCounts.Of(integerAlu: 1, branch: 1).WithTakenBranches(2)), 12);
    }

    [Fact]
    public void The_cycle_of_a_taken_branch_scales_with_the_issue_width()
    {
        BlockCounts tiny = BlockCounts.Of(integerAlu: 1, branch: 1).WithTakenBranches(1);

        Assert.Equal(1.0, Hw.Price(tiny), 12);
        Assert.Equal(1.0, Hw.WithIssueWidth(6).Price(tiny), 12);
    }

    [Fact]
    public void The_taken_branch_bound_does_not_add_to_calls()
    {
        // A loop that calls is longer than a cycle anyway: the bound is a floor, not an addend.
        BlockCounts calling = BlockCounts.Of(integerAlu: 1, branch: 1, call: 1).WithTakenBranches(1);

        Assert.Equal(2 + 0.25, Hw.Price(calling), 12);
    }

    [Fact]
    public void A_chain_longer_than_the_cycle_still_binds()
    {
        BlockCounts walk = BlockCounts.Of(integerAlu: 1, load: 1, branch: 1).WithChain(integerAlu: 3).WithTakenBranches(1);

        Assert.Equal(3.0, Hw.Price(walk), 12);
    }

    [Fact]
    public void Without_either_a_block_prices_as_before()
    {
        BlockCounts block = BlockCounts.Of(integerAlu: 4, floatAdd: 1, floatMultiply: 1, load: 2, store: 1, boundsCheck: 2, branch: 1);

        Assert.Equal(
            Hw.PriceBlock(block.Classes, block.Counts, block.ChainClasses, block.ChainCounts),
            Hw.Price(block.WithFoldedLoads(0).WithTakenBranches(0)));
    }

    [Fact]
    public void The_builders_keep_each_others_counts()
    {
        BlockCounts block = BlockCounts.Of(load: 3, branch: 1).WithFoldedLoads(2).WithTakenBranches(1).WithChain(load: 1).WithOpaque("Parse");

        Assert.Equal(2, block.FoldedLoads);
        Assert.Equal(1, block.TakenBranches);
        Assert.Equal("3 Load, 1 Branch, chain 1 Load, 2 folded loads, 1 taken branches, 1 × opaque Parse", block.ToString());
    }

    [Fact]
    public void Dense_and_sparse_counts_price_alike_with_folding_and_taken_branches()
    {
        BlockCounts block = BlockCounts.Of(integerAlu: 3, load: 4, branch: 2).WithFoldedLoads(2).WithTakenBranches(1);
        var dense = new double[HardwareProfile.AllClasses.Count];
        for (int i = 0; i < block.Classes.Length; i++)
        {
            dense[(int)block.Classes[i]] = block.Counts[i];
        }

        Assert.Equal(Hw.Price(block), Hw.PriceBlock(dense, ReadOnlySpan<double>.Empty, 2, 1));
    }

    private static HardwareProfile RoundProfile()
    {
        var costs = HardwareProfile.AllClasses.ToDictionary(c => c, _ => new OperationCost(1, 0.1));
        costs[OperationClass.Call] = new OperationCost(2, 2);
        return new HardwareProfile("round", HardwareProfile.Reference.Machine, costs);
    }
}
