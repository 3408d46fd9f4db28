using Pix;

namespace LoadBalancerRegression;

/// <summary>Chooses where a new flow goes when the hash's backend is unhealthy.</summary>
public static partial class BackendPool
{
    /// <summary>The healthy backend with the fewest open connections, or -1 when none is healthy.</summary>
    /// <param name="connections">Open connections per backend.</param>
    /// <param name="healthy">Health-check verdict per backend (same length).</param>
    /// <remarks>A pool has at most 64 backends: the budget holds up to there (without the bound, PIX0207).</remarks>
    [PerformanceInterface(Budget = "100ns")]
    [InputBound("connections.Length", 64)]
    public static int LeastLoaded(int[] connections, bool[] healthy)
    {
        int best = -1;
#if PIX_LB_V2
        // v2: "rank" backends by how many others carry fewer connections, to break ties in favour of
        // the lower index. Correct, but it compares every pair: quadratic in the number of backends.
        int bestRank = int.MaxValue;
        for (int i = 0; i < connections.Length; i++)
        {
            int rank = 0;
            for (int j = 0; j < connections.Length; j++)
            {
                if (connections[j] < connections[i])
                {
                    rank++;
                }
            }

            if (healthy[i] && rank < bestRank)
            {
                best = i;
                bestRank = rank;
            }
        }
#else
        int fewest = int.MaxValue;
        for (int i = 0; i < connections.Length; i++)
        {
            if (healthy[i] && connections[i] < fewest)
            {
                best = i;
                fewest = connections[i];
            }
        }
#endif
        return best;
    }
}
