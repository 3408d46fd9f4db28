using System.Linq;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>
/// The balancer's cold-load PCVs, traced on crafted traffic: how long ago a flow's state was last loaded (in
/// other flows' lines) decides whether its connection-table slot and lookup-table entry are still cached.
/// </summary>
public class LoadBalancerColdLoadTests
{
    // Small simulated caches, so that a few hundred flows outgrow them: L1 64 lines, and 128 lines of L2 simulated.
    private static readonly MachineCaches Small = new(4 << 10, 8, 16 << 10, 8, "test: 4 KiB L1, 16 KiB L2");

    private const int ConnectionMisses = 0, LookupMisses = 1, ConnectionMissesFromL2 = 4, LookupMissesFromL2 = 5, ConnectionMissesFromMemory = 6;

    [Fact]
    public void A_flow_seen_one_packet_ago_traces_no_cold_load()
    {
        FlowKey[] flows = Flows(2);
        PcvTrace trace = Trace(flows, flows[0], flows[1], flows[0], flows[0]);

        Assert.Equal(0, trace[0, ConnectionMisses]); // the setup loaded its slot, two packets before
        Assert.Equal(0, trace[3, ConnectionMisses]);
        Assert.Equal(0, trace[3, LookupMisses]);
    }

    [Fact]
    public void A_flow_opened_during_setup_is_as_cold_as_the_setups_own_traffic_left_it()
    {
        // The setup's packets go through the simulated caches as they go through the machine's: a flow the setup opened
        // last is cached at the first measured packet, one it opened before 400 others is not (they evicted its slot).
        FlowKey[] flows = Flows(401);
        FlowKey[] openedLast = flows.Skip(1).Append(flows[0]).ToArray();

        PcvTrace last = Trace(openedLast, flows[0]), first = Trace(flows, flows[0]);

        Assert.Equal((0, 0), (last[0, ConnectionMisses], last[0, ConnectionMissesFromL2]));
        Assert.True(first[0, ConnectionMisses] >= 1);
    }

    [Fact]
    public void A_flow_unseen_for_longer_than_the_simulated_caches_hold_traces_its_slot_cold()
    {
        FlowKey[] flows = Flows(401);
        var recent = new FlowKey[] { flows[0] }.Concat(flows.Skip(1).Take(10)).Append(flows[0]).ToArray();
        var longAgo = new FlowKey[] { flows[0] }.Concat(flows.Skip(1)).Append(flows[0]).ToArray();

        PcvTrace near = Trace(flows, recent), far = Trace(flows, longAgo);

        Assert.Equal(0, near[near.PacketCount - 1, ConnectionMisses]);  // 10 flows' lines: still in L1
        Assert.True(far[far.PacketCount - 1, ConnectionMisses] >= 1);    // 400 flows' lines: past L1 and the simulated L2
        Assert.Equal(0, far[far.PacketCount - 1, LookupMisses]);         // tracked: the lookup table is not read
    }

    [Fact]
    public void A_new_flow_traces_its_lookup_table_entry_too()
    {
        FlowKey[] flows = Flows(2);
        var builder = new WorkloadBuilder();
        builder.Add(flows[0], time: 0);
        builder.EndSetup();
        builder.Add(flows[0], time: 1);
        builder.Add(flows[1], time: 2); // never seen: not tracked
        builder.Add(flows[1], time: 3);

        PcvTrace trace = Trace(builder);

        Assert.Equal(0, trace[0, LookupMisses]);
        Assert.Equal(1, trace[1, LookupMisses]);
        Assert.Equal(0, trace[2, LookupMisses]);
    }

    [Fact]
    public void A_rebuild_of_the_lookup_table_evicts_the_connection_tables_lines()
    {
        FlowKey[] flows = Flows(2);
        int backend = LoadBalancerScenario.NewBalancer().SelectBackend(Frames.Build(flows[0]), 0);
        PcvTrace steady = Trace(Flap(flows, failing: -1)), flapped = Trace(Flap(flows, failing: (backend + 1) % 16));

        Assert.Equal(0, steady[2, ConnectionMisses]);
        Assert.Equal(1, flapped[2, ConnectionMisses]);
        Assert.Equal(0, flapped[2, LookupMisses]); // its backend is still up: the flow stays tracked
    }

    [Fact]
    public void After_a_rebuild_no_connection_slot_is_served_by_L2_even_one_the_lookup_tables_lines_leave_room_for()
    {
        // An L2 of 1 MiB: the rebuild's sweep of the 256 KiB lookup table alone would leave the flow's slot in it.
        var roomyL2 = new MachineCaches(4 << 10, 8, 1 << 20, 16, "test: 4 KiB L1, 1 MiB L2");
        FlowKey[] flows = Flows(2);
        int backend = LoadBalancerScenario.NewBalancer().SelectBackend(Frames.Build(flows[0]), 0);
        PcvTrace steady = Trace(Flap(flows, failing: -1), roomyL2), flapped = Trace(Flap(flows, failing: (backend + 1) % 16), roomyL2);

        Assert.Equal((0, 0), (steady[2, ConnectionMisses], steady[2, ConnectionMissesFromL2]));
        // The thread was away for the rebuild: the slot missed every level (priced at the table's size), not an L2 hit.
        Assert.Equal((1, 0), (flapped[2, ConnectionMisses], flapped[2, ConnectionMissesFromL2]));
        Assert.Equal((0, 0), (flapped[2, LookupMisses], flapped[2, LookupMissesFromL2])); // the rebuild left the lookup table cached
    }

    [Fact]
    public void After_a_rebuild_the_slot_comes_from_memory_the_simulated_L3_emptied_with_the_rest()
    {
        // An L3 of 4 MiB holds the whole 2.5 MiB connection table: without the flap the slot never leaves the caches.
        var withL3 = new MachineCaches(4 << 10, 8, 16 << 10, 8, "test: 4 KiB L1, 16 KiB L2, 4 MiB L3", L3Bytes: 4 << 20);
        FlowKey[] flows = Flows(2);
        int backend = LoadBalancerScenario.NewBalancer().SelectBackend(Frames.Build(flows[0]), 0);
        PcvTrace steady = Trace(Flap(flows, failing: -1), withL3), flapped = Trace(Flap(flows, failing: (backend + 1) % 16), withL3);

        Assert.Equal((0, 0), (steady[2, ConnectionMisses], steady[2, ConnectionMissesFromMemory]));
        // The control event emptied every level, the L3 too: the slot missed L2 and memory served it.
        Assert.Equal((1, 0, 1), (flapped[2, ConnectionMisses], flapped[2, ConnectionMissesFromL2], flapped[2, ConnectionMissesFromMemory]));
        // Without an L3 simulated, the same miss is not told apart: FromMemory stays 0, the first count as before.
        PcvTrace noL3 = Trace(Flap(flows, failing: (backend + 1) % 16), Small);
        Assert.Equal((1, 0), (noL3[2, ConnectionMisses], noL3[2, ConnectionMissesFromMemory]));
    }

    // Flows 0, 1, 0 (the second flow between, so that the slot is not reloaded by the same site straight away:
    // the simulated prefetcher would cover it), and before the second 0 backend `failing` fails (none when -1).
    private static WorkloadBuilder Flap(FlowKey[] flows, int failing)
    {
        var builder = new WorkloadBuilder();
        builder.Add(flows[0], time: 0);
        builder.Add(flows[1], time: 1);
        builder.EndSetup();
        builder.Add(flows[0], time: 2);
        builder.Add(flows[1], time: 3);
        if (failing >= 0)
        {
            builder.AddEventBeforeNext(new ControlEvent(failing, false));
        }

        builder.Add(flows[0], time: 4);
        return builder;
    }

    private static FlowKey[] Flows(int count)
    {
        var random = new SplitMix64(11);
        var flows = new FlowKey[count];
        for (int i = 0; i < count; i++)
        {
            flows[i] = FlowFactory.Random(ref random, 0x0A000000, Wire.ProtocolTcp, destinationPort: 443);
        }

        return flows;
    }

    // Every flow opened during setup (tracked, its loads replayed through the simulated caches as the setup ran them), then the packets.
    private static PcvTrace Trace(FlowKey[] opened, params FlowKey[] packets) =>
        Trace(CraftedTraffic.OpenThenSend(opened, packets));

    private static PcvTrace Trace(WorkloadBuilder builder, MachineCaches? caches = null)
    {
        LoadBalancerScenario scenario = LoadBalancerScenario.Of(builder.Build("crafted", "test traffic"));
        scenario.Caches = caches ?? Small;
        return scenario.TracePcvs();
    }
}
