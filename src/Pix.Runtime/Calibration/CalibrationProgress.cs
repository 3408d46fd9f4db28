using System;

namespace Pix;

/// <summary>Where a calibration run is, for progress displays.</summary>
/// <param name="Stage">"warm-up", "pass 2 of 5", or "fit".</param>
/// <param name="Kernel">The kernel just measured, or null between kernels.</param>
/// <param name="Completed">Measurements done so far in this stage.</param>
/// <param name="Total">Measurements in this stage.</param>
/// <param name="Elapsed">Time since the run started.</param>
public sealed record CalibrationProgress(string Stage, string? Kernel, int Completed, int Total, TimeSpan Elapsed);
