using System;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.NetworkFunctions.Router;

/// <summary>The PCV values one packet induced in the router.</summary>
/// <param name="TrieDepth">Trie nodes visited (0 when the packet was dropped before the lookup).</param>
public readonly record struct RouterPcvs(int TrieDepth);

/// <summary>An IPv4 router's forwarding decision: drop expiring packets, else the longest-prefix match of the destination.</summary>
public sealed partial class LpmRouter
{
    /// <summary>Returned for packets that are not IPv4 UDP/TCP or whose TTL would expire.</summary>
    public const int Drop = -2;

    /// <summary>
    /// The trie's size the interface prices cold loads at: 176,128 nodes of <see cref="PrefixTrie.NodeBytes"/> (2064 KiB),
    /// what 20,000 Internet-like routes take (mostly /24s, whose walks part after the top ~15 levels: 176,072 nodes in the
    /// typical workload, rounded up to whole KiB). A <c>PixHint.ColdLoads</c> footprint is a compile-time constant, so a
    /// router whose table is much larger or smaller than this is priced as if its trie had this size.
    /// </summary>
    public const int ProvisionedTrieNodes = 176_128;

    private readonly PrefixTrie _routes;

    /// <summary>Creates a router with room for <paramref name="maxTrieNodes"/> trie nodes and no routes.</summary>
    public LpmRouter(int maxTrieNodes) => _routes = new PrefixTrie(maxTrieNodes);

    /// <summary>The routing table.</summary>
    public PrefixTrie Routes => _routes;

    /// <summary>The PCV values the last packet induced.</summary>
    public RouterPcvs LastPacket { get; private set; }

    /// <summary>Returns the next hop of <paramref name="packet"/>, <see cref="PrefixTrie.NoRoute"/> or <see cref="Drop"/>.</summary>
    [PerformanceInterface, System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public int Route(ReadOnlySpan<byte> packet)
    {
        PixHint.ColdLoads("trieMisses", ProvisionedTrieNodes * PrefixTrie.NodeBytes, "trie nodes this packet's walk from the root loads that are not in the caches");
        if (!PacketParser.TryParse(packet, out PacketHeaders headers) || headers.TimeToLive <= 1)
        {
            LastPacket = default;
            return Drop;
        }

        int nextHop = _routes.Lookup(headers.DestinationIp, out int visited);
        LastPacket = new RouterPcvs(visited);
        return nextHop;
    }
}
