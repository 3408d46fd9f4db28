using System;

namespace Pix.Samples.NetworkFunctions.Packets;

/// <summary>A transport 5-tuple. Hashing is fixed and public (no per-process seed) so runs are reproducible.</summary>
public readonly record struct FlowKey(uint SourceIp, uint DestinationIp, ushort SourcePort, ushort DestinationPort, byte Protocol)
{
    /// <summary>The same flow seen from the other end.</summary>
    public FlowKey Reverse => new(DestinationIp, SourceIp, DestinationPort, SourcePort, Protocol);

    /// <summary>
    /// A 32-bit hash of the tuple: two multiplicative mixes and a final xor-shift. Deliberately not
    /// <see cref="HashCode"/>, whose per-process seed would make collision workloads irreproducible;
    /// this is also what makes hash-flooding attacks on the tables possible (see the workloads).
    /// </summary>
    public uint Hash()
    {
        ulong addresses = ((ulong)SourceIp << 32) | DestinationIp;
        ulong ports = ((ulong)SourcePort << 24) | ((ulong)DestinationPort << 8) | Protocol;
        ulong h = (addresses * 0x9E3779B97F4A7C15UL) ^ (ports * 0xC2B2AE3D27D4EB4FUL);
        h ^= h >> 29;
        return (uint)h ^ (uint)(h >> 32);
    }

    /// <summary>
    /// The key in a direction-independent form (the lower endpoint first), so that both directions
    /// of a connection find the same entry.
    /// </summary>
    public FlowKey Canonical()
    {
        bool swap = SourceIp > DestinationIp || (SourceIp == DestinationIp && SourcePort > DestinationPort);
        return swap ? Reverse : this;
    }
}
