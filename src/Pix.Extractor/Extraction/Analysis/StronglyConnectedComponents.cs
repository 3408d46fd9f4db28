using System;
using System.Collections.Generic;
using System.Threading;

namespace Pix.Extraction.Analysis;

/// <summary>Tarjan's strongly connected components, iteratively (a call chain may be thousands of methods deep).</summary>
internal static class StronglyConnectedComponents
{
    /// <summary>
    /// The components reachable from <paramref name="roots"/> (each searched from in order, unless an earlier search
    /// reached it), in the order Tarjan closes them: a component after every component it reaches (callees first).
    /// A node for which <paramref name="closedEarlier"/> holds is not entered (its component is known already).
    /// Lazy: each component is returned as it closes, and the search goes on when the next is asked for.
    /// </summary>
    public static IEnumerable<List<T>> Find<T>(
        IEnumerable<T> roots,
        Func<T, IReadOnlyList<T>> successors,
        Func<T, bool> closedEarlier,
        IEqualityComparer<T> comparer,
        CancellationToken cancellationToken)
    {
        var index = new Dictionary<T, int>(comparer);
        var lowLink = new List<int>();
        var open = new Stack<T>(); // Tarjan's stack: visited nodes whose component is not closed yet
        var onOpen = new HashSet<T>(comparer);
        var path = new Stack<(T Node, IReadOnlyList<T> Successors, int Next)>();

        void Enter(T node)
        {
            index[node] = lowLink.Count;
            lowLink.Add(lowLink.Count);
            open.Push(node);
            onOpen.Add(node);
            path.Push((node, successors(node), 0));
        }

        foreach (T root in roots)
        {
            if (index.ContainsKey(root) || closedEarlier(root))
            {
                continue;
            }

            Enter(root);
            while (path.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (node, next, position) = path.Pop();
                int own = index[node];
                if (position < next.Count)
                {
                    path.Push((node, next, position + 1));
                    T successor = next[position];
                    if (closedEarlier(successor))
                    {
                        continue;
                    }

                    if (!index.TryGetValue(successor, out int successorIndex))
                    {
                        Enter(successor);
                    }
                    else if (onOpen.Contains(successor))
                    {
                        lowLink[own] = Math.Min(lowLink[own], successorIndex);
                    }

                    continue;
                }

                if (path.Count > 0)
                {
                    int caller = index[path.Peek().Node];
                    lowLink[caller] = Math.Min(lowLink[caller], lowLink[own]);
                }

                if (lowLink[own] == own)
                {
                    var members = new List<T>();
                    T member;
                    do
                    {
                        member = open.Pop();
                        onOpen.Remove(member);
                        members.Add(member);
                    }
                    while (!comparer.Equals(member, node));

                    yield return members;
                }
            }
        }
    }
}
