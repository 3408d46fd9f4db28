using System.Linq;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>
/// The cold-load traces start from the caches the setup left: the setup's packets go through the simulated caches as
/// they went through the machine's before the first timed packet. Before, the simulation started empty at the first
/// measured packet, so a table line only the setup had touched was traced as served by memory however recently the
/// setup touched it (the expiry storm's expired flows, opened during setup: measured +9 to +16 ns a load over a packet
/// without cold loads, priced +110 to +135; docs/accuracy.md, twenty-first session, `lb21`).
/// </summary>
public class SetupReplayedColdLoadTests
{
    // The Zen 5 guest's L1d and L2 (glibc's figures) with an 8 MiB L3: the NAT's 1.75 MiB table fits the L3 whole.
    private static readonly MachineCaches GuestWithL3 = new(48 << 10, 12, 1 << 20, 8, "test: the guest's L1d and L2, an 8 MiB L3", L3Bytes: 8 << 20);

    [Fact]
    public void The_expiry_storms_expired_flows_come_from_the_L3_that_holds_the_table_not_from_memory()
    {
        PcvTrace storm = ScenarioCatalog.Create("nat", "expiry-storm", caches: GuestWithL3).TracePcvs();

        // Every expired flow was opened during setup and the table never leaves the L3: nothing is served by memory
        // but the lines no packet, setup or measured, touched before (the free entries a new flow takes first).
        double fromMemory = storm.Column("flowTableMissesFromMemory").Average();
        double beyondL2 = storm.Column("flowTableMisses").Average();
        Assert.True(fromMemory < 0.05, $"{fromMemory} loads a packet served by memory");
        Assert.True(beyondL2 > 0.3, $"{beyondL2} loads a packet beyond L2: the storm's expired flows are still cold in L2");
    }
}
