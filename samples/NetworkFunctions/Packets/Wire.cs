namespace Pix.Samples.NetworkFunctions.Packets;

/// <summary>Offsets and constants of the wire formats (Ethernet II, IPv4 without options handled by IHL, UDP, TCP).</summary>
public static class Wire
{
    /// <summary>Length of an Ethernet II header.</summary>
    public const int EthernetHeaderLength = 14;
    /// <summary>Offset of the EtherType in an Ethernet frame.</summary>
    public const int EtherTypeOffset = 12;
    /// <summary>EtherType of IPv4.</summary>
    public const ushort EtherTypeIpv4 = 0x0800;
    /// <summary>Length of an IPv4 header without options.</summary>
    public const int Ipv4MinHeaderLength = 20;
    /// <summary>Offset of the IPv4 header in a frame.</summary>
    public const int Ipv4Offset = EthernetHeaderLength;
    /// <summary>IPv4 field offsets relative to the IPv4 header.</summary>
    public const int Ipv4TtlOffset = 8, Ipv4ProtocolOffset = 9, Ipv4ChecksumOffset = 10, Ipv4SourceOffset = 12, Ipv4DestinationOffset = 16;
    /// <summary>IP protocol numbers.</summary>
    public const byte ProtocolTcp = 6, ProtocolUdp = 17;
    /// <summary>Offsets relative to the transport header.</summary>
    public const int SourcePortOffset = 0, DestinationPortOffset = 2, TcpFlagsOffset = 13, TcpChecksumOffset = 16, UdpChecksumOffset = 6;
    /// <summary>Minimum transport header length we need to read (TCP: up to the checksum).</summary>
    public const int TcpMinHeaderLength = 20, UdpHeaderLength = 8;
    /// <summary>TCP flag bits.</summary>
    public const byte TcpFin = 0x01, TcpSyn = 0x02, TcpRst = 0x04, TcpAck = 0x10;
}
