using System;
using System.Buffers.Binary;

namespace Pix.Samples.NetworkFunctions.Packets;

/// <summary>Parses Ethernet/IPv4/UDP-or-TCP frames without allocating.</summary>
public static class PacketParser
{
    /// <summary>Reads a 48-bit MAC address at the start of <paramref name="bytes"/>.</summary>
    public static ulong ReadMac(ReadOnlySpan<byte> bytes) =>
        ((ulong)BinaryPrimitives.ReadUInt32BigEndian(bytes) << 16) | BinaryPrimitives.ReadUInt16BigEndian(bytes.Slice(4));

    /// <summary>
    /// Parses <paramref name="frame"/>. Returns false for anything that is not a well-formed IPv4
    /// UDP or TCP packet (truncated, other EtherType, IP version not 4, bad header length).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out PacketHeaders headers)
    {
        headers = default;
        if (frame.Length < Wire.EthernetHeaderLength + Wire.Ipv4MinHeaderLength)
        {
            return false;
        }

        ushort etherType = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(Wire.EtherTypeOffset));
        if (etherType != Wire.EtherTypeIpv4)
        {
            return false;
        }

        ReadOnlySpan<byte> ip = frame.Slice(Wire.Ipv4Offset);
        int versionAndLength = ip[0];
        int ipHeaderLength = (versionAndLength & 0x0F) * 4;
        if ((versionAndLength >> 4) != 4 || ipHeaderLength < Wire.Ipv4MinHeaderLength)
        {
            return false;
        }

        byte protocol = ip[Wire.Ipv4ProtocolOffset];
        int transportOffset = Wire.Ipv4Offset + ipHeaderLength;
        int transportNeeded = protocol == Wire.ProtocolTcp ? Wire.TcpMinHeaderLength : Wire.UdpHeaderLength;
        if ((protocol != Wire.ProtocolTcp && protocol != Wire.ProtocolUdp) || frame.Length < transportOffset + transportNeeded)
        {
            return false;
        }

        ReadOnlySpan<byte> transport = frame.Slice(transportOffset);
        headers = new PacketHeaders(
            DestinationMac: ReadMac(frame),
            SourceMac: ReadMac(frame.Slice(6)),
            EtherType: etherType,
            SourceIp: BinaryPrimitives.ReadUInt32BigEndian(ip.Slice(Wire.Ipv4SourceOffset)),
            DestinationIp: BinaryPrimitives.ReadUInt32BigEndian(ip.Slice(Wire.Ipv4DestinationOffset)),
            Protocol: protocol,
            TimeToLive: ip[Wire.Ipv4TtlOffset],
            SourcePort: BinaryPrimitives.ReadUInt16BigEndian(transport),
            DestinationPort: BinaryPrimitives.ReadUInt16BigEndian(transport.Slice(Wire.DestinationPortOffset)),
            TcpFlags: protocol == Wire.ProtocolTcp ? transport[Wire.TcpFlagsOffset] : (byte)0,
            TransportOffset: transportOffset);
        return true;
    }
}
