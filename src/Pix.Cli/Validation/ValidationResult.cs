using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Cli.Validation;

/// <summary>Prediction and measurement of one method at one input size.</summary>
internal sealed record ValidationPoint(int Size, Latency Predicted, MeasurementResult Measured)
{
    /// <summary>|predicted − measured| / measured.</summary>
    public double AbsoluteError => Math.Abs(Predicted.Nanoseconds - Measured.Median.Nanoseconds) / Measured.Median.Nanoseconds;

    /// <summary>(predicted − measured) / measured: positive when the interface over-predicts.</summary>
    public double SignedError => (Predicted.Nanoseconds - Measured.Median.Nanoseconds) / Measured.Median.Nanoseconds;
}

/// <summary>The sweep of one method, or why it was not validated.</summary>
internal sealed record MethodValidation(string Method, IReadOnlyList<ValidationPoint> Points, string? NotValidatedBecause)
{
    public bool Validated => NotValidatedBecause is null && Points.Count > 0;

    /// <summary>Mean absolute percentage error over the sizes, as a fraction.</summary>
    public double Mape => Points.Count == 0 ? double.NaN : Points.Average(p => p.AbsoluteError);

    /// <summary>The deployment-specific correction, when the sweep has enough sizes (see <see cref="DeploymentFit"/>).</summary>
    public DeploymentFit? Fit => Validated ? DeploymentFit.Fit(Points) : null;

    /// <summary>Median noise of the measurements (coefficient of variation).</summary>
    public double MedianNoise => Points.Count == 0 ? double.NaN : SampleStatistics.MedianOf(Points.Select(p => p.Measured.CoefficientOfVariation));
}

/// <summary>A whole <c>pix validate</c> run.</summary>
internal sealed record ValidationReport(string Assembly, HardwareProfile Profile, bool ProfileIsReference, IReadOnlyList<MethodValidation> Methods)
{
    /// <summary>MAPE over all points of all validated methods (each point counts once).</summary>
    public double OverallMape
    {
        get
        {
            ValidationPoint[] points = Methods.SelectMany(m => m.Points).ToArray();
            return points.Length == 0 ? double.NaN : points.Average(p => p.AbsoluteError);
        }
    }
}
