using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>The cache simulation that traces the cold-load PCVs (what it traces on the workloads: WorkloadTests).</summary>
public class ColdLoadTraceTests
{
    private const int Entry = 64;

    [Fact]
    public void A_level_keeps_its_most_recent_lines_and_evicts_the_least_recently_used()
    {
        var level = new CacheLevel(4 * CacheLevel.LineBytes, associativity: 4); // one set of four ways
        Assert.True(level.Touch(1));
        Assert.True(level.Touch(2));
        Assert.True(level.Touch(3));
        Assert.True(level.Touch(4));
        Assert.False(level.Touch(1)); // 1 becomes the most recent; 2 is now the least
        Assert.True(level.Touch(5));  // evicts 2
        Assert.False(level.Touch(1));
        Assert.True(level.Touch(2));
    }

    [Fact]
    public void A_load_is_cold_only_when_it_misses_every_level_smaller_than_the_structure_and_served_by_L2_when_L2_is_smaller()
    {
        var caches = new CacheSimulation(new CacheLevel(2 * CacheLevel.LineBytes, 2), new CacheLevel(8 * CacheLevel.LineBytes, 8));
        // Entries 0, 10, 20 (lines far apart: no prefetch), then 0 again: gone from the 2-line L1, kept by the 8-line L2.
        Assert.Equal(ColdLoadCount.Miss, caches.LoadEntry(0, Entry, footprintBytes: 1 << 20, site: 0));
        Assert.Equal(ColdLoadCount.Miss, caches.LoadEntry(10, Entry, 1 << 20, 0));
        Assert.Equal(ColdLoadCount.Miss, caches.LoadEntry(20, Entry, 1 << 20, 0));
        // In L2, a level smaller than the structure: not cold, but the hint's second count.
        Assert.Equal(ColdLoadCount.ServedByL2, caches.LoadEntry(0, Entry, 1 << 20, 0));
        Assert.Equal(default, caches.LoadEntry(0, Entry, 1 << 20, 1)); // now in L1 again: neither

        var small = new CacheSimulation(new CacheLevel(2 * CacheLevel.LineBytes, 2), new CacheLevel(8 * CacheLevel.LineBytes, 8));
        small.LoadEntry(0, Entry, 4 * CacheLevel.LineBytes, 0);
        small.LoadEntry(10, Entry, 4 * CacheLevel.LineBytes, 0);
        small.LoadEntry(20, Entry, 4 * CacheLevel.LineBytes, 0);
        // L2 is not smaller than the structure: an L1 miss is cold (the first count), never the second.
        Assert.Equal(ColdLoadCount.Miss, small.LoadEntry(0, Entry, 4 * CacheLevel.LineBytes, 0));
    }

    [Fact]
    public void A_site_streaming_through_consecutive_lines_is_prefetched()
    {
        var caches = MachineCaches.SapphireRapids.NewSimulation();
        Assert.Equal(ColdLoadCount.Miss, caches.LoadEntry(100, Entry, 1 << 20, site: 0));
        Assert.Equal(default, caches.LoadEntry(101, Entry, 1 << 20, site: 0));
        Assert.Equal(ColdLoadCount.Miss, caches.LoadEntry(50, Entry, 1 << 20, site: 1));
        Assert.Equal(default, caches.LoadEntry(49, Entry, 1 << 20, site: 1)); // descending streams too (a chain of entries allocated in order)
        Assert.Equal(ColdLoadCount.Miss, caches.LoadEntry(5000, Entry, 1 << 20, site: 0));
    }

    [Fact]
    public void Entries_spanning_lines_walked_downwards_are_prefetched_too()
    {
        // 56-byte entries allocated in order, walked from the last down (a chain whose entries were linked at its head):
        // each next entry ends at or next to the previous one's first
        // line, though it may start two lines below its last. Only the first load of the walk is not prefetched.
        var caches = new CacheSimulation(new CacheLevel(2 * CacheLevel.LineBytes, 2), new CacheLevel(8 * CacheLevel.LineBytes, 8));
        Assert.Equal(ColdLoadCount.Miss, caches.LoadEntry(40, 56, 1 << 20, site: 0));
        for (int entry = 39; entry >= 0; entry--)
        {
            Assert.Equal(default, caches.LoadEntry(entry, 56, 1 << 20, site: 0));
        }
    }

    [Fact]
    public void Touched_bytes_take_room_in_every_level_and_count_nothing()
    {
        var caches = new CacheSimulation(new CacheLevel(2 * CacheLevel.LineBytes, 2), new CacheLevel(8 * CacheLevel.LineBytes, 8));
        Assert.Equal(ColdLoadCount.Miss, caches.LoadEntry(0, Entry, footprintBytes: 1 << 20, site: 0));
        Assert.Equal(default, caches.LoadEntry(0, Entry, 1 << 20, site: 1)); // kept

        // A frame of 8 lines, far from the table: it evicts entry 0 from both levels (LRU).
        caches.Touch(CacheSimulation.FramesStartByte + 10, 8 * CacheLevel.LineBytes - 10);
        Assert.Equal(ColdLoadCount.Miss, caches.LoadEntry(0, Entry, 1 << 20, site: 2));

        // The frame's own lines are in the caches: the last one hits (read as a structure at the frames' start).
        Assert.Equal(default, caches.LoadEntry(7, CacheLevel.LineBytes, 1 << 20, site: 3, startByte: CacheSimulation.FramesStartByte));
    }
}
