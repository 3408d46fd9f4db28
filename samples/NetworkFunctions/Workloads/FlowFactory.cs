using System;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>Makes flows: random ones, and ones crafted so that their hashes collide (what a hash-flooding attacker does).</summary>
public static class FlowFactory
{
    /// <summary>A random UDP or TCP flow from <paramref name="sourceNetwork"/>/16 to a random public address.</summary>
    public static FlowKey Random(ref SplitMix64 random, uint sourceNetwork, byte protocol = Wire.ProtocolUdp, ushort? destinationPort = null)
    {
        ulong bits = random.Next();
        return new FlowKey(
            SourceIp: (sourceNetwork & 0xFFFF0000u) | (uint)(bits & 0xFFFF),
            DestinationIp: 0x0B000000u | (uint)((bits >> 16) & 0x00FFFFFF),
            SourcePort: (ushort)(1024 + ((bits >> 40) % 60000)),
            DestinationPort: destinationPort ?? (ushort)(1 + ((bits >> 56) * 197 % 1000)),
            Protocol: protocol);
    }

    /// <summary>
    /// Fills <paramref name="flows"/> with distinct random flows whose <paramref name="bucketOf"/>(hash) is
    /// <paramref name="bucket"/>, by trying random flows (about bucketCount tries per flow found).
    /// </summary>
    public static void Colliding(ref SplitMix64 random, Span<FlowKey> flows, Func<FlowKey, int> bucketOf, int bucket,
        uint sourceNetwork, byte protocol = Wire.ProtocolUdp, ushort? destinationPort = null)
    {
        int found = 0;
        while (found < flows.Length)
        {
            FlowKey candidate = Random(ref random, sourceNetwork, protocol, destinationPort);
            if (bucketOf(candidate) == bucket && !flows.Slice(0, found).Contains(candidate))
            {
                flows[found++] = candidate;
            }
        }
    }
}
