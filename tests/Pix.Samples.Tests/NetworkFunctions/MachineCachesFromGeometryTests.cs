using System.Linq;
using Pix.Calibration;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>
/// The caches the traces simulate are the runtime's reading of the machine (<see cref="CacheGeometry"/>: sysfs, else the C
/// library's sysconf) rather than the Xeon's, whose 2 MiB L2 would hold the NAT's 1.75 MiB table on a machine with a 1 MiB
/// L2 (the twentieth session's AMD EPYC guest, whose sysfs has no cache folders).
/// </summary>
public sealed class MachineCachesFromGeometryTests
{
    // What glibc answered on the twentieth session's guest (`getconf -a`): L1d 48 KiB 12-way, L2 1 MiB 8-way.
    private static readonly CacheGeometry EpycGuest = new(new(48 << 10, 12), new(1 << 20, 8), "test: the AMD EPYC guest's sysconf");

    [Fact]
    public void The_level_1_data_cache_and_the_level_2_cache_are_the_machines()
    {
        MachineCaches caches = MachineCaches.From(EpycGuest)!;

        Assert.Equal(new MachineCaches(48 << 10, 12, 1 << 20, 8, EpycGuest.Source), caches);
    }

    public static TheoryData<CacheGeometry> Unusable => new()
    {
        EpycGuest with { L1Data = null },                         // not described by sysfs nor the C library
        EpycGuest with { L2 = null },
        EpycGuest with { L2 = new CacheLevelGeometry(1 << 20, 0) }, // a size without its associativity
        EpycGuest with { L2 = new CacheLevelGeometry(1_000_000, 8) }, // not a whole number of sets: cannot be simulated
        EpycGuest with { L2 = new CacheLevelGeometry(1L << 32, 8) }, // beyond what the simulation's int sizes hold
    };

    [Theory]
    [MemberData(nameof(Unusable))]
    public void A_missing_or_unusable_level_gives_no_caches(CacheGeometry geometry)
    {
        Assert.Null(MachineCaches.From(geometry));
    }

    [Fact]
    public void The_NAT_table_of_one_and_three_quarter_MiB_misses_a_1_MiB_L2_that_the_Xeon_fallback_would_hold_it_in()
    {
        // The same typical traffic traced on the guest's caches and on the Xeon's: its flow entries beyond a 1 MiB L2 are
        // counted (flowTableMisses: loads that missed L2) and those the L2 served go to flowTableMissesFromL2, where on the
        // Xeon's 2 MiB L2 every L1 miss is a flowTableMisses load, priced at the 1.75 MiB point of the curve.
        MachineCaches guest = MachineCaches.From(EpycGuest)!;
        PcvTrace onGuest = ScenarioCatalog.Create("nat", "typical", caches: guest).TracePcvs();
        PcvTrace onXeon = ScenarioCatalog.Create("nat", "typical", caches: MachineCaches.SapphireRapids).TracePcvs();

        Assert.Equal(0, onXeon.Column("flowTableMissesFromL2").Sum());
        Assert.True(onGuest.Column("flowTableMissesFromL2").Average() > 0.5, $"{onGuest.Column("flowTableMissesFromL2").Average()} loads a packet served by the guest's L2");
        Assert.True(onGuest.Column("flowTableMisses").Average() < onXeon.Column("flowTableMisses").Average() / 2,
            $"{onGuest.Column("flowTableMisses").Average()} loads a packet beyond the guest's L2, {onXeon.Column("flowTableMisses").Average()} L1 misses on the Xeon's");
    }
}
