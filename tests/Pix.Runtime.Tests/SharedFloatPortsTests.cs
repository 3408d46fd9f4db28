using System.Linq;

namespace Pix.Runtime.Tests;

/// <summary>
/// On a profile at the default <see cref="HardwareProfile.FloatPortSharing"/> (1), floating-point adds and multiplies share
/// their execution ports, so a loop of both is bound by the sum of their reciprocal throughputs, not by the busier kind alone (<see cref="HardwareProfile.PriceBlock(System.ReadOnlySpan{OperationClass}, System.ReadOnlySpan{double}, System.ReadOnlySpan{OperationClass}, System.ReadOnlySpan{double}, double, double)"/>).
/// A 1 ns cycle, 6 slots per cycle; FP adds 0.5 ns, multiplies 0.4 ns, divides 4 ns reciprocal throughput.
/// </summary>
public sealed class SharedFloatPortsTests
{
    private static readonly HardwareProfile Hw = Profile();

    [Fact]
    public void A_loop_of_adds_and_multiplies_is_bound_by_their_shared_ports()
    {
        // Geometry.ClosestPairDistanceSquared's inner loop: 10 slots (1.67 ns at 6 a cycle); adds 2 ns alone,
        // multiplies 0.8 ns alone, 2.8 ns on shared ports.
        var block = BlockCounts.Of(integerAlu: 2, floatAdd: 4, floatMultiply: 2, load: 4, branch: 2).WithFoldedLoads(2).WithTakenBranches(1);

        Assert.Equal((4 * 0.5) + (2 * 0.4), Hw.Price(block), 12);
    }

    [Fact]
    public void Integer_work_does_not_share_the_float_ports()
    {
        // 3 ALU operations at 0.3 ns beside 2 adds: the adds' 1 ns binds, not 1.9 ns.
        Assert.Equal(2 * 0.5, Hw.Price(BlockCounts.Of(integerAlu: 3, floatAdd: 2)), 12);
    }

    [Fact]
    public void A_divide_keeps_its_own_unit()
    {
        // The divider, 4 ns, binds; the adds' 1 ns is not added to it.
        Assert.Equal(4.0, Hw.Price(BlockCounts.Of(floatAdd: 2, floatDivide: 1)), 12);
    }

    [Fact]
    public void Issue_still_binds_a_loop_with_few_float_operations()
    {
        // One add and one multiply (0.9 ns on their ports) in 12 slots (2 ns).
        Assert.Equal(12 / 6.0, Hw.Price(BlockCounts.Of(integerAlu: 6, floatAdd: 1, floatMultiply: 1, load: 4)), 12);
    }

    private static HardwareProfile Profile()
    {
        var costs = HardwareProfile.AllClasses.ToDictionary(c => c, _ => new OperationCost(1, 0.3));
        costs[OperationClass.FloatAdd] = new OperationCost(2, 0.5);
        costs[OperationClass.FloatMultiply] = new OperationCost(4, 0.4);
        costs[OperationClass.FloatDivide] = new OperationCost(12, 4);
        return new HardwareProfile("shared float ports", HardwareProfile.Reference.Machine, costs).WithIssueWidth(6);
    }
}
