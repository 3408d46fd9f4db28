using System;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Translation;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

public class NatTests
{
    private const uint External = 0xC6336401;
    private const long Timeout = 1000;
    private static readonly FlowKey Inside = new(0x0A000005, 0x0B000009, 40000, 443, Wire.ProtocolTcp);

    private static Nat NewNat(int capacity = 64, int buckets = 16) => new(new NatConfig(External, 1024, capacity, buckets, Timeout));

    private static (NatVerdict Verdict, byte[] Output) Send(Nat nat, byte[] frame, int inPort, long now)
    {
        var output = new byte[frame.Length];
        return (nat.Process(frame, output, inPort, now), output);
    }

    [Fact]
    public void Outbound_packets_get_the_external_address_and_a_stable_port()
    {
        Nat nat = NewNat();

        (NatVerdict first, byte[] out1) = Send(nat, Frames.BuildWithChecksum(Inside), Nat.InternalPort, 10);
        (NatVerdict second, byte[] out2) = Send(nat, Frames.BuildWithChecksum(Inside), Nat.InternalPort, 20);

        Assert.Equal(NatVerdict.Translated, first);
        Assert.Equal(NatVerdict.Translated, second);
        PacketHeaders h1 = Frames.Parse(out1), h2 = Frames.Parse(out2);
        Assert.Equal(External, h1.SourceIp);
        Assert.Equal(Inside.DestinationIp, h1.DestinationIp);
        Assert.Equal(h1.SourcePort, h2.SourcePort);
        Assert.Equal(1, nat.Flows.Count);
    }

    [Fact]
    public void Translation_keeps_the_IPv4_and_TCP_checksums_valid()
    {
        Nat nat = NewNat();
        byte[] frame = Frames.BuildWithChecksum(Inside);
        Assert.Equal(0, Frames.TransportChecksum(frame));

        (_, byte[] output) = Send(nat, frame, Nat.InternalPort, 10);

        Assert.True(Frames.Ipv4HeaderChecksumValid(output));
        Assert.Equal(0, Frames.TransportChecksum(output));
    }

    [Fact]
    public void The_transport_checksum_PCV_is_1_for_TCP_and_0_for_UDP_without_a_checksum()
    {
        Nat nat = NewNat();
        Send(nat, Frames.BuildWithChecksum(Inside), Nat.InternalPort, 10);
        Assert.True(nat.LastPacket.TransportChecksumUpdated);

        // Frames.Build leaves the UDP checksum 0 ("none"): there is nothing to patch.
        Send(nat, Frames.Build(Inside with { Protocol = Wire.ProtocolUdp }), Nat.InternalPort, 20);
        Assert.False(nat.LastPacket.TransportChecksumUpdated);
    }

    [Fact]
    public void Replies_are_translated_back_to_the_inside_host()
    {
        Nat nat = NewNat();
        (_, byte[] outbound) = Send(nat, Frames.BuildWithChecksum(Inside), Nat.InternalPort, 10);
        ushort externalPort = Frames.Parse(outbound).SourcePort;

        var reply = new FlowKey(Inside.DestinationIp, External, Inside.DestinationPort, externalPort, Wire.ProtocolTcp);
        (NatVerdict verdict, byte[] inbound) = Send(nat, Frames.BuildWithChecksum(reply), 1, 20);

        Assert.Equal(NatVerdict.Translated, verdict);
        Assert.Equal(Inside.Reverse, Frames.Parse(inbound).Flow);
        Assert.Equal(0, Frames.TransportChecksum(inbound));
    }

    [Fact]
    public void Unsolicited_and_misaddressed_inbound_packets_are_dropped()
    {
        Nat nat = NewNat();
        (_, byte[] outbound) = Send(nat, Frames.Build(Inside), Nat.InternalPort, 10);
        ushort port = Frames.Parse(outbound).SourcePort;

        var unknownPort = new FlowKey(Inside.DestinationIp, External, 443, (ushort)(port + 1), Wire.ProtocolTcp);
        var otherRemote = new FlowKey(0x0B0000FF, External, 443, port, Wire.ProtocolTcp);
        var otherAddress = new FlowKey(Inside.DestinationIp, External + 1, 443, port, Wire.ProtocolTcp);

        Assert.Equal(NatVerdict.DroppedNoFlow, Send(nat, Frames.Build(unknownPort), 1, 20).Verdict);
        Assert.Equal(NatVerdict.DroppedNoFlow, Send(nat, Frames.Build(otherRemote), 1, 20).Verdict);
        Assert.Equal(NatVerdict.DroppedNoFlow, Send(nat, Frames.Build(otherAddress), 1, 20).Verdict);
    }

    [Fact]
    public void Idle_flows_expire_and_the_packet_that_expires_them_reports_how_many()
    {
        Nat nat = NewNat();
        for (int i = 0; i < 5; i++)
        {
            Send(nat, Frames.Build(Inside with { SourcePort = (ushort)(50000 + i) }), Nat.InternalPort, now: 100 + i);
        }

        Send(nat, Frames.Build(Inside with { SourcePort = 50002 }), Nat.InternalPort, now: 600); // keeps flow 2 alive
        Assert.Equal(5, nat.Flows.Count);

        Send(nat, Frames.Build(Inside with { SourcePort = 60000 }), Nat.InternalPort, now: 100 + 4 + Timeout + 1);

        Assert.Equal(4, nat.LastPacket.ExpiredFlows);
        Assert.Equal(2, nat.Flows.Count);
    }

    [Fact]
    public void Replies_to_an_expired_flow_are_dropped()
    {
        Nat nat = NewNat();
        (_, byte[] outbound) = Send(nat, Frames.Build(Inside), Nat.InternalPort, 10);
        var reply = new FlowKey(Inside.DestinationIp, External, Inside.DestinationPort, Frames.Parse(outbound).SourcePort, Wire.ProtocolTcp);

        Assert.Equal(NatVerdict.DroppedNoFlow, Send(nat, Frames.Build(reply), 1, 10 + Timeout + 1).Verdict);
        Assert.Equal(1, nat.LastPacket.ExpiredFlows);
    }

    [Fact]
    public void A_full_table_drops_new_flows_but_serves_known_ones()
    {
        Nat nat = NewNat(capacity: 2);
        Assert.Equal(NatVerdict.Translated, Send(nat, Frames.Build(Inside with { SourcePort = 1 }), 0, 1).Verdict);
        Assert.Equal(NatVerdict.Translated, Send(nat, Frames.Build(Inside with { SourcePort = 2 }), 0, 2).Verdict);

        Assert.Equal(NatVerdict.DroppedTableFull, Send(nat, Frames.Build(Inside with { SourcePort = 3 }), 0, 3).Verdict);
        Assert.Equal(NatVerdict.Translated, Send(nat, Frames.Build(Inside with { SourcePort = 1 }), 0, 4).Verdict);
    }

    [Fact]
    public void Malformed_packets_are_dropped()
    {
        Nat nat = NewNat();
        Assert.Equal(NatVerdict.DroppedMalformed, nat.Process(new byte[20], new byte[64], 0, 1));
        Assert.Equal(NatVerdict.DroppedMalformed, nat.Process(Frames.Build(Inside), new byte[10], 0, 1));
    }

    [Fact]
    public void Chain_length_counts_the_entries_compared_in_the_bucket()
    {
        var random = new SplitMix64(1);
        Nat nat = NewNat(capacity: 64, buckets: 16);
        var colliding = new FlowKey[5];
        FlowFactory.Colliding(ref random, colliding, f => nat.Flows.BucketOf(f.Hash()), bucket: 3, 0x0A000000);
        for (int i = 0; i < colliding.Length; i++)
        {
            Send(nat, Frames.Build(colliding[i]), 0, i);
            Assert.Equal(i, nat.LastPacket.ChainLength); // a new flow is compared with every one before it
        }

        // New entries go to the head of the chain: the first flow is now the last of five.
        Send(nat, Frames.Build(colliding[0]), 0, 10);
        Assert.Equal(5, nat.LastPacket.ChainLength);
        Send(nat, Frames.Build(colliding[4]), 0, 11);
        Assert.Equal(1, nat.LastPacket.ChainLength);
    }
}
