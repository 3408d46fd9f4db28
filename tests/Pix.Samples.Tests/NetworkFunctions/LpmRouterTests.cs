using System;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Router;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

public class LpmRouterTests
{
    private static byte[] To(uint destination, byte ttl = 64) =>
        Frames.Build(new FlowKey(0x0A000001, destination, 1, 2, Wire.ProtocolUdp), ttl: ttl);

    [Fact]
    public void The_longest_matching_prefix_wins()
    {
        var router = new LpmRouter(1024);
        router.Routes.Add(0x0A000000, 8, 1);   // 10/8
        router.Routes.Add(0x0A010000, 16, 2);  // 10.1/16
        router.Routes.Add(0x0A010200, 24, 3);  // 10.1.2/24
        router.Routes.Add(0x0A010203, 32, 4);  // 10.1.2.3/32

        Assert.Equal(4, router.Route(To(0x0A010203)));
        Assert.Equal(3, router.Route(To(0x0A010204)));
        Assert.Equal(2, router.Route(To(0x0A01FF00)));
        Assert.Equal(1, router.Route(To(0x0AFF0000)));
        Assert.Equal(PrefixTrie.NoRoute, router.Route(To(0x0B000000)));
        router.Routes.Add(0, 0, 9);
        Assert.Equal(9, router.Route(To(0x0B000000)));
    }

    [Fact]
    public void Expiring_and_malformed_packets_are_dropped()
    {
        var router = new LpmRouter(16);
        router.Routes.Add(0, 0, 1);
        Assert.Equal(LpmRouter.Drop, router.Route(To(0x01020304, ttl: 1)));
        Assert.Equal(LpmRouter.Drop, router.Route(new byte[30]));
    }

    [Fact]
    public void Trie_depth_is_one_more_than_the_deepest_node_on_the_path()
    {
        var router = new LpmRouter(1024);
        router.Routes.Add(0x0A010203, 32, 4);
        router.Route(To(0x0A010203));
        Assert.Equal(33, router.LastPacket.TrieDepth);

        router.Route(To(0x0B000000)); // 0x0B and 0x0A share bits 0..6: the root and 7 nodes below it
        Assert.Equal(8, router.LastPacket.TrieDepth);
    }

    [Fact]
    public void Lookups_agree_with_a_linear_scan_on_random_tables()
    {
        var random = new SplitMix64(42);
        var router = new LpmRouter(1 << 16);
        var routes = new (uint Prefix, int Length, int Hop)[500];
        for (int i = 0; i < routes.Length; i++)
        {
            int length = random.Below(33);
            uint mask = length == 0 ? 0 : uint.MaxValue << (32 - length);
            // Few distinct top bits, so that prefixes nest and compete.
            uint prefix = (((uint)random.Next() & 0x0F0F0F0F) | 0x0A000000) & mask;
            routes[i] = (prefix, length, i);
            router.Routes.Add(prefix, length, i);
        }

        for (int n = 0; n < 5000; n++)
        {
            uint address = ((uint)random.Next() & 0x0F0F0F0F) | 0x0A000000;
            int expected = PrefixTrie.NoRoute, bestLength = -1;
            foreach ((uint prefix, int length, int hop) in routes)
            {
                uint mask = length == 0 ? 0 : uint.MaxValue << (32 - length);
                if ((address & mask) == prefix && length >= bestLength)
                {
                    // A later route with the same prefix replaces an earlier one, as Add does.
                    expected = hop;
                    bestLength = length;
                }
            }

            Assert.Equal(expected, router.Route(To(address)));
        }
    }
}
