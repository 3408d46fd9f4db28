using System;
using System.Linq;
using Pix.Calibration;

namespace Pix.Cli.Validation;

/// <summary>
/// Non-negative coefficients that minimise the sum of absolute residuals (L1) of a set of rows — the
/// deployment fit's rows are relative errors, so this is the MAPE the fit is judged by — plus a small
/// quadratic penalty, by iteratively reweighted non-negative least squares.
/// </summary>
/// <remarks>
/// Why not least squares: on this machine one size in a sweep of ten is often 20–40% off its
/// neighbours with no sign of it in its own batches (a narrow interquartile range). Least squares
/// moves every coefficient to meet such a size half-way, and a fit to five sizes then misses the
/// others by as much; the sum of absolute errors lets the other sizes decide, which is also what the
/// held-out MAPE rewards.
/// </remarks>
internal static class LeastAbsoluteRelativeError
{
    /// <summary>Residuals smaller than this (relative) count as this: the weights stay finite on exact data.</summary>
    private const double ResidualFloor = 1e-4;

    private const int MaxIterations = 100;

    /// <param name="a">Row-major matrix: the first <c>a.Length - penaltyRows</c> rows are fitted in L1, the last <paramref name="penaltyRows"/> in L2.</param>
    /// <param name="b">Right-hand side, one value per row.</param>
    /// <param name="penaltyRows">
    /// How many trailing rows are a quadratic penalty (the pull of per-term coefficients towards 1); their
    /// weight is kept relative to the average data row's as the data rows are reweighted.
    /// </param>
    public static double[] Solve(double[][] a, double[] b, int penaltyRows = 0)
    {
        int dataRows = a.Length - penaltyRows;
        if (dataRows <= 0)
        {
            throw new ArgumentException("The system needs at least one data row.", nameof(a));
        }

        // Least squares is the starting point; each step weights a row by 1/|its residual|, whose
        // weighted sum of squares is the sum of absolute residuals at the fixed point.
        double[] x = NonNegativeLeastSquares.Solve(a, b);
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            double[] weight = Enumerable.Range(0, dataRows)
                .Select(i => 1 / Math.Max(ResidualFloor, Math.Abs(Dot(a[i], x) - b[i])))
                .ToArray();
            double penaltyWeight = weight.Average();
            double[] rowScale = weight.Concat(Enumerable.Repeat(penaltyWeight, penaltyRows)).Select(Math.Sqrt).ToArray();
            double[] next = NonNegativeLeastSquares.Solve(
                a.Select((row, i) => row.Select(v => v * rowScale[i]).ToArray()).ToArray(),
                b.Select((v, i) => v * rowScale[i]).ToArray());
            bool converged = next.Zip(x, (n, o) => Math.Abs(n - o) <= 1e-10 * (1 + Math.Abs(o))).All(c => c);
            x = next;
            if (converged)
            {
                break;
            }
        }

        return x;
    }

    private static double Dot(double[] row, double[] x) => row.Zip(x, (r, c) => r * c).Sum();
}
