using System;
using System.Buffers.Binary;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>Frame helpers for the tests: build frames and compute real transport checksums.</summary>
internal static class Frames
{
    public const ulong MacA = 0x02_00_00_00_00_0A, MacB = 0x02_00_00_00_00_0B;

    public static byte[] Build(in FlowKey flow, byte tcpFlags = 0, int length = 64, ulong destinationMac = MacB, ulong sourceMac = MacA, byte ttl = 64)
    {
        var frame = new byte[length];
        PacketWriter.Write(frame, destinationMac, sourceMac, in flow, tcpFlags, ttl);
        return frame;
    }

    /// <summary>A frame whose TCP or UDP checksum is correct (the writer leaves it zero).</summary>
    public static byte[] BuildWithChecksum(in FlowKey flow, int length = 64)
    {
        byte[] frame = Build(in flow, Wire.TcpAck, length);
        int offset = flow.Protocol == Wire.ProtocolTcp ? Wire.TcpChecksumOffset : Wire.UdpChecksumOffset;
        Span<byte> transport = frame.AsSpan(Wire.Ipv4Offset + Wire.Ipv4MinHeaderLength);
        BinaryPrimitives.WriteUInt16BigEndian(transport.Slice(offset), TransportChecksum(frame));
        return frame;
    }

    /// <summary>The RFC 793/768 checksum over the pseudo-header and segment, with the checksum field as it is (0 when the frame verifies).</summary>
    public static ushort TransportChecksum(ReadOnlySpan<byte> frame)
    {
        ReadOnlySpan<byte> ip = frame.Slice(Wire.Ipv4Offset, Wire.Ipv4MinHeaderLength);
        ReadOnlySpan<byte> segment = frame.Slice(Wire.Ipv4Offset + Wire.Ipv4MinHeaderLength);
        var buffer = new byte[12 + segment.Length];
        ip.Slice(Wire.Ipv4SourceOffset, 8).CopyTo(buffer);
        buffer[9] = ip[Wire.Ipv4ProtocolOffset];
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(10), (ushort)segment.Length);
        segment.CopyTo(buffer.AsSpan(12));
        return Checksum.Compute(buffer);
    }

    public static bool Ipv4HeaderChecksumValid(ReadOnlySpan<byte> frame) =>
        Checksum.Compute(frame.Slice(Wire.Ipv4Offset, Wire.Ipv4MinHeaderLength)) == 0;

    public static PacketHeaders Parse(ReadOnlySpan<byte> frame) =>
        PacketParser.TryParse(frame, out PacketHeaders headers) ? headers : throw new Xunit.Sdk.XunitException("The frame does not parse.");
}
