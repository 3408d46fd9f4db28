using System.Collections.Generic;
using System.Linq;

namespace Pix.Calibration;

/// <summary>
/// Which of a kernel's timings gives its figure: the quietest for every kernel but those that allocate, which take
/// the median of their timings. The one place that says so.
/// </summary>
/// <remarks>
/// The quietest timing is right where interference only ever adds time (a busy hyperthread sibling, a neighbour's
/// build): the fastest timing is the machine's cost and the others are the neighbour's. Allocation is not such a
/// cost. Its per-byte figure (<see cref="OperationClass.AllocatedByte"/>) follows the memory system's moment, shared
/// with everything else on the machine and changing within tens of milliseconds: the 2 KB allocation kernel's
/// timings spread 1.3–1.9x inside one calibration, and a C program zeroing fresh memory with no .NET in it moves the
/// same way (docs/accuracy.md, "allocation price's two groups"). A method that allocates pays that moment too
/// (<c>Text.Repeat</c> ranks alike with the zeroing probe), and <c>pix validate</c> reports a method's typical
/// (median) batch, so the quietest timing prices a moment the method rarely runs in: every profile whose
/// quietest timing read 0.05–0.065 ns a byte under-priced <c>Repeat</c> by a fifth to a half. The median of the
/// timings is the typical moment. Replayed on 16 calibrations' raw files it reads 0.068–0.114 where the quietest
/// reads 0.054–0.095 (bench/calibration-repeatability/alloc-rules.py, R1 against R0).
/// <para>The copy kernels keep the quietest: they copy within one buffer that stays in the L1 and never touch fresh
/// memory, and on the same 16 files the quietest gave <see cref="OperationClass.CopiedByte"/> 0.0169–0.0286 (13 of
/// them 0.0169–0.0173) where the median gave 0.0169–0.0298, less repeatable (docs/calibration.md).</para>
/// </remarks>
internal static class KernelStatistic
{
    /// <summary>True when a kernel's figure is the median of its timings: it allocates (it counts <see cref="OperationClass.AllocatedByte"/>).</summary>
    internal static bool TakesMedian(CalibrationKernel? kernel) =>
        kernel is not null && kernel.CountsPerIteration.ContainsKey(OperationClass.AllocatedByte);

    /// <summary>
    /// A kernel's figure from its timings' medians (each a timing's median batch, rejecting short interruptions):
    /// their median when <paramref name="median"/>, else the quietest.
    /// </summary>
    internal static double Figure(IReadOnlyCollection<double> timingMedians, bool median) =>
        median ? SampleStatistics.MedianOf(timingMedians) : timingMedians.Min();
}
