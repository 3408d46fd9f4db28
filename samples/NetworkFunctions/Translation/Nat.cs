using System;
using System.Buffers.Binary;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.NetworkFunctions.Translation;

/// <summary>
/// A port-address-translating NAT (RFC 3022 NAPT) with endpoint-dependent filtering: internal flows
/// get an external port; external packets are let in only to a live flow's port and from that
/// flow's remote end. Flows expire after <see cref="NatConfig.FlowTimeout"/> of silence.
/// </summary>
public sealed partial class Nat
{
    /// <summary>The interface number of the internal (private) side; any other is external.</summary>
    public const int InternalPort = 0;

    /// <summary>
    /// The flow table's size the interface prices L1 misses at (32,768 flows, 1.75 MiB): a
    /// <c>PixHint.ColdLoads</c> footprint is a compile-time constant, so a NAT configured much larger or
    /// smaller than this is priced as if it had this many flows.
    /// </summary>
    public const int ProvisionedFlows = 32_768;

    private readonly NatFlowTable _flows;
    private readonly uint _externalIp;
    private readonly ushort _firstExternalPort;
    private readonly long _flowTimeout;

    /// <summary>Creates a NAT with an empty flow table.</summary>
    public Nat(NatConfig config)
    {
        if (config.FirstExternalPort + config.Capacity > ushort.MaxValue + 1)
        {
            throw new ArgumentException($"Ports {config.FirstExternalPort}..{config.FirstExternalPort + config.Capacity - 1} do not fit in 16 bits.", nameof(config));
        }

        _flows = new NatFlowTable(config.Capacity, config.BucketCount);
        _externalIp = config.ExternalIp;
        _firstExternalPort = config.FirstExternalPort;
        _flowTimeout = config.FlowTimeout;
    }

    /// <summary>The flow table (read-only use: workloads and tests inspect it).</summary>
    public NatFlowTable Flows => _flows;

    /// <summary>The PCV values the last packet induced.</summary>
    public NatPcvs LastPacket { get; private set; }

    /// <summary>
    /// Handles one packet that arrived at <paramref name="inPort"/> at time <paramref name="now"/>:
    /// expires idle flows, then translates the packet into <paramref name="output"/> (same length).
    /// </summary>
    [PerformanceInterface, System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public NatVerdict Process(ReadOnlySpan<byte> packet, Span<byte> output, int inPort, long now)
    {
        PixHint.ColdLoads("flowTableMisses", ProvisionedFlows * NatFlowTable.EntryBytes, "flow-table entries this packet loads that are not in L1 (expiry, lookup walk, new or replied-to entry)");
        int expired = _flows.ExpireSeenBefore(now - _flowTimeout);
        if (!PacketParser.TryParse(packet, out PacketHeaders headers) || output.Length < packet.Length)
        {
            LastPacket = new NatPcvs(expired, 0, false);
            return NatVerdict.DroppedMalformed;
        }

        NatVerdict verdict = inPort == InternalPort
            ? TranslateOutbound(packet, output, in headers, now, out int chainLength, out bool transportChecksumUpdated)
            : TranslateInbound(packet, output, in headers, now, out chainLength, out transportChecksumUpdated);
        LastPacket = new NatPcvs(expired, chainLength, transportChecksumUpdated);
        return verdict;
    }

    private NatVerdict TranslateOutbound(ReadOnlySpan<byte> packet, Span<byte> output, in PacketHeaders headers, long now, out int chainLength, out bool transportChecksumUpdated)
    {
        transportChecksumUpdated = false;
        FlowKey flow = headers.Flow;
        uint hash = flow.Hash();
        int index = _flows.Find(in flow, hash, out chainLength);
        if (index < 0)
        {
            index = _flows.Add(in flow, hash, now);
            if (index < 0)
            {
                return NatVerdict.DroppedTableFull;
            }
        }
        else
        {
            _flows.Touch(index, now);
        }

        packet.CopyTo(output);
        transportChecksumUpdated = Rewrite(output, headers.TransportOffset, headers.Protocol, Wire.Ipv4SourceOffset, Wire.SourcePortOffset,
            headers.SourceIp, _externalIp, headers.SourcePort, (ushort)(_firstExternalPort + index));
        return NatVerdict.Translated;
    }

    private NatVerdict TranslateInbound(ReadOnlySpan<byte> packet, Span<byte> output, in PacketHeaders headers, long now, out int chainLength, out bool transportChecksumUpdated)
    {
        // External packets index the table by port: no chain to walk.
        chainLength = 0;
        transportChecksumUpdated = false;
        int index = headers.DestinationPort - _firstExternalPort;
        if (headers.DestinationIp != _externalIp || (uint)index >= (uint)_flows.Capacity || !_flows.IsInUse(index))
        {
            return NatVerdict.DroppedNoFlow;
        }

        FlowKey flow = _flows.KeyAt(index);
        if (flow.DestinationIp != headers.SourceIp || flow.DestinationPort != headers.SourcePort || flow.Protocol != headers.Protocol)
        {
            return NatVerdict.DroppedNoFlow;
        }

        _flows.Touch(index, now);
        packet.CopyTo(output);
        transportChecksumUpdated = Rewrite(output, headers.TransportOffset, headers.Protocol, Wire.Ipv4DestinationOffset, Wire.DestinationPortOffset,
            headers.DestinationIp, flow.SourceIp, headers.DestinationPort, flow.SourcePort);
        return NatVerdict.Translated;
    }

    /// <summary>
    /// Rewrites one address and port and patches the IPv4 and transport checksums incrementally; true
    /// when the transport checksum was patched (a UDP datagram without a checksum has none to patch).
    /// </summary>
    private static bool Rewrite(Span<byte> frame, int transportOffset, byte protocol, int addressOffset, int portOffset,
        uint oldAddress, uint newAddress, ushort oldPort, ushort newPort)
    {
        Span<byte> ip = frame.Slice(Wire.Ipv4Offset);
        BinaryPrimitives.WriteUInt32BigEndian(ip.Slice(addressOffset), newAddress);
        Checksum.Update32(ip.Slice(Wire.Ipv4ChecksumOffset), oldAddress, newAddress);

        Span<byte> transport = frame.Slice(transportOffset);
        BinaryPrimitives.WriteUInt16BigEndian(transport.Slice(portOffset), newPort);
        Span<byte> checksum = transport.Slice(protocol == Wire.ProtocolTcp ? Wire.TcpChecksumOffset : Wire.UdpChecksumOffset);
        bool udpWithoutChecksum = protocol == Wire.ProtocolUdp && BinaryPrimitives.ReadUInt16BigEndian(checksum) == 0;
        if (!udpWithoutChecksum)
        {
            PixHint.Pcv("transportChecksumUpdated", "the transport checksum is patched (TCP, or UDP with a checksum)");
            // The transport checksum covers the pseudo-header's addresses as well as the port.
            Checksum.Update32(checksum, oldAddress, newAddress);
            Checksum.Update16(checksum, oldPort, newPort);
        }

        return !udpWithoutChecksum;
    }
}
