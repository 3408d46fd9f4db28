using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Calibration;

/// <summary>
/// One process's timings of the placement-sensitive kernels (<c>pix calibrate-kernels</c>, a child of <c>pix calibrate</c>):
/// one figure a copy of each kernel's code (<see cref="Kernels.PlacementCopies"/>), in the deployment the process ran in.
/// </summary>
/// <param name="AppendNs">The append kernel (<see cref="Kernels.LibraryCopyCallKernel"/>): each copy's quietest batch, ns an iteration.</param>
/// <param name="LoopExitDifferenceNs">The loop-exit pair (<see cref="Kernels.LoopExitKernels"/>): in each copy the random exit's quietest
/// batch less the fixed exit's (<see cref="BranchMissPair.QuietestDifference"/>), ns a search; may be negative (noise).</param>
/// <param name="AluChainNs">The integer ALU chain (<see cref="Kernels.LatencyKernels.Alu"/>): each copy's quietest batch, ns an iteration.</param>
/// <param name="Runtime">The runtime the process ran (<see cref="MachineDescription.Runtime"/>).</param>
/// <param name="JitSettings">Its JIT and GC settings (<see cref="MachineDescription.JitSettings"/>).</param>
internal sealed record ProcessSample(
    IReadOnlyList<double> AppendNs,
    IReadOnlyList<double> LoopExitDifferenceNs,
    IReadOnlyList<double> AluChainNs,
    string Runtime,
    string JitSettings)
{
    /// <summary>
    /// Why this process's timings do not stand for the calibrating process's deployment (another runtime, other JIT or GC
    /// settings: the same code runs at another speed), or null when they do. A child inherits its parent's environment,
    /// so a difference means something changed it (a runtimeconfig, a global setting); its figures are not counted.
    /// </summary>
    public string? DeploymentDifference(string runtime, string jitSettings)
    {
        if (!string.Equals(Runtime, runtime, StringComparison.Ordinal))
        {
            return $"it ran {Runtime}, the calibration {runtime}";
        }

        return string.Equals(JitSettings, jitSettings, StringComparison.Ordinal) ? null
            : $"it ran with {JitSettings}, the calibration with {jitSettings}";
    }
}

/// <summary>
/// The placement-sensitive kernels' figures over several processes (<see cref="ProcessSample"/>): each process's mean over
/// its copies, then the mean over the processes.
/// </summary>
/// <remarks>
/// Why processes: where the JIT places code is drawn once a process, and the copies of one process share what it drew
/// once (<c>SpanHelpers.Memmove</c>'s placement, the code heap's layout): 0–3 of 4 append copies ran slow, by process
/// (docs/accuracy.md, `copies25`), and the ALU chain ran at 4.3–4.6 or 6.1–8.5 ns an iteration by process (`issue25`).
/// Only another process draws again.
/// <para>Why the mean, not the median or the fastest: a user's code lands at a placement drawn as a process's is, so the
/// cost it is expected to pay is the mean over the draws. The median of a few processes would drop a slow draw that
/// comes once in four, which is the case that made two calibrations disagree, and the fastest would price every user's
/// code at the lucky draw. The mean is only right when interference is not what the processes differ in (each figure is
/// its quietest batch): for the ALU chain it was not, for the append kernel and the loop-exit pair on a loaded machine it
/// was (<see cref="Classes"/>).</para>
/// </remarks>
/// <param name="Processes">The processes whose figures were counted.</param>
/// <param name="AppendNs">The append kernel's mean, ns an iteration.</param>
/// <param name="LoopExitDifferenceNs">The loop-exit pair's mean difference, ns a search.</param>
/// <param name="AluChainNs">The ALU chain's mean, ns an iteration.</param>
internal sealed record ProcessAverage(int Processes, double AppendNs, double LoopExitDifferenceNs, double AluChainNs)
{
    /// <summary>
    /// The classes these figures price in a calibration: <see cref="OperationClass.IntegerAlu"/> only (through the fit, from
    /// <see cref="AluChainNs"/>). The children time the append kernel and the loop-exit pair too, and <c>pix calibrate</c>
    /// prints them, but they are not used: at load 24–50 (2 vCPUs, other builds running) a child timing them for a few
    /// seconds read one of them 1.3–5x off in 15 of 32 children (append up to 10.4 ns against 1.96–2.1, loop-exit
    /// differences down to −5.6 ns), and their mean priced <c>LibraryCopyCall</c> at 2.76–3.60 ns in 4 of 8 calibrations
    /// against 1.34–2.38 from the calibrating process's own passes (docs/accuracy.md, `procs26`). The ALU chain read
    /// 4.23–5.16 ns in every one of 53 children, where the calibrating process read 7.1 and 8.2 in two of 22. Adding a
    /// class here makes the calibration price it at the children's mean (<c>Calibrator</c> reads this list).
    /// </summary>
    public static IReadOnlyList<OperationClass> Classes { get; } = new[] { OperationClass.IntegerAlu };

    /// <summary>The mean over <paramref name="samples"/> of each one's mean over its copies; null when there is none.</summary>
    public static ProcessAverage? Of(IReadOnlyList<ProcessSample> samples) => samples.Count == 0 ? null : new ProcessAverage(
        samples.Count,
        samples.Average(s => s.AppendNs.Average()),
        samples.Average(s => s.LoopExitDifferenceNs.Average()),
        samples.Average(s => s.AluChainNs.Average()));
}
