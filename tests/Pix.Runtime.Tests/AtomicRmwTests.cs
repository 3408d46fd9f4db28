using System.Linq;
using System.Text.RegularExpressions;
using Pix;

namespace Pix.Runtime.Tests;

/// <summary>
/// <see cref="OperationClass.AtomicRmw"/> in profiles: written by name, and read from a profile written before
/// the class existed as the reference core's cost, leaving every other class (and so every older interface,
/// which never counted the class) priced as before.
/// </summary>
public sealed class AtomicRmwTests
{
    /// <summary>A calibrated-looking profile with its own atomic cost (the AMD EPYC here is faster than the reference).</summary>
    private static readonly HardwareProfile Measured = HardwareProfile.Reference
        .With(OperationClass.IntegerAlu, new OperationCost(0.3, 0.1))
        .With(OperationClass.AtomicRmw, new OperationCost(2.7, 2.6));

    [Fact]
    public void A_profile_file_with_the_class_round_trips_it()
    {
        string json = Measured.ToJson();

        Assert.Contains("\"AtomicRmw\"", json);
        Assert.Equal(new OperationCost(2.7, 2.6), HardwareProfile.Parse(json, "after.pixhw.json")[OperationClass.AtomicRmw]);
    }

    [Fact]
    public void A_profile_file_without_the_class_reads_the_reference_cost_and_prices_older_blocks_as_before()
    {
        string old = Regex.Replace(Measured.ToJson(), ",\\s*\"AtomicRmw\": \\{[^}]*\\}", string.Empty);
        Assert.DoesNotContain("AtomicRmw", old);

        HardwareProfile read = HardwareProfile.Parse(old, "before-atomics.pixhw.json");

        Assert.Equal(HardwareProfile.Reference[OperationClass.AtomicRmw], read[OperationClass.AtomicRmw]);
        Assert.Equal(new OperationCost(6.0, 6.0), read[OperationClass.AtomicRmw]);
        foreach (OperationClass c in HardwareProfile.AllClasses.Where(c => c != OperationClass.AtomicRmw))
        {
            Assert.Equal(Measured[c], read[c]);
        }

        // A block an older build counted (no atomic in it) prices exactly as on the profile before.
        BlockCounts older = BlockCounts.Of(integerAlu: 5, load: 3, call: 1).WithChain(load: 3);
        Assert.Equal(Measured.Price(older), read.Price(older));
    }

    [Fact]
    public void A_profile_built_without_the_class_takes_the_reference_cost()
    {
        var costs = HardwareProfile.AllClasses.Where(c => c != OperationClass.AtomicRmw).ToDictionary(c => c, _ => new OperationCost(1, 0.25));

        var profile = new HardwareProfile("older code", HardwareProfile.Reference.Machine, costs);

        Assert.Equal(new OperationCost(6.0, 6.0), profile[OperationClass.AtomicRmw]);
    }

    [Fact]
    public void An_atomic_adds_its_throughput_cost_as_a_sequence_not_an_issue_slot()
    {
        // Four locked increments beside eight loads: they serialise (each drains the store buffer), so the block
        // pays each one's throughput cost in full on top of the loads', not as a busy port the loads run beside.
        BlockCounts loads = BlockCounts.Of(load: 8);
        BlockCounts block = BlockCounts.Of(load: 8, atomicRmw: 4);

        Assert.True(Measured.Price(loads) > 0);
        Assert.Equal((4 * 2.6) + Measured.Price(loads), Measured.Price(block), 9);
    }
}
