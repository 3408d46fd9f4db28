using System;
using System.Collections.Generic;

namespace Pix.Calibration;

/// <summary>One timing of an issue-width kernel: the issue slots of one iteration and its measured time.</summary>
/// <param name="Name">The kernel's name.</param>
/// <param name="SlotsPerIteration">Fused micro-operations one iteration issues, loop control included.</param>
/// <param name="NanosecondsPerIteration">Measured time of one iteration.</param>
internal sealed record IssueWidthObservation(string Name, double SlotsPerIteration, double NanosecondsPerIteration);

/// <summary>
/// The issue width from the timings of the mixed-instruction kernels (<see cref="Kernels.IssueWidthKernels"/>):
/// slots issued over cycles taken, where one cycle is the <see cref="OperationClass.IntegerAlu"/> latency, the
/// same cycle <see cref="HardwareProfile.IssueSlotNs"/> divides. So a block of s slots is priced at exactly
/// what these kernels measured per slot.
/// </summary>
internal static class IssueWidthFit
{
    /// <summary>
    /// The highest rate <c>slots · cycleNs / ns</c> among the kernels. Interference and code placement only ever
    /// slow a kernel down (one of the same bodies ran at 4.3 slots per cycle in the calibrator and at 6.1 in a
    /// program of its own, where the others agreed), so the front end's width is what the fastest reaches, as
    /// each kernel's figure is its quietest pass. Null when there is nothing to fit or a figure is not a positive
    /// number (a timer too coarse, a latency not measured): the profile then keeps
    /// <see cref="HardwareProfile.DefaultIssueWidth"/>. A width below 1 (slower than a cycle per slot: something
    /// other than the front end bound every kernel) is null too.
    /// </summary>
    public static double? Fit(IReadOnlyList<IssueWidthObservation> kernels, double cycleNs)
    {
        if (kernels.Count == 0 || !IsPositive(cycleNs))
        {
            return null;
        }

        double width = 0;
        foreach (IssueWidthObservation kernel in kernels)
        {
            if (!IsPositive(kernel.SlotsPerIteration) || !IsPositive(kernel.NanosecondsPerIteration))
            {
                return null;
            }

            width = Math.Max(width, kernel.SlotsPerIteration * cycleNs / kernel.NanosecondsPerIteration);
        }

        return width >= 1 && IsPositive(width) ? width : null;
    }

    /// <summary>What a width prices one iteration of <paramref name="kernel"/> at: its slots at <c>cycleNs / width</c> each.</summary>
    public static double FittedNanoseconds(IssueWidthObservation kernel, double cycleNs, double width) =>
        kernel.SlotsPerIteration * cycleNs / width;

    private static bool IsPositive(double x) => x > 0 && !double.IsInfinity(x);
}
