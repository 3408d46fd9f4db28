using System;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.Tests.NetworkFunctions;

public class PacketParserTests
{
    private static readonly FlowKey Tcp = new(0x0A000001, 0x0B000002, 40000, 443, Wire.ProtocolTcp);

    [Fact]
    public void Written_frames_parse_back_to_the_same_fields()
    {
        byte[] frame = Frames.Build(Tcp, Wire.TcpSyn, ttl: 17);

        PacketHeaders headers = Frames.Parse(frame);

        Assert.Equal(Tcp, headers.Flow);
        Assert.Equal(Frames.MacB, headers.DestinationMac);
        Assert.Equal(Frames.MacA, headers.SourceMac);
        Assert.Equal(Wire.TcpSyn, headers.TcpFlags);
        Assert.Equal(17, headers.TimeToLive);
        Assert.True(Frames.Ipv4HeaderChecksumValid(frame));
    }

    [Fact]
    public void Truncated_frames_and_other_protocols_are_rejected()
    {
        byte[] frame = Frames.Build(Tcp);
        Assert.False(PacketParser.TryParse(frame.AsSpan(0, 40), out _));

        byte[] arp = (byte[])frame.Clone();
        arp[Wire.EtherTypeOffset + 1] = 0x06; // 0x0806
        Assert.False(PacketParser.TryParse(arp, out _));

        byte[] icmp = (byte[])frame.Clone();
        icmp[Wire.Ipv4Offset + Wire.Ipv4ProtocolOffset] = 1;
        Assert.False(PacketParser.TryParse(icmp, out _));

        byte[] ipv6 = (byte[])frame.Clone();
        ipv6[Wire.Ipv4Offset] = 0x65;
        Assert.False(PacketParser.TryParse(ipv6, out _));
    }

    [Fact]
    public void Canonical_keys_agree_in_both_directions()
    {
        Assert.Equal(Tcp.Canonical(), Tcp.Reverse.Canonical());
        Assert.Equal(Tcp.Canonical().Hash(), Tcp.Reverse.Canonical().Hash());
        Assert.NotEqual(Tcp.Hash(), Tcp.Reverse.Hash());
    }
}
