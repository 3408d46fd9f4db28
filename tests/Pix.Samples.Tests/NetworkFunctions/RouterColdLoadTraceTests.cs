using System.Collections.Generic;
using System.Linq;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Router;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>
/// The router's <c>trieMisses</c> trace: its walk's nodes replayed through the simulated caches in the order
/// <see cref="PrefixTrie.Lookup"/> loads them (what it traces on the workloads: WorkloadTests).
/// </summary>
public class RouterColdLoadTraceTests
{
    // 16,384 random hosts: their paths part after ~14 levels, so each walk has ~19 nodes of its own, and the trie's
    // ~300,000 nodes (3.5 MiB) are far larger than the simulated L1 and half-L2 (48 KiB, 1 MiB).
    private const int Hosts = 16_384;

    [Fact]
    public void The_same_destination_twice_in_a_row_loads_no_cold_node_the_second_time()
    {
        uint[] hosts = RandomHosts();
        PcvTrace trace = Trace(hosts, hosts[0], hosts[0]);

        Assert.True(trace[0, 0] > 0, "the first walk starts from empty caches");
        Assert.Equal(0, trace[1, 0]);
        Assert.Equal(33, trace[1, 1]);
    }

    [Fact]
    public void After_unrelated_traffic_the_nodes_of_the_destination_s_own_path_are_cold()
    {
        uint[] hosts = RandomHosts();
        // Host 0, then almost every other host once (far more lines than both simulated levels hold), then host 0 again.
        // Left out: the first and last hosts of each length's round, whose nodes can share a line with host 0's (the round's
        // first): the ones added right after it, and the last ones of the round before (at the level where paths part,
        // only some hosts add a node, so those can be a few dozen places from the end).
        uint[] unrelated = hosts.Skip(64).Take(Hosts - 128).ToArray();
        PcvTrace trace = Trace(hosts, unrelated.Prepend(hosts[0]).Append(hosts[0]).ToArray());

        // Every node of host 0's own but the first, whose line it shares with nodes other walks still pass through (at the
        // level where paths part, a prefix is still shared by about two hosts).
        int ownLevels = 33 - SharedLevels(hosts);
        Assert.InRange(ownLevels, 15, 25);
        Assert.InRange(trace[trace.PacketCount - 1, 0], ownLevels - 1, 33);
    }

    // The routes are added one length at a time over all hosts (every /1, then every /2, …): consecutive nodes of one
    // path are then Hosts nodes apart in the pool, never neighbours the simulated stride prefetcher would bring in.
    private static PcvTrace Trace(uint[] hosts, params uint[] destinations)
    {
        var builder = new WorkloadBuilder();
        for (int i = 0; i < destinations.Length; i++)
        {
            builder.Add(new FlowKey(0x0A000001, destinations[i], 1234, 80, Wire.ProtocolUdp), time: i);
        }

        var scenario = RouterScenario.Over(builder.Build("test", "test traffic"), trie =>
        {
            for (int length = 1; length <= 32; length++)
            {
                foreach (uint host in hosts)
                {
                    trie.Add(host & (uint.MaxValue << (32 - length)), length, length);
                }
            }
        });
        scenario.Caches = MachineCaches.SapphireRapids;
        PcvTrace trace = scenario.TracePcvs();
        Assert.Equal(new[] { "trieMisses", "trieDepth", "trieMissesFromL2", "trieMissesFromMemory" }, trace.Names);
        return trace;
    }

    private static uint[] RandomHosts()
    {
        var random = new SplitMix64(7);
        var hosts = new HashSet<uint>();
        while (hosts.Count < Hosts)
        {
            hosts.Add((uint)random.Next());
        }

        return hosts.ToArray();
    }

    // Trie levels (root included) whose node on host 0's path another host's path shares.
    private static int SharedLevels(uint[] hosts) =>
        1 + hosts.Skip(1).Max(h => System.Numerics.BitOperations.LeadingZeroCount(h ^ hosts[0]));
}
