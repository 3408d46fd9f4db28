using System;
using Pix;

namespace Pix.Runtime.Tests;

/// <summary>
/// A load memory serves, priced at the calibrated walk-free latency (<see cref="HardwareProfile.MemoryLatencyNs"/>): in
/// all <c>max(latency, LoadNs(footprint))</c>, so a table inside the TLB's reach pays memory without walks and one
/// beyond it pays the curve (memory and walks); a profile without the field keeps the curve's plateau; never NaN; every
/// copy of a profile keeps the field and the file format round-trips it.
/// </summary>
public sealed class WalkFreeMemoryLoadTests
{
    // MemoryLoadPricingTests' curve (L3 level 16 ns to 4 MiB, 32 at 8 MiB, 64 at 16 MiB … 144 at 256 MiB; plateau 110 ns),
    // with a walk-free memory latency of 50 ns: the curve passes 50 between 8 MiB (32) and 16 MiB (64), at
    // 8 · 2^((50 − 32) / 32) MiB.
    private static readonly MemoryLoadLatency[] Curve =
    {
        new(32 << 10, 1.6), new(256 << 10, 4.0), new(1 << 20, 16.0), new(4 << 20, 16.0), new(8 << 20, 32.0),
        new(16 << 20, 64.0), new(32 << 20, 100.0), new(64 << 20, 120.0), new(256 << 20, 144.0),
    };

    private static readonly HardwareProfile Plateau = HardwareProfile.Reference.WithMemoryLoads(Curve)
        .WithMachine(HardwareProfile.Reference.Machine with { L2CacheBytes = 512 << 10 });

    private static readonly HardwareProfile Measured = Plateau.WithMemoryLatency(50);

    private static double InAll(HardwareProfile profile, double footprint) =>
        profile.LatencyNs(OperationClass.Load) + profile.ColdLoadNs(footprint) + profile.MemoryLoadNs(footprint);

    [Fact]
    public void Inside_the_TLBs_reach_a_load_memory_served_costs_the_walk_free_latency_in_all()
    {
        // 2 MiB: the curve reads 16 ns (the L3), so memory adds 50 − 16; not the plateau's 110 − 16.
        Assert.Equal(50.0 - 16.0, Measured.MemoryLoadNs(2 << 20), 9);
        Assert.Equal(50.0, InAll(Measured, 2 << 20), 9);
        Assert.Equal(50.0, Measured.MemoryServedLoadNs(2 << 20)!.Value, 9);
    }

    [Fact]
    public void Beyond_it_the_curve_with_its_page_walks_is_the_price_and_nothing_is_added()
    {
        Assert.Equal(8 * Math.Pow(2, 18.0 / 32) * (1 << 20), Measured.PageWalkOnsetBytes!.Value, 3);

        // 64 MiB: the curve reads 120 ns, memory and walks: the footprint already pays it.
        Assert.Equal(120.0, Measured.MemoryServedLoadNs(64 << 20)!.Value, 9);
        Assert.Equal(0, Measured.MemoryLoadNs(64 << 20));
        Assert.Equal(120.0, InAll(Measured, 64 << 20), 9);

        // A latency above every point of the curve: no walks measured, no onset.
        Assert.Null(Plateau.WithMemoryLatency(200).PageWalkOnsetBytes);
        Assert.Null(Plateau.PageWalkOnsetBytes);
    }

    [Fact]
    public void A_profile_without_the_latency_keeps_the_curves_plateau_and_no_price_is_NaN()
    {
        Assert.Null(Plateau.MemoryLatencyNs);
        Assert.Equal(110.0 - 16.0, Plateau.MemoryLoadNs(2 << 20), 9);
        Assert.Equal(Plateau.MemoryLoadNs(2 << 20), Measured.WithMemoryLatency(null).MemoryLoadNs(2 << 20));

        Assert.Equal(Measured.MemoryLoadNs(1), Measured.MemoryLoadNs(double.NaN));
        Assert.False(double.IsNaN(Measured.MemoryLoadNs(-1)));
        Assert.Throws<ArgumentException>(() => Plateau.WithMemoryLatency(double.NaN));
        Assert.Throws<ArgumentException>(() => Plateau.WithMemoryLatency(-1));

        // Without a curve: memory less the Load, the only level the profile knows.
        HardwareProfile noCurve = HardwareProfile.Reference.WithMemoryLoads(Array.Empty<MemoryLoadLatency>()).WithMemoryLatency(50);
        Assert.Equal(50 - noCurve.LatencyNs(OperationClass.Load), noCurve.MemoryLoadNs(2 << 20), 9);
    }

    [Fact]
    public void Every_copy_of_a_profile_keeps_the_latency()
    {
        Assert.Equal(50, Measured.WithIssueWidth(3).MemoryLatencyNs);
        Assert.Equal(50, Measured.With(OperationClass.Store, new OperationCost(1, 1)).MemoryLatencyNs);
        Assert.Equal(50, Measured.WithMachine(Measured.Machine).MemoryLatencyNs);
        Assert.Equal(50, Measured.WithMemoryLoads(Curve).MemoryLatencyNs);
    }

    [Fact]
    public void The_file_round_trips_the_latency_and_a_file_without_it_reads_and_writes_as_before()
    {
        HardwareProfile read = HardwareProfile.Parse(Measured.ToJson());
        Assert.Equal(50, read.MemoryLatencyNs);
        Assert.Equal(Measured.MemoryLoadNs(2 << 20), read.MemoryLoadNs(2 << 20));

        string old = Plateau.ToJson();
        Assert.DoesNotContain("memoryLatencyNs", old);
        HardwareProfile oldRead = HardwareProfile.Parse(old);
        Assert.Null(oldRead.MemoryLatencyNs);
        Assert.Equal(old, oldRead.ToJson());
        Assert.Equal(Plateau.MemoryLoadNs(2 << 20), oldRead.MemoryLoadNs(2 << 20));

        Assert.Throws<ProfileFormatException>(() => HardwareProfile.Parse(Measured.ToJson().Replace("\"memoryLatencyNs\": 50", "\"memoryLatencyNs\": -1")));
    }
}
