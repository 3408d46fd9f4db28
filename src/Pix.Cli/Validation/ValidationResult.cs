using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Cli.Validation;

/// <summary>Prediction and measurement of one method at one input size.</summary>
/// <param name="Size">The input size.</param>
/// <param name="Predicted">What <c>LatencyOf_X</c> returned.</param>
/// <param name="Measured">What the method took.</param>
/// <param name="Terms">The prediction term by term, when the interface's model is known (<c>--project</c>); they add up to <paramref name="Predicted"/>.</param>
/// <param name="SlowerModeLeftOut">
/// The medians of the size's repeated measurements left out as the slower of two modes
/// (<see cref="RepeatedMeasurements.SlowerMode"/>); null or empty when none was.
/// </param>
internal sealed record ValidationPoint(int Size, Latency Predicted, MeasurementResult Measured, IReadOnlyList<TermValue>? Terms = null, IReadOnlyList<Latency>? SlowerModeLeftOut = null)
{
    /// <summary>|predicted − measured| / measured.</summary>
    public double AbsoluteError => Math.Abs(Predicted.Nanoseconds - Measured.Median.Nanoseconds) / Measured.Median.Nanoseconds;

    /// <summary>(predicted − measured) / measured: positive when the interface over-predicts.</summary>
    public double SignedError => (Predicted.Nanoseconds - Measured.Median.Nanoseconds) / Measured.Median.Nanoseconds;
}

/// <summary>The sweep of one method, or why it was not validated.</summary>
/// <param name="Method">Display name.</param>
/// <param name="Points">One per size measured.</param>
/// <param name="NotValidatedBecause">Why the sweep did not run or stopped; null when it completed.</param>
/// <param name="NoTermsBecause">Why the points carry no terms (so the fit cannot be per term); null when they do.</param>
internal sealed record MethodValidation(string Method, IReadOnlyList<ValidationPoint> Points, string? NotValidatedBecause, string? NoTermsBecause = null)
{
    public bool Validated => NotValidatedBecause is null && Points.Count > 0;

    /// <summary>
    /// The first size's first measurement, taken while the method was new to the process and dropped
    /// (the cold-start cost); null when none was.
    /// </summary>
    public MeasurementResult? DroppedFirstMeasurement { get; init; }

    /// <summary>What the final judgement of the run (<see cref="FinalJudgement"/>) found and did for this method's sizes; null before it.</summary>
    public FinalJudgementLog? Judgement { get; init; }

    /// <summary>The machine's state against the profile just before the sweep (<see cref="MachineState.Probe"/>); null when not probed.</summary>
    public MachineState? StateBefore { get; init; }

    /// <summary>The machine's state just after the sweep; null when not probed.</summary>
    public MachineState? StateAfter { get; init; }

    /// <summary>"1.04 (1.01–1.07) -> 1.10 (1.05–1.12)": the two probes' factors; "-" when not probed.</summary>
    public string StateFactors => StateBefore is null && StateAfter is null ? "-" : (StateBefore?.FactorText ?? "-") + " -> " + (StateAfter?.FactorText ?? "-");

    /// <summary>One line: the dropped first measurement and the one kept for that size; null when none was dropped.</summary>
    public string? DroppedNote() => DroppedFirstMeasurement is { } dropped && Points.Count > 0
        ? $"size {Points[0].Size} was measured twice and its first measurement dropped (the method was new to the process): dropped {dropped.Median}, kept {Points[0].Measured.Median}"
        : null;

    /// <summary>Mean absolute percentage error over the sizes, as a fraction (see <see cref="MapeOf"/>).</summary>
    public double Mape => MapeOf(Points);

    /// <summary>The sizes measured while no other hardware thread shared the core.</summary>
    public IEnumerable<ValidationPoint> OwnCorePoints => Points.Where(p => !p.Measured.CoreShared);

    /// <summary>
    /// MAPE over <see cref="OwnCorePoints"/> (NaN when there are none): what the interface predicts is the
    /// method on this core alone; a shared core is another, slower machine for as long as it lasts.
    /// </summary>
    public double OwnCoreMape => MapeOf(OwnCorePoints);

    /// <summary>
    /// MAPE of <paramref name="points"/>, NaN when there are none. A median of 0 ns (below the timer's
    /// resolution: the engine clamps a sample below its overhead to 0) has no relative error and is left out.
    /// </summary>
    internal static double MapeOf(IEnumerable<ValidationPoint> points)
    {
        ValidationPoint[] all = points.Where(p => p.Measured.Median.Nanoseconds > 0).ToArray();
        return all.Length == 0 ? double.NaN : all.Average(p => p.AbsoluteError);
    }

    /// <summary>The deployment-specific correction, when the sweep has enough sizes (see <see cref="DeploymentFit"/>).</summary>
    public DeploymentFit? Fit => Validated ? DeploymentFit.Fit(Points) : null;

    /// <summary>Median noise of the measurements (coefficient of variation).</summary>
    public double MedianNoise => Points.Count == 0 ? double.NaN : SampleStatistics.MedianOf(Points.Select(p => p.Measured.CoefficientOfVariation));
}

/// <summary>A whole <c>pix validate</c> run.</summary>
/// <param name="Assembly">The validated assembly's file name.</param>
/// <param name="Profile">The profile predictions were made on.</param>
/// <param name="ProfileIsReference">Whether that is the shipped reference profile rather than a calibration.</param>
/// <param name="Methods">Each method's validation.</param>
/// <param name="Mode">What the measurements timed (a latency request is measured as throughput where no fence is available).</param>
internal sealed record ValidationReport(string Assembly, HardwareProfile Profile, bool ProfileIsReference, IReadOnlyList<MethodValidation> Methods, MeasurementMode Mode)
{
    /// <summary>One line saying what "measured" means in this run.</summary>
    public string MeasuredAs => Mode == MeasurementMode.Latency
        ? "the latency of one call (each call fenced off from the next with LFENCE, as the interface predicts)"
        : "calls back to back, as BenchmarkDotNet times them (the processor may overlap consecutive short calls)";

    /// <summary>MAPE over all points of all validated methods (each point counts once).</summary>
    public double OverallMape => MethodValidation.MapeOf(Methods.SelectMany(m => m.Points));

    /// <summary>MAPE over the points of all validated methods measured on a core of its own (NaN when none was).</summary>
    public double OverallOwnCoreMape => MethodValidation.MapeOf(Methods.SelectMany(m => m.OwnCorePoints));

    /// <summary>How many points of all validated methods were measured on a core of its own, and how many in all.</summary>
    public (int OwnCore, int All) PointCounts =>
        (Methods.Sum(m => m.OwnCorePoints.Count()), Methods.Sum(m => m.Points.Count));
}
