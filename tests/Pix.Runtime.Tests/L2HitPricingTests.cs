using System;
using System.IO;
using Pix;
using Pix.Calibration;

namespace Pix.Runtime.Tests;

/// <summary>
/// Loads served by L2 (a <c>PixHint.ColdLoads</c> hint's <c>{name}FromL2</c> PCV): priced at the curve's L2 plateau when the
/// profile knows its L2's size, at 0 when it does not (profiles recorded before it), and the L2 size read, written and
/// found on the machine.
/// </summary>
public sealed class L2HitPricingTests : IDisposable
{
    private static readonly MemoryLoadLatency[] Curve =
    {
        new(32 << 10, 1.6),
        new(256 << 10, 4.2),
        new(512 << 10, 8.1),
        new(2 << 20, 16.0),
    };

    private static readonly HardwareProfile WithoutL2 = HardwareProfile.Reference.WithMemoryLoads(Curve);

    private static readonly HardwareProfile WithL2 = WithoutL2.WithMachine(WithoutL2.Machine with { L2CacheBytes = 512 << 10 });

    private readonly string _root = Path.Combine(Path.GetTempPath(), "pix-l2-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void An_L2_hit_costs_the_curve_at_half_the_L2_minus_a_loads_latency()
    {
        // Half of 512 KiB is the curve's 256 KiB point: 4.2 ns, the plateau, not the 8.1 of the step at the whole L2.
        Assert.Equal(4.2 - WithL2.LatencyNs(OperationClass.Load), WithL2.L2HitNs, 12);
    }

    [Fact]
    public void Without_the_L2_size_or_the_curve_an_L2_hit_costs_nothing_more()
    {
        Assert.Equal(0, WithoutL2.L2HitNs);
        Assert.Equal(0, HardwareProfile.Reference.WithMemoryLoads(Array.Empty<MemoryLoadLatency>())
            .WithMachine(WithL2.Machine).L2HitNs);
    }

    [Fact]
    public void A_blocks_L2_loads_add_count_times_the_L2_hit_and_a_block_without_them_prices_to_the_bit_as_before()
    {
        BlockCounts misses = BlockCounts.Of(load: 2, branch: 1).WithColdLoads(2 << 20, 3);
        BlockCounts served = misses.WithL2Loads(5);

        Assert.Equal(WithL2.Price(misses) + (5 * WithL2.L2HitNs), WithL2.Price(served), 12);
        Assert.Equal(WithoutL2.Price(misses), WithoutL2.Price(served));
        Assert.Equal(WithL2.PriceColdLoads(served.ColdLoadFootprints, served.ColdLoadCounts), WithL2.PriceColdLoads(served.ColdLoadFootprints, served.ColdLoadCounts, 0));
        Assert.Equal(5, served.L2Loads);
        Assert.Contains("5 loads served by L2", served.ToString());
    }

    [Fact]
    public void The_other_builders_keep_the_L2_loads()
    {
        BlockCounts block = BlockCounts.Of(load: 1).WithL2Loads(2).WithChain(load: 1).WithFoldedLoads(1).WithTakenBranches(1).WithOpaque("X").WithColdLoads(1 << 20);
        Assert.Equal(2, block.L2Loads);
    }

    [Fact]
    public void The_L2_size_round_trips_and_a_profile_without_it_is_written_and_read_as_before()
    {
        HardwareProfile read = HardwareProfile.Parse(WithL2.ToJson(), "x.pixhw.json");
        Assert.Equal(512 << 10, read.Machine.L2CacheBytes);
        Assert.Equal(WithL2.L2HitNs, read.L2HitNs);

        string old = WithoutL2.ToJson();
        Assert.DoesNotContain("l2CacheBytes", old);
        Assert.Null(HardwareProfile.Parse(old, "old.pixhw.json").Machine.L2CacheBytes);
        Assert.Throws<ProfileFormatException>(() => HardwareProfile.Parse(WithL2.ToJson().Replace("\"l2CacheBytes\": 524288", "\"l2CacheBytes\": 0"), "bad.pixhw.json"));
    }

    [Fact]
    public void The_L2_size_is_read_from_sysfs_without_its_associativity_and_unknown_without_it()
    {
        Assert.Null(CacheGeometry.FromSysfs(_root).L2);
        Index(0, "1", "Data", "32K");
        Index(1, "1", "Instruction", "32K");
        Assert.Null(CacheGeometry.FromSysfs(_root).L2);
        Index(3, "3", "Unified", "32768K");
        Index(2, "2", "Unified", "512K");

        // No ways_of_associativity file: the size still prices L2 loads; the ways are "not said".
        Assert.Equal(new CacheLevelGeometry(512 << 10, 0), CacheGeometry.FromSysfs(_root).L2);
    }

    private void Index(int number, string level, string type, string size)
    {
        string index = Path.Combine(_root, "index" + number);
        Directory.CreateDirectory(index);
        File.WriteAllText(Path.Combine(index, "level"), level + "\n");
        File.WriteAllText(Path.Combine(index, "type"), type + "\n");
        File.WriteAllText(Path.Combine(index, "size"), size + "\n");
    }
}
