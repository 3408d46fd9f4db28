using System;
using Pix.Samples.NetworkFunctions.Bridge;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.Tests.NetworkFunctions;

public class LearningBridgeTests
{
    private const ulong Alice = 0x02_00_00_00_00_A1, Bob = 0x02_00_00_00_00_B0, Broadcast = 0xFF_FF_FF_FF_FF_FF;
    private const long Aging = 1000;
    private static readonly FlowKey Payload = new(1, 2, 3, 4, Wire.ProtocolUdp);

    private static byte[] Frame(ulong from, ulong to) => Frames.Build(Payload, destinationMac: to, sourceMac: from);

    [Fact]
    public void Unknown_destinations_flood_and_learned_ones_are_forwarded()
    {
        var bridge = new LearningBridge(64, 16, Aging);

        Assert.Equal(LearningBridge.Flood, bridge.Forward(Frame(Alice, Bob), inPort: 1, now: 1));
        Assert.Equal(1, bridge.Forward(Frame(Bob, Alice), inPort: 2, now: 2));
        Assert.Equal(2, bridge.Forward(Frame(Alice, Bob), inPort: 1, now: 3));
        Assert.Equal(2, bridge.Table.Count);
    }

    [Fact]
    public void Broadcasts_flood_and_local_traffic_is_filtered()
    {
        var bridge = new LearningBridge(64, 16, Aging);
        bridge.Forward(Frame(Bob, Broadcast), 2, 1);

        Assert.Equal(LearningBridge.Flood, bridge.Forward(Frame(Alice, Broadcast), 1, 2));
        Assert.Equal(LearningBridge.Filter, bridge.Forward(Frame(Alice, Bob), 2, 3));
        Assert.Equal(LearningBridge.Filter, bridge.Forward(new byte[10], 1, 4));
    }

    [Fact]
    public void A_station_that_moves_is_relearned_on_its_new_port()
    {
        var bridge = new LearningBridge(64, 16, Aging);
        bridge.Forward(Frame(Bob, Broadcast), 2, 1);
        bridge.Forward(Frame(Bob, Broadcast), 5, 2);

        Assert.Equal(5, bridge.Forward(Frame(Alice, Bob), 1, 3));
    }

    [Fact]
    public void Addresses_age_out()
    {
        var bridge = new LearningBridge(8, 2, Aging);
        bridge.Forward(Frame(Bob, Broadcast), 2, now: 1);
        Assert.Equal(2, bridge.Forward(Frame(Alice, Bob), 1, now: Aging));

        Assert.Equal(LearningBridge.Flood, bridge.Forward(Frame(Alice, Bob), 1, now: Aging + 1));
        int agedOut = bridge.LastPacket.AgedOut;

        // The sweep visits SweepPerFrame entries per frame: after capacity / SweepPerFrame frames every entry was visited.
        byte[] groupOnly = new byte[14];
        groupOnly.AsSpan().Fill(0xFF); // a group source is never learned, so these frames only sweep
        for (int i = 0; i < 8 / LearningBridge.SweepPerFrame; i++)
        {
            bridge.Forward(groupOnly, 1, now: 10 * Aging);
            agedOut += bridge.LastPacket.AgedOut;
        }

        Assert.Equal(0, bridge.Table.Count);
        Assert.Equal(2, agedOut); // Bob and Alice, each counted by the frame whose sweep removed it (the agedOut PCV)
    }

    [Fact]
    public void Chain_lengths_count_the_entries_compared()
    {
        var bridge = new LearningBridge(64, 2, Aging);
        ulong[] hosts = new ulong[4];
        int found = 0;
        for (ulong n = 1; found < hosts.Length; n++)
        {
            ulong mac = 0x02_00_00_00_00_00 | n;
            if (bridge.Table.BucketOf(mac) == 0)
            {
                hosts[found++] = mac;
            }
        }

        for (int i = 0; i < hosts.Length; i++)
        {
            bridge.Forward(Frame(hosts[i], Broadcast), 1, i);
            Assert.Equal(i, bridge.LastPacket.LearnChainLength);
            Assert.Equal(0, bridge.LastPacket.ForwardChainLength);
        }

        // hosts[0] is now last in the chain, hosts[3] first.
        bridge.Forward(Frame(hosts[3], hosts[0]), 1, 10);
        Assert.Equal(new BridgePcvs(1, 4, 0), bridge.LastPacket);
    }
}
