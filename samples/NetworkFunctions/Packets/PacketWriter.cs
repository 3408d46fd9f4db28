using System;
using System.Buffers.Binary;

namespace Pix.Samples.NetworkFunctions.Packets;

/// <summary>Writes well-formed Ethernet/IPv4/UDP-or-TCP frames (valid IPv4 header checksum) for the traffic generators and tests.</summary>
public static class PacketWriter
{
    /// <summary>The smallest frame the writer produces: Ethernet + IPv4 + TCP headers.</summary>
    public const int MinimumFrameLength = Wire.EthernetHeaderLength + Wire.Ipv4MinHeaderLength + Wire.TcpMinHeaderLength;

    /// <summary>
    /// Writes a frame of <paramref name="frame"/>.Length bytes (at least <see cref="MinimumFrameLength"/>):
    /// headers for <paramref name="flow"/>, zero payload. Returns the frame length.
    /// </summary>
    public static int Write(Span<byte> frame, ulong destinationMac, ulong sourceMac, in FlowKey flow, byte tcpFlags = 0, byte timeToLive = 64)
    {
        if (frame.Length < MinimumFrameLength)
        {
            throw new ArgumentException($"A frame needs at least {MinimumFrameLength} bytes; got {frame.Length}.", nameof(frame));
        }

        if (flow.Protocol != Wire.ProtocolTcp && flow.Protocol != Wire.ProtocolUdp)
        {
            throw new ArgumentException($"Only TCP and UDP flows can be written; protocol was {flow.Protocol}.", nameof(flow));
        }

        frame.Clear();
        WriteMac(frame, destinationMac);
        WriteMac(frame.Slice(6), sourceMac);
        BinaryPrimitives.WriteUInt16BigEndian(frame.Slice(Wire.EtherTypeOffset), Wire.EtherTypeIpv4);

        Span<byte> ip = frame.Slice(Wire.Ipv4Offset, Wire.Ipv4MinHeaderLength);
        ip[0] = 0x45; // version 4, header length 5 words
        BinaryPrimitives.WriteUInt16BigEndian(ip.Slice(2), (ushort)(frame.Length - Wire.EthernetHeaderLength));
        ip[Wire.Ipv4TtlOffset] = timeToLive;
        ip[Wire.Ipv4ProtocolOffset] = flow.Protocol;
        BinaryPrimitives.WriteUInt32BigEndian(ip.Slice(Wire.Ipv4SourceOffset), flow.SourceIp);
        BinaryPrimitives.WriteUInt32BigEndian(ip.Slice(Wire.Ipv4DestinationOffset), flow.DestinationIp);
        BinaryPrimitives.WriteUInt16BigEndian(ip.Slice(Wire.Ipv4ChecksumOffset), Checksum.Compute(ip));

        Span<byte> transport = frame.Slice(Wire.Ipv4Offset + Wire.Ipv4MinHeaderLength);
        BinaryPrimitives.WriteUInt16BigEndian(transport, flow.SourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(transport.Slice(Wire.DestinationPortOffset), flow.DestinationPort);
        if (flow.Protocol == Wire.ProtocolTcp)
        {
            transport[12] = 0x50; // data offset 5 words
            transport[Wire.TcpFlagsOffset] = tcpFlags;
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(transport.Slice(4), (ushort)(frame.Length - Wire.EthernetHeaderLength - Wire.Ipv4MinHeaderLength));
        }

        return frame.Length;
    }

    /// <summary>Writes a 48-bit MAC address.</summary>
    public static void WriteMac(Span<byte> destination, ulong mac)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)(mac >> 16));
        BinaryPrimitives.WriteUInt16BigEndian(destination.Slice(4), (ushort)mac);
    }
}
