using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Calibration.Kernels;

namespace Pix.Calibration;

/// <summary>
/// The <see cref="OperationClass.LibraryCopyCall"/> cost from the append kernel (<see cref="LibraryCopyCallKernel"/>): what
/// an iteration takes beyond what its other counts price at on the profile fitted from every other kernel, over the appends
/// it makes. Priced with <see cref="HardwareProfile.PriceBlock(ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, double, double)"/>,
/// the model that prices a user's loop of appends, so that loop prices at what the kernel measured: the class is a sequence
/// (its throughput adds), so the kernel's price is the rest's price plus <c>appends × cost</c> exactly.
/// </summary>
internal static class LibraryCopyCallFit
{
    /// <summary>
    /// Which of the append kernel's timings gives its figure (<see cref="KernelStatistic"/>): its quietest batch, as for
    /// every other kernel of fixed work. The kernel appends into one chunk in the L1 and allocates nothing after its first
    /// run, so interference only adds to a batch. Its timings' medians flip between its speed and a slower one (four
    /// calibrations: medians 2.07–3.84 ns an append, quietest batches 2.461–2.474 in two processes and 1.934–1.936 in two
    /// others), and the quietest timing read 2.681 and 2.814 in the same process (docs/accuracy.md, `copy23`).
    /// </summary>
    public const KernelFigure Rule = KernelFigure.QuietestBatch;

    /// <summary>
    /// The class's cost (latency = throughput: a call sequence, too coarse to tell the two apart), or null when the timing
    /// is not a positive finite number (a timer too coarse), and the profile's default stays (its own <see cref="OperationClass.Call"/>).
    /// At least 0: a kernel faster than its other counts price (those over-priced) leaves the copy call free, not negative.
    /// </summary>
    public static double? Cost(double nanosecondsPerIteration, HardwareProfile fitted)
    {
        if (!(nanosecondsPerIteration > 0) || double.IsInfinity(nanosecondsPerIteration))
        {
            return null;
        }

        return Math.Max(0, (nanosecondsPerIteration - PriceWithout(fitted)) / LibraryCopyCallKernel.AppendsPerIteration);
    }

    /// <summary>What the kernel's iteration prices at on <paramref name="profile"/>, its copy calls included.</summary>
    public static double Price(HardwareProfile profile) =>
        PriceWithout(profile) + (LibraryCopyCallKernel.AppendsPerIteration * profile.ThroughputNs(OperationClass.LibraryCopyCall));

    /// <summary>An iteration's price without its copy calls: one loop iteration (one taken back-edge), no chain.</summary>
    private static double PriceWithout(HardwareProfile profile)
    {
        IReadOnlyList<(OperationClass Class, double Count)> counts = LibraryCopyCallKernel.CountsPerIteration;
        OperationClass[] classes = counts.Select(c => c.Class).ToArray();
        double[] values = counts.Select(c => c.Count).ToArray();
        return profile.PriceBlock(classes, values, ReadOnlySpan<OperationClass>.Empty, ReadOnlySpan<double>.Empty, foldedLoads: 0, takenBranches: 1);
    }
}
