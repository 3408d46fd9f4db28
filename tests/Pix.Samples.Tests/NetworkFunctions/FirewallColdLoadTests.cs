using System;
using System.Collections.Generic;
using Pix.Samples.NetworkFunctions.Firewall;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>
/// The firewall's cold-load PCVs, traced on small crafted traffic and worked out by hand: the connection-table
/// entries a packet's walk loads (and a new connection's free entry), and its bucket head.
/// </summary>
public class FirewallColdLoadTests
{
    // Small simulated caches (L1 64 lines; 128 lines of L2 simulated): nothing here outgrows them.
    private static readonly MachineCaches Small = new(4 << 10, 8, 16 << 10, 8, "test: 4 KiB L1, 16 KiB L2");

    private const int ConnectionMisses = 0, BucketMisses = 1, ChainLength = 2;

    // Ten connections between two crafted ones: their entries (40 bytes, allocated in order) lie ≥ 6 lines apart,
    // so the simulated stride prefetcher covers none of them.
    private const int Spacing = 10;

    [Fact]
    public void A_connection_loads_its_entry_and_its_bucket_head_once_then_finds_them_cached()
    {
        FlowKey[] fillers = Random(2 * Spacing);
        FlowKey x = fillers[0], y = fillers[Spacing];
        Assert.True(Math.Abs(Bucket(x) - Bucket(y)) > 2 * 16, "the two bucket heads must lie lines apart");

        PcvTrace trace = Trace(fillers, x, y, x);

        // x: its bucket head and its entry (entry 0), neither loaded since the setup's evicting connections.
        Assert.Equal((1, 1, 1), Row(trace, 0));
        // y: entry 10, six lines from entry 0, and its own bucket head.
        Assert.Equal((1, 1, 1), Row(trace, 1));
        // x again: both still in L1.
        Assert.Equal((0, 0, 1), Row(trace, 2));
    }

    [Fact]
    public void A_walk_loads_every_entry_it_passes_and_a_new_connection_its_free_entry()
    {
        FlowKey[] colliding = Colliding(4);
        FlowKey[] fillers = Random(3 * Spacing);
        var setUp = new List<FlowKey>();
        for (int i = 0; i < 3; i++)
        {
            setUp.Add(colliding[i]);                                     // entries 0, 11, 22
            setUp.AddRange(fillers.AsSpan(i * Spacing, Spacing).ToArray()); // the free head is then entry 33
        }

        PcvTrace trace = Trace(setUp.ToArray(), colliding[0], colliding[0], colliding[3]);

        // The first crafted connection is last in its chain: the walk passes entries 22, 11 and 0, lines apart, all cold.
        Assert.Equal((3, 1, 3), Row(trace, 0));
        // Again: the same lines, now in L1.
        Assert.Equal((0, 0, 3), Row(trace, 1));
        // A new connection in the same bucket walks the three cached entries, then takes the next free entry, never loaded
        // but next to the setup's last new one (the pool hands entries out in order): the simulated stride prefetcher covers it.
        Assert.Equal((0, 0, 3), Row(trace, 2));
    }

    private static (int Connection, int Bucket, int Chain) Row(PcvTrace trace, int packet) =>
        (trace[packet, ConnectionMisses], trace[packet, BucketMisses], trace[packet, ChainLength]);

    // The firewall's buckets (its connection table's count), without building a firewall per flow tried.
    private static readonly ConnectionTracker Buckets = new(1, StatefulFirewall.ProvisionedBuckets, 1, 1);

    private static int Bucket(in FlowKey flow) => Buckets.BucketOf(flow.Canonical().Hash());

    // DNS flows from the inside network: the firewall's second rule allows them, so each opens a connection.
    private static FlowKey[] Random(int count)
    {
        var random = new SplitMix64(7);
        var flows = new FlowKey[count];
        for (int i = 0; i < count; i++)
        {
            flows[i] = FlowFactory.Random(ref random, 0x0A000000, Wire.ProtocolUdp, destinationPort: 53);
        }

        return flows;
    }

    // 512 connections opened after the crafted ones: their bucket heads and entries (over 700 lines) outgrow the 320 lines of
    // L1 and L2 simulated, and leave the crafted ones' lines the least recently used.
    private static readonly FlowKey[] Evicting = RandomFrom(new SplitMix64(99), 512);

    private static FlowKey[] RandomFrom(SplitMix64 random, int count)
    {
        var flows = new FlowKey[count];
        for (int i = 0; i < count; i++)
        {
            flows[i] = FlowFactory.Random(ref random, 0x0A000000, Wire.ProtocolUdp, destinationPort: 53);
        }

        return flows;
    }

    private static FlowKey[] Colliding(int count)
    {
        var random = new SplitMix64(3);
        var flows = new FlowKey[count];
        FlowFactory.Colliding(ref random, flows, flow => Bucket(flow), bucket: 5, 0x0A000000, Wire.ProtocolUdp, 53);
        return flows;
    }

    // Every connection opened during setup, then Evicting more (the setup's loads go through the simulated caches: these
    // push the crafted ones' lines out of L1 and the simulated L2, as a long setup does), then the packets.
    private static PcvTrace Trace(FlowKey[] opened, params FlowKey[] packets)
    {
        FlowKey[] setUp = [.. opened, .. Evicting];
        FirewallScenario scenario = FirewallScenario.Of(CraftedTraffic.OpenThenSend(setUp, packets).Build("crafted", "test traffic"));
        scenario.Caches = Small;
        return scenario.TracePcvs();
    }
}
