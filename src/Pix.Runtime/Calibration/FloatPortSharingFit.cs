using System;
using Pix.Calibration.Kernels;

namespace Pix.Calibration;

/// <summary>
/// The sharing of the float ports (<see cref="HardwareProfile.FloatPortSharing"/>) from the mixed kernel's time
/// (<see cref="FloatPortKernel"/>): the smallest sharing s at which the port bound prices the kernel as measured,
/// <c>max(A, M) + s · min(A, M) = measured</c>, where A and M are its subtracts' and multiplies' time on their own
/// (count × fitted throughput). The kernel's time beyond the busier kind's is what the lighter kind waited for a
/// port the busier one held.
/// </summary>
internal static class FloatPortSharingFit
{
    /// <summary>
    /// The sharing, from 0 (each kind has ports of its own) to 1 (one pool of ports: the sum). 0 when the kernel ran
    /// no slower than the busier kind alone or than its issue slots (<paramref name="issueNs"/>: a front end that narrow
    /// hides the ports, and nothing then says they are shared); 1 when it ran slower than the sum (noise, or a chain).
    /// Null when a figure is not a positive number (a timer too coarse, a class not fitted): the profile then keeps
    /// <see cref="HardwareProfile.DefaultFloatPortSharing"/>.
    /// </summary>
    /// <param name="kernelNs">The mixed kernel's time per iteration.</param>
    /// <param name="addThroughputNs">The fitted <see cref="OperationClass.FloatAdd"/> throughput.</param>
    /// <param name="multiplyThroughputNs">The fitted <see cref="OperationClass.FloatMultiply"/> throughput.</param>
    /// <param name="issueNs">What the kernel's issue slots take at the measured issue width.</param>
    public static double? Fit(double kernelNs, double addThroughputNs, double multiplyThroughputNs, double issueNs)
    {
        if (!IsPositive(kernelNs) || !IsPositive(addThroughputNs) || !IsPositive(multiplyThroughputNs))
        {
            return null;
        }

        double adds = FloatPortKernel.AddsPerIteration * addThroughputNs;
        double multiplies = FloatPortKernel.MultipliesPerIteration * multiplyThroughputNs;
        double busier = Math.Max(adds, multiplies);
        if (kernelNs <= Math.Max(busier, issueNs))
        {
            return 0;
        }

        return Math.Min(1, (kernelNs - busier) / Math.Min(adds, multiplies));
    }

    /// <summary>What the port bound prices the kernel at with <paramref name="sharing"/> (the calibration table's "fitted").</summary>
    public static double FittedNanoseconds(double sharing, double addThroughputNs, double multiplyThroughputNs, double issueNs)
    {
        double adds = FloatPortKernel.AddsPerIteration * addThroughputNs;
        double multiplies = FloatPortKernel.MultipliesPerIteration * multiplyThroughputNs;
        return Math.Max(issueNs, Math.Max(adds, multiplies) + (sharing * Math.Min(adds, multiplies)));
    }

    private static bool IsPositive(double x) => x > 0 && !double.IsInfinity(x);
}
