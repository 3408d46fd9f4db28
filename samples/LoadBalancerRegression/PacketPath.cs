using System;
using Pix;

namespace LoadBalancerRegression;

/// <summary>The per-packet fast path: pick a backend by hashing the flow, so a flow always reaches the same backend.</summary>
public static partial class PacketPath
{
    /// <summary>Offset of the 5-tuple (addresses, ports, protocol) in the outer IPv4/TCP header.</summary>
    private const int FlowOffset = 12;

    /// <summary>Bytes of the 5-tuple hashed for a plain packet.</summary>
    private const int FlowBytes = 13;

    /// <summary>Offset of the inner IPv4 header of an encapsulated (IP-in-IP, GRE) packet.</summary>
    private const int InnerOffset = 40;

    /// <summary>Length of the inner IPv4 header (no options).</summary>
    private const int InnerBytes = 20;

    /// <summary>The IPv4 header that carries a packet to its backend (IP-in-IP), before the backend's address is filled in.</summary>
    private static readonly byte[] OuterTemplate =
    {
        0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, 4, 0, 0, 10, 0, 0, 1, 10, 1, 0, 0,
    };

    /// <summary>
    /// The backend of <paramref name="packet"/> among <paramref name="backends"/>, or -1 to drop it;
    /// writes the IP-in-IP header that carries the packet there into <paramref name="outer"/> (20 bytes).
    /// Packets that arrive encapsulated are hashed on their inner header too, so that tunnels spread over backends.
    /// </summary>
    /// <remarks>
    /// The budget is the fast path's share of the per-packet time at line rate (PIX0205 reports any class
    /// of packets the interface predicts above it); nothing here grows with an input, so no bounds are needed.
    /// </remarks>
    [PerformanceInterface(Budget = "68ns")]
    public static int Forward(ReadOnlySpan<byte> packet, bool encapsulated, int backends, Span<byte> outer)
    {
        uint hash = 2166136261;
        for (int i = FlowOffset; i < FlowOffset + FlowBytes; i++)
        {
            hash = (hash ^ packet[i]) * 16777619;
        }

        if (encapsulated)
        {
#if PIX_LB_V2
            // v2: drop tunnelled packets whose inner header checksum is wrong (RFC 1071, summed in
            // 32-bit words and folded, which RFC 1071 section 2 allows) before trusting their addresses.
            ulong sum = 0;
            for (int i = InnerOffset; i < InnerOffset + InnerBytes; i += 4)
            {
                sum += (uint)((packet[i] << 24) | (packet[i + 1] << 16) | (packet[i + 2] << 8) | packet[i + 3]);
            }

            sum = (sum & 0xFFFF) + ((sum >> 16) & 0xFFFF) + (sum >> 32);
            sum = (sum & 0xFFFF) + (sum >> 16);
            if (sum != 0xFFFF)
            {
                return -1;
            }
#endif
            for (int i = InnerOffset; i < InnerOffset + InnerBytes; i++)
            {
                hash = (hash ^ packet[i]) * 16777619;
            }
        }

        int backend = (int)(hash % (uint)backends);
        for (int i = 0; i < InnerBytes; i++)
        {
            outer[i] = OuterTemplate[i];
        }

        outer[18] = (byte)(backend >> 8);
        outer[19] = (byte)backend;
        return backend;
    }
}
