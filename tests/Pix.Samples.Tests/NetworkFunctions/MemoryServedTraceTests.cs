using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>
/// The simulated third level (<see cref="MachineCaches.WithL3From"/>): a traced miss it serves is a miss, one it missed too
/// is also a load memory served (<see cref="ColdLoadCount.FromMemory"/>); <see cref="CacheSimulation.Empty"/> empties it;
/// its size is the profile's curve's reach, not sysfs's. Worked by hand on 4 KiB / 16 KiB / 64 KiB caches, 4-way
/// (16, 64 and 256 sets).
/// </summary>
public sealed class MemoryServedTraceTests
{
    private static readonly MachineCaches Small = new(4 << 10, 4, 16 << 10, 4, "test", L3Bytes: 64 << 10, L3Ways: 4);

    // Loads `lines` lines three apart (no two adjacent: the prefetcher stays out) in a structure larger than every level,
    // then the first again, from another site: how that reload counts.
    private static ColdLoadCount Reload(CacheSimulation simulation, int lines)
    {
        for (int i = 0; i < lines; i++)
        {
            simulation.LoadEntry(3 * i, CacheLevel.LineBytes, 1 << 20, site: 0);
        }

        return simulation.LoadEntry(0, CacheLevel.LineBytes, 1 << 20, site: 1);
    }

    [Fact]
    public void A_miss_the_L3_serves_is_a_miss_and_one_it_missed_too_came_from_memory()
    {
        // 384 lines: 6 a set in L2's 64 sets (evicted), 1.5 in L3's 256 (kept).
        Assert.Equal(ColdLoadCount.Miss, Reload(Small.NewSimulation(), 384));
        // 1,536 lines: 6 a set in L3's 256 sets: evicted from it too.
        Assert.Equal(ColdLoadCount.MissFromMemory, Reload(Small.NewSimulation(), 1536));
        // Without a third level the same miss is just a miss, as before it was simulated.
        Assert.Equal(ColdLoadCount.Miss, Reload((Small with { L3Bytes = 0 }).NewSimulation(), 1536));
    }

    [Fact]
    public void A_control_event_empties_the_L3_too()
    {
        CacheSimulation simulation = Small.NewSimulation();
        simulation.LoadEntry(0, CacheLevel.LineBytes, 1 << 20, site: 0);
        Assert.Equal(default, simulation.LoadEntry(0, CacheLevel.LineBytes, 1 << 20, site: 1));

        simulation.Empty();
        Assert.Equal(ColdLoadCount.MissFromMemory, simulation.LoadEntry(0, CacheLevel.LineBytes, 1 << 20, site: 1));
    }

    [Fact]
    public void The_L3_is_as_large_as_the_profiles_curve_reaches_in_whole_sets_and_absent_without_one()
    {
        HardwareProfile curve = HardwareProfile.Reference.WithMemoryLoads(new MemoryLoadLatency[]
        {
            new(32 << 10, 1.6), new(1 << 20, 16.0), new(8 << 20, 32.0), new(16 << 20, 64.0), new(256 << 20, 144.0),
        });
        HardwareProfile profile = curve.WithMachine(curve.Machine with { L2CacheBytes = 512 << 10 });
        MachineCaches caches = new MachineCaches(32 << 10, 8, 512 << 10, 8, "test").WithL3From(profile);

        double reach = profile.EffectiveL3Bytes!.Value;
        Assert.Equal((int)(reach / 1024) * 1024, caches.L3Bytes);
        Assert.InRange(caches.L3Bytes, reach - 1024, reach);
        Assert.Contains("L3", caches.ToString());
        // No L2 size in the profile: no reach, no third level.
        Assert.Equal(0, new MachineCaches(32 << 10, 8, 512 << 10, 8, "test").WithL3From(curve).L3Bytes);
    }
}
