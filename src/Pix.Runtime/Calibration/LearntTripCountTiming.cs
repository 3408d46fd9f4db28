using System.Collections.Generic;

namespace Pix;

/// <summary>
/// The learnt-trip-count kernel's figure (<see cref="Calibration.Kernels.LearntTripCountKernel"/>) and the ladders it came from.
/// </summary>
/// <param name="Step">The fine ladder's step (its <see cref="Calibration.TripStep.LastLearnt"/> is the profile's
/// <see cref="HardwareProfile.LearntTripCount"/>), or null when either ladder had none: the profile keeps its default.</param>
/// <param name="MinimumStepNs">The least step that counts (half the profile's loop-exit miss).</param>
/// <param name="Coarse">ns a call at each trip count of the coarse ladder.</param>
/// <param name="Fine">ns a call at each trip count of the fine ladder (empty when the coarse one had no step).</param>
/// <param name="CoarseStep">The coarse ladder's step, or null.</param>
/// <param name="Took">How long the ladders took to time.</param>
public sealed record LearntTripCountTiming(
    Calibration.TripStep? Step,
    double MinimumStepNs,
    IReadOnlyList<Calibration.TripTiming> Coarse,
    IReadOnlyList<Calibration.TripTiming> Fine,
    Calibration.TripStep? CoarseStep,
    System.TimeSpan Took)
{
    /// <summary>The learnt trip count found, or null.</summary>
    public int? LearntTripCount => Step?.LastLearnt;
}
