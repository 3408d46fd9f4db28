using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>
/// Where sysfs has no cache folders (the twentieth session's AMD EPYC guest), the caches come from the C library's
/// sysconf rather than the Xeon's, whose 2 MiB L2 would hold the NAT's 1.75 MiB table on a machine with a 1 MiB L2.
/// </summary>
public sealed class MachineCachesFromCLibraryTests
{
    // What glibc answered on the twentieth session's guest (`getconf -a`): L1d 48 KiB 12-way, L2 1 MiB 8-way, keyed by
    // glibc's numbers for the names (bits/confname.h: _SC_LEVEL1_DCACHE_SIZE 188, _ASSOC 189, _SC_LEVEL2_CACHE_SIZE 191,
    // _ASSOC 192), not by the constants under test, so a wrong constant fails here.
    private static readonly Dictionary<int, long> EpycGuest = new()
    {
        [188] = 48 << 10,
        [189] = 12,
        [191] = 1 << 20,
        [192] = 8,
    };

    private static Func<int, long> Answering(Dictionary<int, long> values) => name => values.TryGetValue(name, out long v) ? v : -1;

    [Fact]
    public void The_level_1_data_cache_and_the_level_2_cache_are_what_sysconf_reports()
    {
        MachineCaches caches = MachineCaches.FromCLibrary(Answering(EpycGuest))!;

        Assert.Equal((48 << 10, 12, 1 << 20, 8), (caches.L1Bytes, caches.L1Ways, caches.L2Bytes, caches.L2Ways));
        Assert.Contains("sysconf", caches.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CLibraryCaches.Level1DataSize, -1L)]   // not known to this C library
    [InlineData(CLibraryCaches.Level1DataWays, 0L)]    // glibc's answer for a level it cannot describe
    [InlineData(CLibraryCaches.Level2Size, 0L)]
    [InlineData(CLibraryCaches.Level2Ways, -1L)]
    [InlineData(CLibraryCaches.Level2Size, 1_000_000L)] // not a whole number of sets: cannot be simulated
    public void A_missing_or_unusable_answer_gives_no_caches(int name, long answer)
    {
        var values = new Dictionary<int, long>(EpycGuest) { [name] = answer };

        Assert.Null(MachineCaches.FromCLibrary(Answering(values)));
    }

    [Fact]
    public void The_NAT_table_of_one_and_three_quarter_MiB_misses_a_1_MiB_L2_that_the_Xeon_fallback_would_hold_it_in()
    {
        // The same typical traffic traced on the guest's caches and on the Xeon's: its flow entries beyond a 1 MiB L2 are
        // counted (flowTableMisses: loads that missed L2) and those the L2 served go to flowTableMissesFromL2, where on the
        // Xeon's 2 MiB L2 every L1 miss is a flowTableMisses load, priced at the 1.75 MiB point of the curve.
        MachineCaches guest = MachineCaches.FromCLibrary(Answering(EpycGuest))!;
        PcvTrace onGuest = ScenarioCatalog.Create("nat", "typical", caches: guest).TracePcvs();
        PcvTrace onXeon = ScenarioCatalog.Create("nat", "typical", caches: MachineCaches.SapphireRapids).TracePcvs();

        Assert.Equal(0, onXeon.Column("flowTableMissesFromL2").Sum());
        Assert.True(onGuest.Column("flowTableMissesFromL2").Average() > 0.5, $"{onGuest.Column("flowTableMissesFromL2").Average()} loads a packet served by the guest's L2");
        Assert.True(onGuest.Column("flowTableMisses").Average() < onXeon.Column("flowTableMisses").Average() / 2,
            $"{onGuest.Column("flowTableMisses").Average()} loads a packet beyond the guest's L2, {onXeon.Column("flowTableMisses").Average()} L1 misses on the Xeon's");
    }
}
