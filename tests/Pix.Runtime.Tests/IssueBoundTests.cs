using System;
using System.Linq;
using Pix;

namespace Pix.Runtime.Tests;

/// <summary>
/// The throughput side of <see cref="HardwareProfile.PriceBlock(ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, ReadOnlySpan{OperationClass}, ReadOnlySpan{double})"/>:
/// single-instruction classes share issue slots and each saturates its own port; multi-instruction
/// classes add. The profile has round numbers: a 1 ns cycle (IntegerAlu latency), 4 slots per cycle
/// (0.25 ns a slot), every single-instruction class 0.3 ns reciprocal throughput except division.
/// </summary>
public sealed class IssueBoundTests
{
    private static readonly HardwareProfile Hw = RoundProfile();

    [Fact]
    public void An_issue_slot_is_a_cycle_divided_by_the_issue_width()
    {
        Assert.Equal(HardwareProfile.DefaultIssueWidth, Hw.IssueWidth);
        Assert.Equal(0.25, Hw.IssueSlotNs);
        Assert.Equal(0.5, Hw.WithIssueWidth(2).IssueSlotNs);
        Assert.Equal(0.33 / 4, HardwareProfile.Reference.IssueSlotNs, 15);
    }

    [Fact]
    public void A_loop_of_mixed_instructions_is_priced_by_its_issue_slots_not_the_sum_of_throughputs()
    {
        // Geometry.Multiply's inner loop (docs/accuracy.md): 11 fused micro-operations in the Tier-1 listing.
        double ns = Hw.Price(BlockCounts.Of(integerAlu: 4, floatAdd: 1, floatMultiply: 1, load: 2, store: 1, boundsCheck: 2, branch: 1));

        // 12 operations, the branch fused with a compare: 11 slots; the sum would be 12 × 0.3 = 3.6 ns.
        Assert.Equal(11 * 0.25, ns, 12);
    }

    [Fact]
    public void Each_branch_fuses_with_one_alu_operation_and_no_more()
    {
        // Search.IndexOf's loop: 6 operations, 2 of them fused away.
        Assert.Equal(4 * 0.25, Hw.Price(BlockCounts.Of(integerAlu: 3, load: 1, branch: 2)), 12);
        // A cheap branch unit, so that the slots, not the branch port, bound these.
        HardwareProfile hw = Hw.With(OperationClass.Branch, new OperationCost(1, 0.1));
        Assert.Equal(3 * 0.25, hw.Price(BlockCounts.Of(branch: 3)), 12);
        Assert.Equal(4 * 0.25, hw.Price(BlockCounts.Of(integerAlu: 1, branch: 4)), 12);
    }

    [Fact]
    public void A_division_loop_is_priced_by_its_busy_divider()
    {
        double ns = Hw.Price(BlockCounts.Of(integerAlu: 2, integerDivide: 1, branch: 1));

        Assert.Equal(6.0, ns, 12);
    }

    [Fact]
    public void A_loop_of_one_class_is_bound_by_that_class_when_it_is_slower_than_issue()
    {
        Assert.Equal(8 * 0.3, Hw.Price(BlockCounts.Of(integerAlu: 8)), 12);
        Assert.Equal(8 * 0.25, Hw.WithIssueWidth(4).With(OperationClass.IntegerAlu, new OperationCost(1, 0.2)).Price(BlockCounts.Of(integerAlu: 8)), 12);
    }

    [Fact]
    public void A_chain_bound_loop_is_priced_by_its_chain_as_before()
    {
        // Four dependent adds per iteration: 4 ns of latency against 1 ns of issue.
        double ns = Hw.Price(BlockCounts.Of(integerAlu: 4, branch: 1).WithChain(integerAlu: 4));

        Assert.Equal(4.0, ns, 12);
    }

    [Fact]
    public void Calls_allocations_and_byte_work_add_their_throughput_to_the_issue_bound()
    {
        double ns = Hw.Price(BlockCounts.Of(integerAlu: 8, call: 1, allocation: 1, copiedByte: 10));

        Assert.Equal(2 + 20 + 1 + (8 * 0.3), ns, 12);
    }

    [Fact]
    public void A_narrower_core_pays_more_slots_per_cycle()
    {
        BlockCounts block = BlockCounts.Of(integerAlu: 4, floatAdd: 1, floatMultiply: 1, load: 2, store: 1, boundsCheck: 2, branch: 1);

        Assert.Equal(11 * 0.5, Hw.WithIssueWidth(2).Price(block), 12);
        Assert.Equal(4 * 0.3, Hw.WithIssueWidth(16).Price(block), 12);
    }

    [Fact]
    public void A_NaN_count_prices_as_NaN()
    {
        Assert.True(double.IsNaN(Hw.Price(BlockCounts.Of(integerAlu: double.NaN, branch: 1))));
        Assert.True(double.IsNaN(Hw.Price(BlockCounts.Of(load: double.NaN))));
        // A chain-only class outside the chain adds nothing, but a NaN count of it still says the block is unknown.
        Assert.True(double.IsNaN(Hw.Price(BlockCounts.Of(integerAlu: 1, scaledLea: double.NaN))));
    }

    [Fact]
    public void Dense_and_sparse_counts_price_alike()
    {
        BlockCounts block = BlockCounts.Of(integerAlu: 3, floatAdd: 4, load: 4, branch: 2, call: 1);
        var dense = new double[HardwareProfile.AllClasses.Count];
        for (int i = 0; i < block.Classes.Length; i++)
        {
            dense[(int)block.Classes[i]] = block.Counts[i];
        }

        Assert.Equal(Hw.Price(block), Hw.PriceBlock(dense, ReadOnlySpan<double>.Empty));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void An_issue_width_below_one_or_not_finite_is_refused(double issueWidth)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Hw.WithIssueWidth(issueWidth));
    }

    [Fact]
    public void Changing_a_cost_keeps_the_issue_width()
    {
        HardwareProfile six = Hw.WithIssueWidth(6).With(OperationClass.Load, new OperationCost(2, 1));

        Assert.Equal(6, six.IssueWidth);
    }

    private static HardwareProfile RoundProfile()
    {
        var costs = HardwareProfile.AllClasses.ToDictionary(c => c, _ => new OperationCost(1, 0.3));
        costs[OperationClass.IntegerDivide] = new OperationCost(10, 6);
        costs[OperationClass.Call] = new OperationCost(2, 2);
        costs[OperationClass.Allocation] = new OperationCost(20, 20);
        costs[OperationClass.CopiedByte] = new OperationCost(0.1, 0.1);
        return new HardwareProfile("round", HardwareProfile.Reference.Machine, costs);
    }
}
