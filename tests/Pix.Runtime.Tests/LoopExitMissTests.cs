using System;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Pix;

namespace Pix.Runtime.Tests;

/// <summary>
/// <see cref="OperationClass.LoopExitMiss"/> in profiles and blocks: written by name, read from a profile written before
/// the class existed as that profile's own <see cref="OperationClass.BranchMiss"/> (what a data-stopped exit counted
/// before), priced as a refill like a miss, and code generated before the class still binds.
/// </summary>
public sealed class LoopExitMissTests
{
    /// <summary>A calibrated-looking profile whose loop exit costs more than its miss (the twenty-third session's Zen 5 shape).</summary>
    private static readonly HardwareProfile Measured = HardwareProfile.Reference
        .With(OperationClass.BranchMiss, new OperationCost(5.3, 5.3))
        .With(OperationClass.LoopExitMiss, new OperationCost(7.8, 7.8));

    [Fact]
    public void A_profile_file_with_the_class_round_trips_it()
    {
        string json = Measured.ToJson();

        Assert.Contains("\"LoopExitMiss\"", json);
        Assert.Equal(new OperationCost(7.8, 7.8), HardwareProfile.Parse(json, "after.pixhw.json")[OperationClass.LoopExitMiss]);
    }

    [Fact]
    public void A_profile_file_without_the_class_reads_its_own_miss_cost_and_prices_an_exit_as_its_miss_did()
    {
        string old = Regex.Replace(Measured.ToJson(), ",\\s*\"LoopExitMiss\": \\{[^}]*\\}", string.Empty);
        Assert.DoesNotContain("LoopExitMiss", old);

        HardwareProfile read = HardwareProfile.Parse(old, "before-loop-exits.pixhw.json");

        Assert.Equal(new OperationCost(5.3, 5.3), read[OperationClass.LoopExitMiss]);
        foreach (OperationClass c in HardwareProfile.AllClasses.Where(c => c != OperationClass.LoopExitMiss))
        {
            Assert.Equal(Measured[c], read[c]);
        }

        // The exit term as it now counts, priced on the old file, costs what the term counting a BranchMiss cost on it.
        Assert.Equal(read.Price(BlockCounts.Of(branchMiss: 1)), read.Price(BlockCounts.Of(loopExitMiss: 1)));
    }

    [Fact]
    public void A_profile_file_without_either_miss_class_takes_the_reference_miss_for_both()
    {
        string old = Regex.Replace(Measured.ToJson(), ",\\s*\"(LoopExitMiss|BranchMiss)\": \\{[^}]*\\}", string.Empty);
        Assert.DoesNotContain("Miss\"", old);

        HardwareProfile read = HardwareProfile.Parse(old, "before-misses.pixhw.json");

        Assert.Equal(HardwareProfile.Reference[OperationClass.BranchMiss], read[OperationClass.LoopExitMiss]);
        Assert.Equal(HardwareProfile.Reference[OperationClass.BranchMiss], HardwareProfile.Reference[OperationClass.LoopExitMiss]);
    }

    [Fact]
    public void An_exit_is_a_refill_on_the_throughput_bound_at_its_own_cost()
    {
        // Eight independent loads and ALU operations: the exit's refill adds its cost, as a miss adds the miss's.
        BlockCounts work = BlockCounts.Of(load: 8, integerAlu: 6);
        double workNs = Measured.Price(work);

        Assert.Equal(workNs + 7.8, Measured.Price(BlockCounts.Of(load: 8, integerAlu: 6, loopExitMiss: 1)), 9);
        Assert.Equal(workNs + 5.3, Measured.Price(BlockCounts.Of(load: 8, integerAlu: 6, branchMiss: 1)), 9);
    }

    [Fact]
    public void Code_generated_before_the_class_binds_to_the_signatures_it_was_compiled_against()
    {
        // The generator writes named arguments, which the compiler turns into a call with every parameter: an older
        // library's IL calls Of/WithChain with 24 doubles (up to libraryCopyCall).
        Type[] before = Enumerable.Repeat(typeof(double), 24).ToArray();
        MethodInfo? of = typeof(BlockCounts).GetMethod(nameof(BlockCounts.Of), BindingFlags.Public | BindingFlags.Static, null, before, null);
        MethodInfo? withChain = typeof(BlockCounts).GetMethod(nameof(BlockCounts.WithChain), BindingFlags.Public | BindingFlags.Instance, null, before, null);
        Assert.NotNull(of);
        Assert.NotNull(withChain);

        object?[] counts = new object?[24];
        for (int i = 0; i < counts.Length; i++)
        {
            counts[i] = i == 20 ? 1.0 : 0.0; // branchMiss: 1
        }

        var block = (BlockCounts)of!.Invoke(null, counts)!;
        Assert.Equal(new[] { OperationClass.BranchMiss }, block.Classes.ToArray());
    }
}
