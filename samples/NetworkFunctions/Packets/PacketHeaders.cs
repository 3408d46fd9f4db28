namespace Pix.Samples.NetworkFunctions.Packets;

/// <summary>
/// The header fields the network functions read, parsed once from an Ethernet/IPv4/UDP-or-TCP frame
/// by <see cref="PacketParser"/>. A value type: parsing allocates nothing.
/// </summary>
public readonly record struct PacketHeaders(
    ulong DestinationMac,
    ulong SourceMac,
    ushort EtherType,
    uint SourceIp,
    uint DestinationIp,
    byte Protocol,
    byte TimeToLive,
    ushort SourcePort,
    ushort DestinationPort,
    byte TcpFlags,
    int TransportOffset)
{
    /// <summary>The flow this packet belongs to, as seen in this direction.</summary>
    public FlowKey Flow => new(SourceIp, DestinationIp, SourcePort, DestinationPort, Protocol);
}
