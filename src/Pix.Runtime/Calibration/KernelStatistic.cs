using System.Collections.Generic;
using System.Linq;

namespace Pix.Calibration;

/// <summary>One timing of a kernel: the median of its batches and its quietest batch, in the same unit (ns a call).</summary>
internal readonly record struct TimingFigures(double MedianNs, double QuietestBatchNs);

/// <summary>Which of a kernel's timings, or batches, gives its figure (<see cref="KernelStatistic"/>).</summary>
internal enum KernelFigure
{
    /// <summary>The median of the quietest timing (the lowest of the timings' medians).</summary>
    QuietestTiming,

    /// <summary>The quietest batch over every timing.</summary>
    QuietestBatch,

    /// <summary>The median of the timings' medians.</summary>
    MedianTiming,
}

/// <summary>
/// Which of a kernel's timings gives its figure: the quietest batch for a kernel whose work is fixed and whose only
/// disturbance is interference (the fitted kernels, the issue kernels, the load-port kernel), the median of the timings
/// for the kernels that allocate, the quietest timing for the others (the bulk and memory-level probes). The one place
/// that says so, but for the append kernel, whose fit keeps its rule beside it (<see cref="LibraryCopyCallFit.Rule"/>:
/// the quietest batch too).
/// </summary>
/// <remarks>
/// The quietest figure is right where interference only ever adds time (a busy hyperthread sibling, a neighbour's
/// build): the fastest timing is the machine's cost and the others are the neighbour's. On this machine (2 vCPUs, one
/// core's two hyperthreads) such a kernel runs at one of a few speeds and switches between them within a timing: the
/// <c>loop</c> kernel at 0.335 or 0.664 ns an iteration, <c>store x8</c> at 1.25 or 1.9–2.2, <c>type check x8</c> at 6.3 or
/// 8.8–10.7. A timing (eleven batches) whose median fell in the slow speed often holds a batch at the fast one; the
/// quietest timing's median then reads the slow speed whenever no whole timing caught the fast one, and two calibrations
/// disagreed by 20–90% on such kernels. Replayed on four calibration pairs of the nineteenth session (load 30–40), the
/// quietest batch made 25–28 of these 39 kernels agree within 1% in each pair where the quietest timing made 15–22
/// (bench/calibration-repeatability/figure-rules.py; docs/calibration.md, "Nineteenth session"): it is the rule
/// <see cref="BranchMissPair"/> already took for the same reason. A batch cannot be faster than
/// the kernel's work (a batch is 0.5 ms of it), so the quietest batch is not a lucky low reading.
/// <para>Allocation is not such a cost. Its per-byte figure (<see cref="OperationClass.AllocatedByte"/>) follows the memory
/// system's moment, shared with everything else on the machine and changing within tens of milliseconds: the 2 KB
/// allocation kernel's timings spread 1.3–1.9x inside one calibration, and a C program zeroing fresh memory with no .NET
/// in it moves the same way (docs/accuracy.md, "allocation price's two groups"). A method that allocates pays that moment
/// too (<c>Text.Repeat</c> ranks alike with the zeroing probe), and <c>pix validate</c> reports a method's typical (median)
/// batch, so the quietest timing prices a moment the method rarely runs in: every profile whose quietest timing read
/// 0.05–0.065 ns a byte under-priced <c>Repeat</c> by a fifth to a half. The median of the timings is the typical moment.
/// Replayed on 16 calibrations' raw files it reads 0.068–0.114 where the quietest reads 0.054–0.095
/// (bench/calibration-repeatability/alloc-rules.py, R1 against R0).</para>
/// <para>The copy kernels keep the quietest timing: they copy within one buffer that stays in the L1 and never touch fresh
/// memory, and on the same 16 files the quietest gave <see cref="OperationClass.CopiedByte"/> 0.0169–0.0286 (13 of them
/// 0.0169–0.0173) where the median gave 0.0169–0.0298, less repeatable (docs/calibration.md). The memory-level chases keep
/// it too: beyond the L2 a batch's time follows the DRAM's and the TLB's state as well as the neighbours, so their quietest
/// batch would be a lucky state, not the quiet machine; a chase the L2 holds takes its quietest batch
/// (<see cref="Kernels.MemoryChase.Figure"/>).</para>
/// </remarks>
internal static class KernelStatistic
{
    /// <summary>True when a kernel's figure is the median of its timings: it allocates (it counts <see cref="OperationClass.AllocatedByte"/>).</summary>
    internal static bool TakesMedian(CalibrationKernel? kernel) =>
        kernel is not null && kernel.CountsPerIteration.ContainsKey(OperationClass.AllocatedByte);

    /// <summary>
    /// The rule for an allocation kernel's figure where it prices the objects, not the bytes (<see cref="AllocationFit"/>):
    /// its quietest batch. An object's cost is fixed work (the pointer bump, the header, the write barrier, its share of
    /// refilling the allocation context) that interference and a collection only add to, unlike a byte's.
    /// </summary>
    internal const KernelFigure PerObject = KernelFigure.QuietestBatch;

    /// <summary>
    /// The rule for a probe: <paramref name="kernel"/> is its catalogue entry (null for a probe the fit does not read), and
    /// <paramref name="fixedWork"/> says that a probe without one still times fixed work in the L1 (an issue or load-port kernel).
    /// </summary>
    internal static KernelFigure For(CalibrationKernel? kernel, bool fixedWork) =>
        TakesMedian(kernel) ? KernelFigure.MedianTiming
        : kernel is not null || fixedWork ? KernelFigure.QuietestBatch
        : KernelFigure.QuietestTiming;

    /// <summary>A kernel's figure from its timings under <paramref name="rule"/>.</summary>
    internal static double Figure(IReadOnlyCollection<TimingFigures> timings, KernelFigure rule) => rule switch
    {
        KernelFigure.MedianTiming => SampleStatistics.MedianOf(timings.Select(t => t.MedianNs).ToList()),
        KernelFigure.QuietestBatch => timings.Min(t => t.QuietestBatchNs),
        _ => timings.Min(t => t.MedianNs),
    };
}
