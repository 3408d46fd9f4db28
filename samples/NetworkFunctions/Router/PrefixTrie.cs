using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Pix.Samples.NetworkFunctions.Router;

/// <summary>
/// A binary (unibit) trie of IPv4 prefixes in a fixed pool of nodes. A lookup descends one bit per
/// level, remembering the last next hop it passed: the longest matching prefix.
/// </summary>
public sealed class PrefixTrie
{
    /// <summary>The next hop of addresses no prefix covers.</summary>
    public const int NoRoute = -1;

    /// <summary>The root's index in the node pool: where every lookup starts.</summary>
    public const int Root = 0;

    /// <summary>Bytes per node in the pool (three <c>int</c>s): with the node count, the trie's size in the caches.</summary>
    public const int NodeBytes = 12;

    private const int None = Root; // the root is nobody's child, so its index never names a child
    private readonly Node[] _nodes;
    private int _nodeCount = 1;

    /// <summary>Creates a trie with room for <paramref name="maxNodes"/> nodes (a /32 costs up to 32).</summary>
    public PrefixTrie(int maxNodes)
    {
        if (maxNodes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNodes), maxNodes, "The trie needs at least its root node.");
        }

        Debug.Assert(Unsafe.SizeOf<Node>() == NodeBytes, "NodeBytes must be the node's size: the interface prices cold loads by the trie's bytes.");
        _nodes = new Node[maxNodes];
        _nodes[Root].NextHop = NoRoute;
    }

    /// <summary>Nodes in use.</summary>
    public int NodeCount => _nodeCount;

    /// <summary>Adds (or replaces) the route <paramref name="prefix"/>/<paramref name="length"/> → <paramref name="nextHop"/>.</summary>
    public void Add(uint prefix, int length, int nextHop)
    {
        if ((uint)length > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "An IPv4 prefix length is 0..32.");
        }

        if (nextHop < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nextHop), nextHop, "Next hops are non-negative.");
        }

        int node = 0;
        for (int depth = 0; depth < length; depth++)
        {
            bool one = ((prefix >> (31 - depth)) & 1) != 0;
            int child = one ? _nodes[node].One : _nodes[node].Zero;
            if (child == None)
            {
                child = NewNode();
                if (one)
                {
                    _nodes[node].One = child;
                }
                else
                {
                    _nodes[node].Zero = child;
                }
            }

            node = child;
        }

        _nodes[node].NextHop = nextHop;
    }

    /// <summary>
    /// The next hop of the longest prefix covering <paramref name="address"/>, or <see cref="NoRoute"/>;
    /// <paramref name="visited"/> is the number of nodes descended through (root included, ≤ 33).
    /// </summary>
    public int Lookup(uint address, out int visited)
    {
        int best = NoRoute;
        int node = 0;
        int depth = 0;
        visited = 0;
        while (true)
        {
            PixHint.Pcv("trieDepth", "trie nodes visited, root included: 1 + the depth of the deepest node on the destination's path");
            PixHint.LoopBound(33);
            visited++;
            if (_nodes[node].NextHop != NoRoute)
            {
                best = _nodes[node].NextHop;
            }

            if (depth == 32)
            {
                return best;
            }

            node = ((address >> (31 - depth)) & 1) != 0 ? _nodes[node].One : _nodes[node].Zero;
            if (node == None)
            {
                return best;
            }

            depth++;
        }
    }

    /// <summary>
    /// The child of <paramref name="node"/> on the <paramref name="one"/> side (the bit's value), or <see cref="Root"/>
    /// when there is none: the node <see cref="Lookup"/> loads next (workloads replay its walk to trace cold loads).
    /// </summary>
    public int ChildOf(int node, bool one) => one ? _nodes[node].One : _nodes[node].Zero;

    private int NewNode()
    {
        if (_nodeCount == _nodes.Length)
        {
            throw new InvalidOperationException($"The trie is full ({_nodes.Length} nodes); create it with more room.");
        }

        int index = _nodeCount++;
        _nodes[index].NextHop = NoRoute;
        return index;
    }

    private struct Node
    {
        public int Zero;
        public int One;
        public int NextHop;
    }
}
