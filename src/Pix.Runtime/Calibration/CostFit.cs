using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Calibration;

/// <summary>
/// Recovers per-class costs from kernel timings: for each bound separately, a non-negative least
/// squares fit of <c>time = Σ count[c] · cost[c]</c> across all kernels, weighted by 1/time so every
/// kernel counts by its relative error (a 30 ns division kernel must not drown out a 2 ns ALU kernel).
/// A class enters a fit only if some kernel of that bound counts it.
/// </summary>
/// <remarks>
/// There is no intercept. A stream kernel's loop control is in its counts
/// (<see cref="CalibrationKernels.LoopControl"/>), so its cost lands in the classes an interface
/// prices a loop iteration with; a chain kernel's loop runs beside the measured chain, out of order,
/// and is not counted (subtracting the empty loop's time would bias every latency low).
/// </remarks>
internal static class CostFit
{
    public static CostFitResult Fit(IReadOnlyList<KernelObservation> kernels, KernelBound bound)
    {
        KernelObservation[] rows = kernels.Where(k => k.Bound == bound).ToArray();
        if (rows.Length == 0)
        {
            throw new ArgumentException($"No {bound} kernels to fit.", nameof(kernels));
        }

        OperationClass[] classes = rows
            .SelectMany(k => k.CountsPerIteration.Where(p => p.Value != 0).Select(p => p.Key))
            .Distinct()
            .OrderBy(c => (int)c)
            .ToArray();
        int columns = classes.Length;

        var a = new double[rows.Length][];
        var b = new double[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            double weight = rows[i].NanosecondsPerIteration > 0 ? 1 / rows[i].NanosecondsPerIteration : 1;
            a[i] = new double[columns];
            for (int j = 0; j < classes.Length; j++)
            {
                a[i][j] = weight * (rows[i].CountsPerIteration.TryGetValue(classes[j], out double n) ? n : 0);
            }

            b[i] = weight * rows[i].NanosecondsPerIteration;
        }

        double[] x = NonNegativeLeastSquares.Solve(a, b);
        var costs = new Dictionary<OperationClass, double>();
        for (int j = 0; j < classes.Length; j++)
        {
            costs[classes[j]] = x[j];
        }

        double Price(IEnumerable<KeyValuePair<OperationClass, double>> counts) =>
            counts.Sum(p => p.Value * (costs.TryGetValue(p.Key, out double c) ? c : 0));

        var fitted = rows.Select(k => new FittedKernel(k, Price(k.CountsPerIteration))).ToArray();
        double loopControl = bound == KernelBound.Throughput
            ? Price(CalibrationKernels.LoopControl.Select(p => new KeyValuePair<OperationClass, double>(p.Class, p.Count)))
            : 0;
        return new CostFitResult(costs, loopControl, fitted);
    }

    /// <summary>
    /// Slope of a straight line through (size, time) points by ordinary least squares, clamped at 0:
    /// the per-byte cost of a bulk primitive, with its fixed per-call cost as the intercept.
    /// </summary>
    public static (double PerUnit, double Fixed) Line(IReadOnlyList<(double Size, double Nanoseconds)> points)
    {
        if (points.Count < 2)
        {
            throw new ArgumentException("A line needs at least two points.", nameof(points));
        }

        double meanX = points.Average(p => p.Size);
        double meanY = points.Average(p => p.Nanoseconds);
        double sxx = points.Sum(p => (p.Size - meanX) * (p.Size - meanX));
        double sxy = points.Sum(p => (p.Size - meanX) * (p.Nanoseconds - meanY));
        double slope = sxx > 0 ? Math.Max(0, sxy / sxx) : 0;
        return (slope, Math.Max(0, meanY - slope * meanX));
    }
}

/// <summary>
/// What <see cref="CostFit.Fit"/> found: a cost per class seen, what the fitted costs make of one
/// iteration's loop control (<see cref="CalibrationKernels.LoopControl"/>; 0 for the latency fit),
/// and each kernel's fitted time.
/// </summary>
internal sealed record CostFitResult(
    IReadOnlyDictionary<OperationClass, double> Costs,
    double LoopOverheadNs,
    IReadOnlyList<FittedKernel> Kernels);

/// <summary>A kernel with the time the fitted costs predict for it.</summary>
internal sealed record FittedKernel(KernelObservation Kernel, double FittedNanoseconds)
{
    /// <summary>(fitted − measured) / measured.</summary>
    public double RelativeError => Kernel.NanosecondsPerIteration == 0 ? 0 : (FittedNanoseconds - Kernel.NanosecondsPerIteration) / Kernel.NanosecondsPerIteration;
}
