using System;
using System.Buffers.Binary;

namespace Pix.Samples.NetworkFunctions.Packets;

/// <summary>Internet checksum helpers (RFC 1071 full sum, RFC 1624 incremental update).</summary>
public static partial class Checksum
{
    /// <summary>Updates the 16-bit checksum at <paramref name="checksumField"/> for a 16-bit field changing from <paramref name="oldValue"/> to <paramref name="newValue"/> (RFC 1624, eqn. 3).</summary>
    /// <remarks>
    /// Annotated so that the NAT's interface composes this one: the NAT reaches it four calls deep,
    /// below the extractor's call depth, where it would otherwise be an opaque call priced by default.
    /// </remarks>
    [PerformanceInterface]
    public static void Update16(Span<byte> checksumField, ushort oldValue, ushort newValue)
    {
        uint sum = (uint)(~BinaryPrimitives.ReadUInt16BigEndian(checksumField) & 0xFFFF) + (uint)(~oldValue & 0xFFFF) + newValue;
        sum = (sum & 0xFFFF) + (sum >> 16);
        sum = (sum & 0xFFFF) + (sum >> 16);
        BinaryPrimitives.WriteUInt16BigEndian(checksumField, (ushort)~sum);
    }

    /// <summary>Updates the checksum for a 32-bit field (an IPv4 address) changing value.</summary>
    public static void Update32(Span<byte> checksumField, uint oldValue, uint newValue)
    {
        Update16(checksumField, (ushort)(oldValue >> 16), (ushort)(newValue >> 16));
        Update16(checksumField, (ushort)oldValue, (ushort)newValue);
    }

    /// <summary>The RFC 1071 checksum of <paramref name="data"/> (used to build and verify headers).</summary>
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data.Slice(i));
        }

        if (i < data.Length)
        {
            sum += (uint)data[i] << 8;
        }

        while ((sum >> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
