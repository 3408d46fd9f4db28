using System;
using System.Linq;
using System.Reflection;
using Pix;

namespace Pix.Runtime.Tests;

public sealed class BlockCountsTests
{
    private static readonly HardwareProfile Skewed = new(
        "skewed",
        HardwareProfile.Reference.Machine,
        HardwareProfile.AllClasses.ToDictionary(c => c, c => new OperationCost(0.3 + (int)c * 0.71, 0.1 + (int)c * 0.13)),
        new System.Collections.Generic.Dictionary<string, double> { ["Parse"] = 12.5 },
        defaultOpaqueCallNs: 40);

    [Theory]
    [InlineData(nameof(BlockCounts.Of))]
    [InlineData(nameof(BlockCounts.WithChain))]
    public void Every_operation_class_is_a_named_count_in_class_order(string method)
    {
        // The generator writes one named argument per class, named after the enum member in camelCase.
        MethodInfo info = BlockCountsExtensions.Current(method);
        string[] expected = HardwareProfile.AllClasses.Select(c => char.ToLowerInvariant(c.ToString()[0]) + c.ToString().Substring(1)).ToArray();
        Assert.Equal(expected, info.GetParameters().Select(p => p.Name));
        Assert.All(info.GetParameters(), p => Assert.Equal(0.0, p.DefaultValue));
    }

    [Fact]
    public void Only_non_zero_counts_are_kept_in_class_order()
    {
        BlockCounts block = BlockCounts.Of(branch: 2, integerAlu: 3, load: 0).WithChain(floatAdd: 1);
        Assert.Equal(new[] { OperationClass.IntegerAlu, OperationClass.Branch }, block.Classes.ToArray());
        Assert.Equal(new[] { 3.0, 2.0 }, block.Counts.ToArray());
        Assert.Equal(new[] { OperationClass.FloatAdd }, block.ChainClasses.ToArray());
        Assert.Equal("3 IntegerAlu, 2 Branch, chain 1 FloatAdd", block.ToString());
    }

    [Fact]
    public void Price_is_the_larger_bound_plus_the_opaque_calls()
    {
        BlockCounts block = BlockCounts.Of(integerAlu: 3, load: 1).WithChain(integerMultiply: 2).WithOpaque("Parse").WithOpaque("Unknown", 2);
        double throughput = 3 * Skewed.ThroughputNs(OperationClass.IntegerAlu) + Skewed.ThroughputNs(OperationClass.Load);
        double latency = 2 * Skewed.LatencyNs(OperationClass.IntegerMultiply);
        Assert.Equal(Math.Max(throughput, latency) + 12.5 + 2 * 40, Skewed.Price(block));
    }

    [Fact]
    public void Dense_and_sparse_counts_price_to_the_same_bits()
    {
        var random = new Random(3);
        foreach (HardwareProfile hw in new[] { HardwareProfile.Reference, Skewed })
        {
            for (int i = 0; i < 500; i++)
            {
                double[] ops = HardwareProfile.AllClasses.Select(_ => random.Next(3) == 0 ? random.Next(-2, 40) * 0.5 : 0.0).ToArray();
                double[] chain = HardwareProfile.AllClasses.Select(_ => random.Next(5) == 0 ? random.Next(0, 9) : 0.0).ToArray();
                BlockCounts block = Of(ops).WithChain(chain);
                Assert.Equal(
                    BitConverter.DoubleToInt64Bits(hw.PriceBlock(ops, chain)),
                    BitConverter.DoubleToInt64Bits(hw.Price(block)));
            }
        }
    }

    [Fact]
    public void A_null_block_is_rejected() =>
        Assert.Equal("block", Assert.Throws<ArgumentNullException>(() => HardwareProfile.Reference.Price(null!)).ParamName);

    [Fact]
    public void Lists_of_different_lengths_are_rejected() =>
        Assert.Throws<ArgumentException>(() => HardwareProfile.Reference.PriceBlock(new[] { OperationClass.Load }, ReadOnlySpan<double>.Empty, default, default));

    [Fact]
    public void Pricing_allocates_nothing()
    {
        BlockCounts block = BlockCounts.Of(integerAlu: 3, load: 1, branch: 1).WithChain(integerAlu: 1).WithOpaque("Parse");
        HardwareProfile hw = Skewed;
        double sum = hw.Price(block);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            sum += hw.Price(block);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 0);
    }

    [Fact]
    public void A_remembered_price_belongs_to_its_profile()
    {
        BlockCounts block = BlockCounts.Of(integerAlu: 3, load: 1).WithChain(integerMultiply: 2);
        HardwareProfile[] profiles = Enumerable.Range(0, 6)
            .Select(i => HardwareProfile.Reference.With(OperationClass.Load, new OperationCost(1 + i, 0.5 + i)))
            .ToArray();
        double[] expected = profiles.Select(hw => hw.PriceBlock(block.Classes, block.Counts, block.ChainClasses, block.ChainCounts)).ToArray();

        // More profiles than a block remembers, in an order that evicts and revisits each.
        foreach (int i in new[] { 0, 1, 0, 2, 3, 4, 5, 0, 1, 5, 2 })
        {
            Assert.Equal(expected[i], profiles[i].Price(block));
        }
    }

    [Fact]
    public void Alternating_between_two_profiles_allocates_nothing()
    {
        BlockCounts block = BlockCounts.Of(integerAlu: 3, branch: 1);
        HardwareProfile a = HardwareProfile.Reference, b = Skewed;
        double sum = a.Price(block) + b.Price(block);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            sum += a.Price(block) + b.Price(block);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(sum > 0);
    }

    private static BlockCounts Of(double[] dense) => (BlockCounts)BlockCountsExtensions.Current(nameof(BlockCounts.Of)).Invoke(null, dense.Cast<object>().ToArray())!;
}

internal static class BlockCountsExtensions
{
    public static BlockCounts WithChain(this BlockCounts block, double[] dense) =>
        (BlockCounts)Current(nameof(BlockCounts.WithChain)).Invoke(block, dense.Cast<object>().ToArray())!;

    /// <summary>The overload with a count for every class (the others are kept for code generated by earlier versions).</summary>
    internal static MethodInfo Current(string name) =>
        typeof(BlockCounts).GetMethods().Where(m => m.Name == name).OrderByDescending(m => m.GetParameters().Length).First();
}
