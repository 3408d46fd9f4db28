using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Calibration;

namespace Pix.Cli.Validation;

/// <summary>
/// A deployment-specific correction of one interface: <c>measured ≈ fixed + scale · predicted</c>,
/// fitted by non-negative least squares (relative error) on every other size of the sweep and
/// judged on the sizes it did not see. The interface keeps its shape (its terms and guards); the
/// fit only adds the fixed cost it does not model (call and argument overhead) and rescales the rest.
/// </summary>
internal sealed record DeploymentFit(
    double FixedNs,
    double Scale,
    IReadOnlyList<int> TrainingSizes,
    IReadOnlyList<int> HeldOutSizes,
    double HeldOutMapeBefore,
    double HeldOutMapeAfter)
{
    /// <summary>At most this many sizes train the fit (the rest are held out).</summary>
    public const int MaxTrainingPoints = 8;

    /// <summary>Fits on sizes 0, 2, 4, … of the sorted sweep; null when fewer than 4 points (nothing left to judge with).</summary>
    public static DeploymentFit? Fit(IReadOnlyList<ValidationPoint> points)
    {
        ValidationPoint[] sorted = points.OrderBy(p => p.Size).ToArray();
        if (sorted.Length < 4)
        {
            return null;
        }

        ValidationPoint[] training = sorted.Where((_, i) => i % 2 == 0).Take(MaxTrainingPoints).ToArray();
        ValidationPoint[] heldOut = sorted.Except(training).ToArray();

        // Rows weighted by 1/measured: minimise relative error, so small sizes count as much as large ones.
        double[][] a = training.Select(p => new[] { 1 / Measured(p), p.Predicted.Nanoseconds / Measured(p) }).ToArray();
        double[] b = training.Select(_ => 1.0).ToArray();
        double[] x = NonNegativeLeastSquares.Solve(a, b);

        double after = heldOut.Average(p => Math.Abs(x[0] + (x[1] * p.Predicted.Nanoseconds) - Measured(p)) / Measured(p));
        return new DeploymentFit(
            x[0],
            x[1],
            training.Select(p => p.Size).ToArray(),
            heldOut.Select(p => p.Size).ToArray(),
            heldOut.Average(p => p.AbsoluteError),
            after);
    }

    private static double Measured(ValidationPoint p) => p.Measured.Median.Nanoseconds;
}
