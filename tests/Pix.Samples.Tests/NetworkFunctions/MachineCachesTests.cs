using System.Linq;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>
/// The caches the cold-load traces simulate: the whole L2 with each reload counted by the level that served it, and the
/// caches a scenario is given (reading them from the machine is <c>CacheGeometryTests</c>' in Pix.Runtime.Tests).
/// </summary>
public sealed class MachineCachesTests
{
    [Theory]
    [InlineData(40, 0, 0)]   // 40 lines: 3 of line 0's L1 set of 4 ways: kept by L1, neither count
    [InlineData(200, 0, 1)]  // 200: 13 in its L1 set (evicted), 4 in its set of the whole L2's 64 (kept): served by L2
    [InlineData(300, 1, 0)]  // 300: 5 in its L2 set (evicted): a miss (half the L2, 32 sets, lost it at 200 already)
    public void The_whole_L2_is_simulated_and_a_reload_counted_by_the_level_that_served_it(int linesLoaded, int misses, int fromL2)
    {
        // 4 KiB L1 (64 lines, 16 sets of 4) and a 16 KiB L2 (256 lines, 64 sets of 4), all of it simulated.
        var caches = new MachineCaches(4 << 10, 4, 16 << 10, 4, "test").NewSimulation();
        const int Entry = CacheLevel.LineBytes, Footprint = 1 << 20;
        for (int i = 0; i < linesLoaded; i++)
        {
            caches.LoadEntry(i * 3, Entry, Footprint, site: 0); // a stride of 3 lines: never prefetched
        }

        Assert.Equal(new ColdLoadCount(misses, fromL2), caches.LoadEntry(0, Entry, Footprint, site: 1));
    }

    [Fact]
    public void A_scenario_traces_its_cold_loads_on_the_caches_it_is_given()
    {
        // The bridge's colliding chain (~1,000 entries of 40 B walked per frame) fits the Xeon's 48 KiB L1, not a 32 KiB one.
        var epyc = new MachineCaches(32 << 10, 8, 512 << 10, 8, "test: an AMD EPYC's");
        double onXeon = ScenarioCatalog.Create("bridge", "colliding", caches: MachineCaches.SapphireRapids).TracePcvs().Column("tableMisses").Average();
        double onEpyc = ScenarioCatalog.Create("bridge", "colliding", caches: epyc).TracePcvs().Column("tableMisses").Average();

        // Since the stride prefetcher follows entries walked downwards too (fifteenth session), most of the chain streams;
        // what is left still misses the smaller L1 only.
        Assert.InRange(onXeon, 0, 0.2);
        Assert.True(onEpyc > onXeon + 0.1, $"{onEpyc} cold loads a frame on a 32 KiB L1, {onXeon} on a 48 KiB one");
    }
}
