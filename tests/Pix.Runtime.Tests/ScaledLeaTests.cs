using System;
using System.Linq;
using System.Text.RegularExpressions;
using Pix;

namespace Pix.Runtime.Tests;

/// <summary>
/// <see cref="OperationClass.ScaledLea"/>: a latency on the chain only (the lea's issue slot is an
/// <see cref="OperationClass.IntegerAlu"/> count), read from a profile written before the class existed as
/// twice that profile's own ALU latency (the two ALU latencies the chain held before), and written by name.
/// </summary>
public sealed class ScaledLeaTests
{
    /// <summary>A calibrated-looking profile: ALU 0.3 ns on a chain, a scaled lea almost free (the AMD EPYC's walk).</summary>
    private static readonly HardwareProfile Epyc = HardwareProfile.Reference
        .With(OperationClass.IntegerAlu, new OperationCost(0.3, 0.1))
        .With(OperationClass.ScaledLea, new OperationCost(0.05, 0.05));

    [Fact]
    public void A_profile_file_without_the_class_reads_it_as_twice_its_own_alu_latency()
    {
        string json = Epyc.ToJson();
        Assert.Contains("\"ScaledLea\"", json);
        string old = Regex.Replace(json, ",\\s*\"ScaledLea\": \\{[^}]*\\}", string.Empty);
        Assert.DoesNotContain("ScaledLea", old);

        HardwareProfile read = HardwareProfile.Parse(old, "before-scaled-lea.pixhw.json");

        // The file's ALU, not the reference's (0.33): old profiles price every chain as they did.
        Assert.Equal(new OperationCost(0.6, 0.6), read[OperationClass.ScaledLea]);
        Assert.Equal(Epyc[OperationClass.IntegerAlu], read[OperationClass.IntegerAlu]);
    }

    [Fact]
    public void A_profile_file_with_the_class_round_trips_it()
    {
        HardwareProfile read = HardwareProfile.Parse(Epyc.ToJson(), "after.pixhw.json");

        Assert.Equal(new OperationCost(0.05, 0.05), read[OperationClass.ScaledLea]);
    }

    [Fact]
    public void A_profile_built_without_the_class_takes_twice_its_alu_latency()
    {
        var costs = HardwareProfile.AllClasses.Where(c => c != OperationClass.ScaledLea).ToDictionary(c => c, _ => new OperationCost(1, 0.25));

        var profile = new HardwareProfile("older code", HardwareProfile.Reference.Machine, costs);

        Assert.Equal(new OperationCost(2, 2), profile[OperationClass.ScaledLea]);
        Assert.Throws<ArgumentException>(() => new HardwareProfile(
            "no ALU", HardwareProfile.Reference.Machine, costs.Where(p => p.Key != OperationClass.IntegerAlu).ToDictionary(p => p.Key, p => p.Value)));
    }

    [Fact]
    public void The_reference_keeps_the_two_alu_latencies_its_interfaces_were_described_with()
    {
        Assert.Equal(2 * HardwareProfile.Reference.LatencyNs(OperationClass.IntegerAlu), HardwareProfile.Reference.LatencyNs(OperationClass.ScaledLea), 12);
    }

    [Fact]
    public void A_walk_prices_its_chain_at_the_profiles_scaled_lea()
    {
        // The bridge's walk: the lea issues as an ALU operation; on the chain, a scaled lea and the load.
        BlockCounts walk = BlockCounts.Of(integerAlu: 2, load: 2, boundsCheck: 1, branch: 1)
            .WithChain(load: 1, scaledLea: 1)
            .WithTakenBranches(1);

        Assert.Equal(Epyc.LatencyNs(OperationClass.Load) + 0.05, Epyc.Price(walk), 12);
        Assert.Equal(Epyc.LatencyNs(OperationClass.Load) + 0.6, Epyc.With(OperationClass.ScaledLea, new OperationCost(0.6, 0.6)).Price(walk), 12);
    }

    [Fact]
    public void A_scaled_lea_takes_no_issue_slot_and_no_port()
    {
        // Its slot is counted as IntegerAlu; a ScaledLea count outside the chain must add nothing.
        HardwareProfile costly = Epyc.With(OperationClass.ScaledLea, new OperationCost(7, 7));
        BlockCounts without = BlockCounts.Of(integerAlu: 3, load: 1);
        BlockCounts with = BlockCounts.Of(integerAlu: 3, load: 1, scaledLea: 4);

        Assert.Equal(costly.Price(without), costly.Price(with), 12);
    }
}
