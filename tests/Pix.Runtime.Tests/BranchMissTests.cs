using System;
using System.Linq;
using System.Text.RegularExpressions;
using Pix;
using Pix.Calibration;
using Pix.Calibration.Kernels;

namespace Pix.Runtime.Tests;

/// <summary>
/// <see cref="OperationClass.BranchMiss"/>: priced as a refill of the front end (on top of the chain only
/// when the extractor put the miss on it), read as
/// the reference cost from a profile written before the class existed, and measured as twice the
/// difference of the branch-miss pair. A round profile: 4 slots of 0.25 ns, every single-instruction
/// class 0.1 ns, a miss 5 ns.
/// </summary>
public sealed class BranchMissTests
{
    private static readonly HardwareProfile Hw = RoundProfile();

    [Fact]
    public void A_miss_adds_its_refill_to_the_throughput_bound()
    {
        BlockCounts block = BlockCounts.Of(integerAlu: 4, branch: 1);

        Assert.Equal(4 * 0.25, Hw.Price(block), 12);
        Assert.Equal((4 * 0.25) + (0.5 * 5), Hw.Price(BlockCounts.Of(integerAlu: 4, branch: 1, branchMiss: 0.5)), 12);
    }

    [Fact]
    public void A_miss_off_the_chain_overlaps_it()
    {
        // The trie's level: the bit tested is the address's, not the node's. Slots 1 ns, a chain of 3 loads
        // (3 ns): the front end's 1 + 2.5 ns binds, not 3 + 2.5; behind a 4 ns chain the refill is hidden.
        BlockCounts level = BlockCounts.Of(integerAlu: 3, load: 1, branch: 2, branchMiss: 0.5).WithChain(load: 3).WithTakenBranches(1);
        BlockCounts longerChain = BlockCounts.Of(integerAlu: 3, load: 1, branch: 2, branchMiss: 0.5).WithChain(load: 4).WithTakenBranches(1);

        Assert.Equal(1 + (0.5 * 5), Hw.Price(level), 12);
        Assert.Equal(4, Hw.Price(longerChain), 12);
    }

    [Fact]
    public void A_miss_on_the_chain_is_paid_on_top_of_it()
    {
        // The bit tested is the value just loaded: the next step waits for the load, then for the refill.
        BlockCounts level = BlockCounts.Of(integerAlu: 3, load: 1, branch: 2, branchMiss: 0.5).WithChain(load: 3, branchMiss: 0.5).WithTakenBranches(1);

        Assert.Equal(3 + (0.5 * 5), Hw.Price(level), 12);
    }

    [Fact]
    public void A_miss_takes_no_issue_slot_and_no_port()
    {
        // 100 misses priced at 0.001 ns: were they slots, the block would cost 25 ns; it costs its 4 slots plus 0.1 ns.
        HardwareProfile cheapMisses = Hw.With(OperationClass.BranchMiss, new OperationCost(0.001, 0.001));

        Assert.Equal((4 * 0.25) + 0.1, cheapMisses.Price(BlockCounts.Of(integerAlu: 4, branchMiss: 100)), 12);
    }

    [Fact]
    public void Dense_and_sparse_counts_price_misses_alike()
    {
        BlockCounts block = BlockCounts.Of(integerAlu: 3, load: 1, branch: 2, branchMiss: 1.5).WithTakenBranches(1);
        var dense = new double[HardwareProfile.AllClasses.Count];
        for (int i = 0; i < block.Classes.Length; i++)
        {
            dense[(int)block.Classes[i]] = block.Counts[i];
        }

        Assert.Equal(Hw.Price(block), Hw.PriceBlock(dense, ReadOnlySpan<double>.Empty, 0, 1));
        Assert.Equal("3 IntegerAlu, 1 Load, 2 Branch, 1.5 BranchMiss, 1 taken branches", block.ToString());
    }

    [Fact]
    public void A_profile_file_without_the_class_reads_it_as_the_reference_cost()
    {
        HardwareProfile calibrated = Hw.With(OperationClass.BranchMiss, new OperationCost(9, 9));
        string json = calibrated.ToJson();
        Assert.Contains("\"BranchMiss\"", json);
        string old = Regex.Replace(json, ",\\s*\"BranchMiss\": \\{[^}]*\\}", string.Empty);
        Assert.DoesNotContain("BranchMiss", old);

        HardwareProfile read = HardwareProfile.Parse(old, "before-branch-misses.pixhw.json");

        Assert.Equal(HardwareProfile.Reference[OperationClass.BranchMiss], read[OperationClass.BranchMiss]);
        Assert.Equal(calibrated[OperationClass.IntegerAlu], read[OperationClass.IntegerAlu]);
        Assert.Equal(9, HardwareProfile.Parse(json, "after.pixhw.json").ThroughputNs(OperationClass.BranchMiss));
    }

    [Fact]
    public void A_profile_file_without_an_older_class_is_still_refused()
    {
        string json = Regex.Replace(Hw.ToJson(), ",\\s*\"TypeCheck\": \\{[^}]*\\}", string.Empty);

        ProfileFormatException error = Assert.Throws<ProfileFormatException>(() => HardwareProfile.Parse(json, "broken.pixhw.json"));
        Assert.Contains("no cost for operation class TypeCheck", error.Message);
    }

    [Fact]
    public void A_profile_built_without_the_class_takes_the_reference_cost()
    {
        var costs = HardwareProfile.AllClasses.Where(c => c != OperationClass.BranchMiss).ToDictionary(c => c, _ => new OperationCost(1, 1));

        var profile = new HardwareProfile("older code", HardwareProfile.Reference.Machine, costs);

        Assert.Equal(HardwareProfile.Reference[OperationClass.BranchMiss], profile[OperationClass.BranchMiss]);
        Assert.Throws<ArgumentException>(() => new HardwareProfile("no ALU", HardwareProfile.Reference.Machine, costs.Where(p => p.Key != OperationClass.IntegerAlu).ToDictionary(p => p.Key, p => p.Value)));
    }

    [Fact]
    public void The_reference_prices_a_miss_as_a_refill_of_about_16_cycles()
    {
        Assert.Equal(new OperationCost(5.5, 5.5), HardwareProfile.Reference[OperationClass.BranchMiss]);
    }

    [Theory]
    [InlineData(0.9, 4.8, 7.8)]
    [InlineData(1.0, 1.0, 0)]
    [InlineData(1.0, 0.9, 0)] // noise made the random run faster: no negative refill
    public void A_miss_costs_twice_the_difference_of_the_pair(double equalNs, double randomNs, double missNs)
    {
        Assert.Equal(missNs, BranchMissKernels.MissNs(equalNs, randomNs), 12);
    }

    [Fact]
    public void The_pair_runs_the_same_loop_on_both_streams()
    {
        var kernels = new BranchMissKernels(seed: 1);

        // The same arithmetic, different paths: equal bits always take the else arm.
        long predicted = kernels.Predicted(256);
        long mispredicted = kernels.Mispredicted(256);
        Assert.NotEqual(predicted, mispredicted);
        Assert.Equal(predicted, new BranchMissKernels(seed: 2).Predicted(256));

        // Each call reads the next bits, wrapping around the stream.
        long first = new BranchMissKernels(seed: 1).Mispredicted(256);
        var walker = new BranchMissKernels(seed: 1);
        for (int i = 0; i < BranchMissKernels.StreamLength / 256; i++)
        {
            walker.Mispredicted(256);
        }

        Assert.Equal(first, walker.Mispredicted(256));
    }

    [Fact]
    public void The_random_bits_do_not_repeat_within_what_a_predictor_learns()
    {
        // A 64 Ki-bit stream repeated every 256 calls was learnt in part by the Zen 5 guest's predictor: its random run
        // read 3.1-3.5 ns an iteration against 4.0-4.1 on a stream too long to learn (miss27). Each call's sum depends
        // on the 256 bits it read, so a stream that repeats shows as the first calls' sums coming round again.
        var walker = new BranchMissKernels(seed: 1);
        int calls = 4 * BranchMissKernels.LearntPatternBits / Calibrator.Iterations;
        long[] sums = Enumerable.Range(0, calls + 8).Select(_ => walker.Mispredicted(Calibrator.Iterations)).ToArray();

        long[] start = sums[..8];
        for (int offset = 1; offset < calls; offset++)
        {
            Assert.False(sums.AsSpan(offset, 8).SequenceEqual(start), $"the random bits repeat after {offset} calls");
        }
    }

    [Fact]
    public void Code_generated_before_the_class_still_binds_and_prices_alike()
    {
        // A library generated with an earlier Pix calls Of/WithChain with 20 counts: those exact signatures must stay.
        Type[] twenty = Enumerable.Repeat(typeof(double), 20).ToArray();
        var of = typeof(BlockCounts).GetMethod(nameof(BlockCounts.Of), twenty)!;
        var withChain = typeof(BlockCounts).GetMethod(nameof(BlockCounts.WithChain), twenty)!;
        object[] counts = Enumerable.Range(0, 20).Select(i => (object)(i % 3 == 0 ? 2.0 : 0.0)).ToArray();

        var old = (BlockCounts)of.Invoke(null, counts)!;
        old = (BlockCounts)withChain.Invoke(old, counts)!;
        BlockCounts current = BlockCounts.Of(integerAlu: 2, floatAdd: 2, load: 2, branch: 2, interfaceCall: 2, allocatedByte: 2, hashedByte: 2)
            .WithChain(integerAlu: 2, floatAdd: 2, load: 2, branch: 2, interfaceCall: 2, allocatedByte: 2, hashedByte: 2);

        Assert.Equal(HardwareProfile.Reference.Price(current), HardwareProfile.Reference.Price(old));
    }

    private static HardwareProfile RoundProfile()
    {
        var costs = HardwareProfile.AllClasses.ToDictionary(c => c, _ => new OperationCost(1, 0.1));
        costs[OperationClass.BranchMiss] = new OperationCost(5, 5);
        return new HardwareProfile("round", HardwareProfile.Reference.Machine, costs);
    }
}
