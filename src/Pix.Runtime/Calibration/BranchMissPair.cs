using System.Collections.Generic;
using System.Linq;
using Pix.Calibration.Kernels;

namespace Pix.Calibration;

/// <summary>
/// How the branch-miss pair's timings (<see cref="BranchMissKernels"/>) become one difference: each timing of the
/// random-bits run paired with the equal-bits timing made beside it in the same pass, and the median of those pairs'
/// differences, never the difference of each kernel's quietest timing on its own.
/// </summary>
/// <remarks>
/// A busy sibling hardware thread or a neighbour slows both kernels: in two calibrations at load 29–33 the equal-bits
/// run took 1.02–2.46 ns an iteration from pass to pass and the random-bits run 3.65–5.30, while the difference of the
/// two timings made side by side stayed within 2.45–2.92 ns. Each kernel's own quietest timing can come from a
/// different pass, one quiet and one not: in the twelfth session's two closing calibrations the equal run's quietest
/// timing was 1.028 ns in both and the random run's 4.71 and 3.83, a miss of 7.36 and 5.61 ns (docs/calibration.md,
/// "Thirteenth session"). Interference that both timings of a pair saw cancels in their difference; the median over the
/// passes rejects a pass in which it hit only one of them. The smallest pair (the quietest pass) does not: a pass
/// with the equal run on a core of its own and the random run shared is the smallest pair and the largest difference.
/// </remarks>
internal static class BranchMissPair
{
    /// <summary>One timing of one kernel of the pair: the pass it was made in and its nanoseconds per iteration.</summary>
    internal sealed record Timing(int Pass, double NsPerIteration);

    /// <summary>
    /// The median over the pairs of (random − equal) nanoseconds per iteration, a pair being the k-th timing of each
    /// kernel within one pass (in the order they were made). Null when no pass timed both.
    /// </summary>
    internal static double? MedianDifference(IEnumerable<Timing> predicted, IEnumerable<Timing> mispredicted)
    {
        ILookup<int, Timing> random = mispredicted.ToLookup(t => t.Pass);
        double[] differences = predicted.GroupBy(t => t.Pass)
            .SelectMany(pass => pass.Zip(random[pass.Key], (p, m) => m.NsPerIteration - p.NsPerIteration))
            .ToArray();
        return differences.Length == 0 ? null : SampleStatistics.MedianOf(differences);
    }
}
