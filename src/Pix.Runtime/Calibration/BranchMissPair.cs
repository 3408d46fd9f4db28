using System.Collections.Generic;
using System.Linq;
using Pix.Calibration.Kernels;

namespace Pix.Calibration;

/// <summary>
/// How the branch-miss pair's timings (<see cref="BranchMissKernels"/>) become one difference: the random-bits run's
/// quietest batch less the equal-bits run's quietest batch, over all passes, not the difference of each kernel's
/// quietest timing (the median of a timing's batches).
/// </summary>
/// <remarks>
/// The pair's difference (2.6 ns an iteration) is small beside what interference adds to either kernel, and
/// interference here comes and goes on its own for each: in one calibration at load 48–50 every timing of the equal-bits
/// run was slowed to 1.66–1.78 ns an iteration (1.03 on a quiet core) while the random-bits run's were quiet (3.66–3.72)
/// but one, so the quietest timings gave a miss of 4.04 ns and the median of the differences of timings made side by
/// side in each pass 4.11; in another the random run was slowed in every timing and the equal one not, 6.1 ns. A timing
/// lasts 6 ms; within it the quietest of its eleven 0.5 ms batches still found the quiet core for both kernels (1.033 and
/// 3.66 ns, a miss of 5.25). Over 15 calibrations of three passes at load 23–50 the quietest batches gave a miss of
/// 5.21–5.64 ns, the quietest timings 4.04–6.06 and the median of the pairs 4.11–6.12 (docs/calibration.md, "Thirteenth
/// session"). With one pass (a heavily loaded machine) a kernel's only timing can stay slowed in every batch: no rule
/// over one timing of each recovers the quiet difference then.
/// </remarks>
internal static class BranchMissPair
{
    /// <summary>One timing of one kernel of the pair: its batches' nanoseconds per iteration.</summary>
    internal sealed record Timing(IReadOnlyList<double> BatchNsPerIteration);

    /// <summary>The random run's quietest batch less the equal run's, in nanoseconds per iteration; null without a timing of each.</summary>
    internal static double? QuietestDifference(IEnumerable<Timing> predicted, IEnumerable<Timing> mispredicted)
    {
        double[] equal = predicted.SelectMany(t => t.BatchNsPerIteration).ToArray();
        double[] random = mispredicted.SelectMany(t => t.BatchNsPerIteration).ToArray();
        return equal.Length == 0 || random.Length == 0 ? null : random.Min() - equal.Min();
    }
}
