using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pix;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Router;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.RouterBranch;

/// <summary>What a variant times per packet.</summary>
internal enum Lookup
{
    /// <summary>The empty entry point: the driver's baseline (dispatch and timer), subtracted from every other.</summary>
    Empty,

    /// <summary>The router's own <see cref="LpmRouter.Route"/>.</summary>
    Router,

    /// <summary>A copy of <c>Route</c> and <c>PrefixTrie.Lookup</c> as written, over a copy of the trie's nodes.</summary>
    AsWritten,

    /// <summary>The same copy with the child picked without a branch: the node's <c>Zero</c>/<c>One</c> indexed by the address bit.</summary>
    BranchFree,

    /// <summary>
    /// <see cref="BranchFree"/> plus a branch on the same bit that picks nothing the walk needs (a store on one side): the
    /// directions are in the branch history again, with their misses, and the walk's chain is the branch-free one. Against
    /// <see cref="BranchFree"/>, whether the loop's exit is learnt from the directions the walk took.
    /// </summary>
    BranchFreeWithDirections,
}

/// <summary>
/// The router's workload timed by the driver's per-packet measurement, through one <see cref="Lookup"/>. The copies read
/// the router's own trie, its node pool copied as <c>int</c> triples (Zero, One, NextHop: <c>PrefixTrie.Node</c>'s layout,
/// 12 bytes a node), so they load the same addresses in a table of the same size as the router does.
/// </summary>
internal sealed class LookupVariant : Scenario
{
    private const int NoRoute = PrefixTrie.NoRoute;
    private const int Drop = LpmRouter.Drop;
    private readonly Lookup _lookup;
    private readonly LpmRouter _router;
    private readonly int[] _nodes;
    private readonly int[] _onesAt = new int[33];
    private int _sink;

    public LookupVariant(RouterScenario scenario, Lookup lookup) : base(scenario.Workload)
    {
        _lookup = lookup;
        _router = scenario.Function;
        _nodes = NodesOf(_router.Routes);
    }

    public Lookup Lookup => _lookup;

    public override string NetworkFunction => "router";

    public override string EntryPoint => nameof(LpmRouter.Route);

    public override IReadOnlyList<string> PcvNames { get; } = Array.Empty<string>();

    // The trie is read only: every replay finds it as the scenario built it.
    public override void Reset()
    {
    }

    public override void Process(int index)
    {
        ReadOnlySpan<byte> packet = Workload.Packet(index);
        _sink += _lookup switch
        {
            Lookup.Empty => Empty.Route(packet),
            Lookup.Router => _router.Route(packet),
            Lookup.AsWritten => RouteAsWritten(packet),
            Lookup.BranchFree => RouteBranchFree(packet),
            _ => RouteBranchFreeWithDirections(packet),
        };
    }

    /// <summary>
    /// Direction branches (<c>? One : Zero</c>) the lookup of <paramref name="packet"/> runs, what the branch-free copy saves,
    /// and the nodes it visits (the router's <c>trieDepth</c>): one more than the branches when the walk reaches depth 32.
    /// </summary>
    public (int Branches, int Visited) Walk(ReadOnlySpan<byte> packet)
    {
        if (!PacketParser.TryParse(packet, out PacketHeaders headers) || headers.TimeToLive <= 1)
        {
            return (0, 0);
        }

        int node = 0, branches = 0;
        for (int depth = 0; depth < 32; depth++)
        {
            branches++;
            node = _nodes[(node * 3) + (int)((headers.DestinationIp >> (31 - depth)) & 1)];
            if (node == 0)
            {
                return (branches, branches);
            }
        }

        return (branches, branches + 1);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RouteAsWritten(ReadOnlySpan<byte> packet)
    {
        if (!PacketParser.TryParse(packet, out PacketHeaders headers) || headers.TimeToLive <= 1)
        {
            return Drop;
        }

        int[] nodes = _nodes;
        uint address = headers.DestinationIp;
        int best = NoRoute, node = 0, depth = 0;
        while (true)
        {
            if (nodes[(node * 3) + 2] != NoRoute)
            {
                best = nodes[(node * 3) + 2];
            }

            if (depth == 32)
            {
                return best;
            }

            node = ((address >> (31 - depth)) & 1) != 0 ? nodes[(node * 3) + 1] : nodes[node * 3];
            if (node == 0)
            {
                return best;
            }

            depth++;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RouteBranchFree(ReadOnlySpan<byte> packet)
    {
        if (!PacketParser.TryParse(packet, out PacketHeaders headers) || headers.TimeToLive <= 1)
        {
            return Drop;
        }

        int[] nodes = _nodes;
        uint address = headers.DestinationIp;
        int best = NoRoute, node = 0, depth = 0;
        while (true)
        {
            if (nodes[(node * 3) + 2] != NoRoute)
            {
                best = nodes[(node * 3) + 2];
            }

            if (depth == 32)
            {
                return best;
            }

            node = nodes[(node * 3) + (int)((address >> (31 - depth)) & 1)];
            if (node == 0)
            {
                return best;
            }

            depth++;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int RouteBranchFreeWithDirections(ReadOnlySpan<byte> packet)
    {
        if (!PacketParser.TryParse(packet, out PacketHeaders headers) || headers.TimeToLive <= 1)
        {
            return Drop;
        }

        int[] nodes = _nodes;
        int[] onesAt = _onesAt;
        uint address = headers.DestinationIp;
        int best = NoRoute, node = 0, depth = 0;
        while (true)
        {
            if (nodes[(node * 3) + 2] != NoRoute)
            {
                best = nodes[(node * 3) + 2];
            }

            if (depth == 32)
            {
                return best;
            }

            int bit = (int)((address >> (31 - depth)) & 1);
            if (bit != 0)
            {
                // A store, which the JIT does not turn into a conditional move: the branch stays.
                onesAt[depth] = node;
            }

            node = nodes[(node * 3) + bit];
            if (node == 0)
            {
                return best;
            }

            depth++;
        }
    }

    // PrefixTrie keeps its pool private; the copy takes it by reflection, as int triples.
    private static int[] NodesOf(PrefixTrie trie)
    {
        var pool = (Array)typeof(PrefixTrie).GetField("_nodes", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(trie)!;
        int[] nodes = new int[trie.NodeCount * 3];
        ref byte data = ref MemoryMarshal.GetArrayDataReference(pool);
        MemoryMarshal.CreateReadOnlySpan(ref data, nodes.Length * sizeof(int)).CopyTo(MemoryMarshal.AsBytes(nodes.AsSpan()));
        return nodes;
    }

    public override void ReadPcvs(int index, Span<int> values)
    {
    }

    public override Latency? Predict(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) => null;

    public override LatencyBreakdown? Explain(int index, HardwareProfile hw, ReadOnlySpan<int> pcvs) => null;
}
