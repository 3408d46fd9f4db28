using System;

namespace Pix.Calibration;

/// <summary>
/// The <see cref="OperationClass.Load"/> throughput from the load-port kernel (<see cref="Kernels.LoadPortKernel"/>):
/// its time per iteration over the loads it makes, the time one more load takes when nothing but the load ports
/// binds. <see cref="HardwareProfile.PriceBlock(ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, ReadOnlySpan{OperationClass}, ReadOnlySpan{double}, double, double)"/>
/// uses it in the port bound (<c>loads · throughput</c>): a loop with more loads than the load ports start in the
/// cycles its slots take is priced at its loads.
/// </summary>
internal static class LoadPortFit
{
    /// <summary>
    /// The load throughput in ns: <paramref name="nanosecondsPerIteration"/> / <paramref name="loadsPerIteration"/>,
    /// or the <paramref name="fitted"/> one when that is larger (the kernel sets a floor: the stream kernels' fit
    /// charges their time to the ALU work and gives loads 0, never too much). Null when the timing is not a
    /// positive number (a timer too coarse): the fitted throughput stays.
    /// </summary>
    public static double? Throughput(double nanosecondsPerIteration, int loadsPerIteration, double fitted)
    {
        if (!(nanosecondsPerIteration > 0) || double.IsInfinity(nanosecondsPerIteration) || loadsPerIteration <= 0)
        {
            return null;
        }

        return Math.Max(fitted, nanosecondsPerIteration / loadsPerIteration);
    }

    /// <summary>Loads started per cycle at a load throughput of <paramref name="throughputNs"/>, one cycle being <paramref name="cycleNs"/>.</summary>
    public static double LoadsPerCycle(double throughputNs, double cycleNs) => cycleNs / throughputNs;
}
