using System;
using System.Collections.Generic;

namespace Pix;

/// <summary>A calibrated profile with the evidence behind it: every kernel's timing and fit, and how each class was obtained.</summary>
public sealed class CalibrationResult
{
    internal CalibrationResult(
        HardwareProfile profile,
        IReadOnlyList<KernelTiming> kernels,
        IReadOnlyDictionary<OperationClass, string> sources,
        double loopOverheadNs,
        int repetitions,
        TimeSpan duration)
    {
        Profile = profile;
        Kernels = kernels;
        Sources = sources;
        LoopOverheadNs = loopOverheadNs;
        Repetitions = repetitions;
        Duration = duration;
    }

    /// <summary>The calibrated profile of this machine.</summary>
    public HardwareProfile Profile { get; }

    /// <summary>Every kernel timed, with the time the fitted costs predict for it.</summary>
    public IReadOnlyList<KernelTiming> Kernels { get; }

    /// <summary>For each class, how its costs were obtained ("fitted from …", "latency = throughput: …").</summary>
    public IReadOnlyDictionary<OperationClass, string> Sources { get; }

    /// <summary>
    /// The loop counter and back-edge of one loop iteration (two ALU operations and a branch, as the
    /// extractor counts them) priced at the fitted throughputs: what every interface pays per iteration
    /// before the body's own operations.
    /// </summary>
    public double LoopOverheadNs { get; }

    /// <summary>The memory-level chases, smallest working set first (empty when none was measured): the profile's <see cref="HardwareProfile.MemoryLoads"/> with their noise.</summary>
    public IReadOnlyList<MemoryLevelTiming> MemoryLevels { get; init; } = Array.Empty<MemoryLevelTiming>();

    /// <summary>The memory-latency kernel's figure and timed pieces (a load memory serves without page walks); null when the curve was not measured.</summary>
    public MemoryLatencyTiming? MemoryLatency { get; init; }

    /// <summary>The learnt-trip-count kernel's ladders and step (<see cref="HardwareProfile.LearntTripCount"/>); null when it did not run.</summary>
    public LearntTripCountTiming? LearntTripCount { get; init; }

    /// <summary>
    /// The core's issue rate (<see cref="Measurement.CoreIssueRate"/>, operations per cycle) around each
    /// pass, the lower of a probe before and after it. A pass well under the others ran while another
    /// hardware thread shared the core; each kernel's figure is its quietest pass, so the profile is
    /// sound as long as some pass ran on a core of its own.
    /// </summary>
    public IReadOnlyList<double> IssueRates { get; init; } = Array.Empty<double>();

    /// <summary>
    /// The rate of a core of its own by the end of the passes (0 when none was probed): the highest reading that others
    /// agree with (<c>QuietIssueRate</c>), what <see cref="IssueRates"/> are judged against once all were seen.
    /// </summary>
    public double QuietIssueRate { get; init; }

    /// <summary>
    /// The highest issue rate the calibrating process probed (0 when none was). It judged the passes until the
    /// twenty-fourth session; a lone stray reading can be it, so <see cref="QuietIssueRate"/> does now.
    /// </summary>
    public double HighestIssueRate { get; init; }

    /// <summary>
    /// The passes (numbered from 1) that ran on a core of their own: a rate in <see cref="IssueRates"/> at least 90% of
    /// <see cref="QuietIssueRate"/>, the rule the measurement harness uses. Empty means every pass ran while another
    /// hardware thread shared the core, and the throughput costs are a shared core's: the calibrator passes on past its
    /// budget until one pass is quiet (<see cref="CalibrationOptions.QuietPassCeiling"/>).
    /// </summary>
    public IReadOnlyList<int> QuietPasses => Calibration.QuietPasses.Of(IssueRates, QuietIssueRate);

    /// <summary>Passes run past <see cref="CalibrationOptions.TimeBudget"/> because every pass before them ran on a shared core.</summary>
    public int WaitingPasses { get; init; }

    /// <summary>
    /// Whether the run went on past its budget waiting for a quiet pass and stopped at
    /// <see cref="CalibrationOptions.QuietPassCeiling"/> (or at <see cref="CalibrationOptions.MaxRepetitions"/>) without one.
    /// </summary>
    public bool CeilingReached { get; init; }

    /// <summary>
    /// The issue width the mixed-instruction kernels measured (slots a cycle; <c>IssueWidthFit</c>), null when they gave
    /// no usable figure. The profile records it unless <see cref="CalibrationOptions.RecordIssueWidth"/> is false.
    /// </summary>
    public double? MeasuredIssueWidth { get; init; }

    /// <summary>
    /// How much floating-point adds and multiplies share their ports, as the float-port kernel measured it (0 to 1;
    /// <c>FloatPortSharingFit</c>), null when it gave no usable figure (the profile then keeps
    /// <see cref="HardwareProfile.DefaultFloatPortSharing"/>).
    /// </summary>
    public double? MeasuredFloatPortSharing { get; init; }

    /// <summary>Every probe's timing in every pass, in the order they ran: the raw data the profile was fitted from.</summary>
    public IReadOnlyList<KernelPass> Passes { get; init; } = Array.Empty<KernelPass>();

    /// <summary>Passes made over all kernels.</summary>
    public int Repetitions { get; }

    /// <summary>Wall-clock duration of the run.</summary>
    public TimeSpan Duration { get; }
}

/// <summary>One kernel's timing in a calibration run.</summary>
/// <param name="Name">Kernel name, e.g. <c>"div chain"</c>.</param>
/// <param name="Kind"><c>latency</c>, <c>throughput</c>, <c>bulk</c> or <c>branch</c> (the branch-miss pair).</param>
/// <param name="MeasuredNs">Nanoseconds per iteration (per call for bulk kernels): the quietest batch for a kernel of fixed work, the median of the batches in the quietest timing for a bulk or memory-level probe, the median of its timings' for an allocation kernel (Pix.Calibration.KernelStatistic; <see cref="CalibrationResult.Passes"/>).</param>
/// <param name="FittedNs">What the fitted costs predict for the kernel.</param>
/// <param name="PassSpread">Relative spread (max − min) / min of the figures of all its timings (one per pass, three in each
/// later pass once they disagree by more than 5%): how well the timings agree. It can only grow with more timings.</param>
/// <param name="NoiseCv">Median coefficient of variation of the batches within a timing.</param>
public sealed record KernelTiming(string Name, string Kind, double MeasuredNs, double FittedNs, double PassSpread, double NoiseCv)
{
    /// <summary>(fitted − measured) / measured.</summary>
    public double FitError => MeasuredNs == 0 ? 0 : (FittedNs - MeasuredNs) / MeasuredNs;
}

/// <summary>One memory-level chase in a calibration run.</summary>
/// <param name="Point">The working set and the latency per dependent load: the median of the batches in the quietest timing.</param>
/// <param name="PassSpread">Relative spread (max − min) / min of the figures of all its timings (as <see cref="KernelTiming.PassSpread"/>).</param>
/// <param name="NoiseCv">Median coefficient of variation of the batches within a timing.</param>
public sealed record MemoryLevelTiming(MemoryLoadLatency Point, double PassSpread, double NoiseCv);

/// <summary>
/// One kernel (or chase, or bulk probe) timed in one pass of a calibration run: the raw figures
/// behind <see cref="KernelTiming"/> and <see cref="MemoryLevelTiming"/>, all per unit (iteration,
/// link followed, or byte for a bulk probe).
/// </summary>
/// <param name="Name">Kernel name, as in <see cref="KernelTiming.Name"/>.</param>
/// <param name="Kind"><c>latency</c>, <c>throughput</c>, <c>bulk</c>, <c>branch</c> or <c>memory</c>.</param>
/// <param name="Pass">The pass, from 1; a kernel whose timings disagree by more than 5% is timed three times in each later pass, each an entry.</param>
/// <param name="Units">Iterations (links, bytes) one call of the kernel performs.</param>
/// <param name="CallsPerBatch">Calls of the kernel in each timed batch.</param>
/// <param name="MedianNs">The median of the batches, per unit.</param>
/// <param name="BatchNs">Every timed batch's time per unit, in increasing order.</param>
/// <param name="Gen0Collections">Garbage collections inside the timed batches (<see cref="MeasurementResult.Gen0Collections"/>).</param>
public sealed record KernelPass(string Name, string Kind, int Pass, int Units, long CallsPerBatch, double MedianNs, IReadOnlyList<double> BatchNs, int Gen0Collections);
