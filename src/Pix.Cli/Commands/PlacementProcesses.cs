using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Pix.Calibration;

namespace Pix.Cli.Commands;

/// <summary>
/// <c>pix calibrate</c>'s child processes: each times the placement-sensitive kernels in a process of its own
/// (<see cref="CalibrateKernelsCommand"/>), and the calibration prices those classes at the mean over the children
/// (<see cref="ProcessAverage"/> says why processes and why the mean). A child that fails, runs out of time, writes
/// something else or runs in another deployment is named and left out; with none left the calibration keeps its
/// in-process figures, as <see cref="HardwareProfile.Calibrate"/> does.
/// </summary>
internal static class PlacementProcesses
{
    /// <summary>
    /// Children a calibration starts by default: four, so that a slow draw that comes once in four processes is counted at
    /// about its share. Their time comes out of the budget (<c>CalibrateCommand</c>); a child took 2.4–5.9 s at load 22–25
    /// and up to 14 s at load 50 on this 2-vCPU machine (docs/accuracy.md, `procs26`; not measured on an idle one).
    /// </summary>
    public const int DefaultCount = 4;

    /// <summary>
    /// Longest a child may run before it is stopped and left out. At load 38–57 under <c>DOTNET_TieredCompilation=0</c> three
    /// of twelve children reached it (the others took 5–14 s) and the calibration went on with the rest, so a longer wait
    /// would only lengthen a run on a machine that busy.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Starts <paramref name="count"/> children one after another (never together: they would share the cores they time),
    /// each with <paramref name="start"/>, and averages the ones whose timings stand for this deployment
    /// (<paramref name="runtime"/>, <paramref name="jitSettings"/>); every child left out is a line on <paramref name="log"/>.
    /// </summary>
    /// <returns>The mean over the usable children, or null when none was.</returns>
    public static ProcessAverage? Run(int count, Func<ChildRun> start, string runtime, string jitSettings, TextWriter log)
    {
        var samples = new List<ProcessSample>();
        for (int i = 1; i <= count; i++)
        {
            ChildRun run = start();
            if (Accept(run, runtime, jitSettings, out ProcessSample? sample) is { } reason)
            {
                log.WriteLine($"  child {i} of {count} left out: {reason}.");
                continue;
            }

            samples.Add(sample!);
            log.WriteLine($"  child {i} of {count} ({run.Seconds:0.0} s): append {Figures(sample!.AppendNs)}, loop-exit difference {Figures(sample.LoopExitDifferenceNs)}, {CalibrationKernels.AluChainName} {Figures(sample.AluChainNs)}");
        }

        ProcessAverage? average = ProcessAverage.Of(samples);
        if (average is null && count > 0)
        {
            log.WriteLine($"  No child process timed the placement-sensitive kernels; {string.Join(", ", ProcessAverage.Classes)} are timed in this process alone (as HardwareProfile.Calibrate does).");
        }

        return average;
    }

    /// <summary>Starts one child of this program (<see cref="CalibrateKernelsCommand"/>) with <see cref="Timeout"/>.</summary>
    public static ChildRun StartChild()
    {
        (string fileName, IReadOnlyList<string> prefix) = ChildProcess.ThisProgram();
        return ChildProcess.Run(fileName, prefix.Append(CalibrateKernelsCommand.Name).ToArray(), Timeout);
    }

    /// <summary>Why <paramref name="run"/> is left out, or null with its <paramref name="sample"/>.</summary>
    private static string? Accept(ChildRun run, string runtime, string jitSettings, out ProcessSample? sample)
    {
        sample = null;
        if (run.StartError is { } startError)
        {
            return $"it could not be started ({startError})";
        }

        if (run.TimedOut)
        {
            return $"it did not finish within {Timeout.TotalSeconds:0} s and was stopped";
        }

        if (run.ExitCode != 0)
        {
            string said = FirstLine(run.Error);
            return $"it exited with code {run.ExitCode}" + (said.Length == 0 ? string.Empty : $" ({said})");
        }

        if (!ProcessSampleJson.TryParse(run.Output, out sample, out string reason))
        {
            return reason;
        }

        if (sample!.DeploymentDifference(runtime, jitSettings) is { } difference)
        {
            sample = null;
            return difference;
        }

        return null;
    }

    /// <summary>A child's copies of one kernel: their mean and range, ns.</summary>
    private static string Figures(IReadOnlyList<double> copies) =>
        FormattableString.Invariant($"{copies.Average():0.00} ({copies.Min():0.00}-{copies.Max():0.00})");

    private static string FirstLine(string text)
    {
        string line = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
        return line.Length <= 160 ? line : line.Substring(0, 157) + "...";
    }
}
