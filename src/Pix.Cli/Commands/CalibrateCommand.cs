using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Pix.Cli.Output;

namespace Pix.Cli.Commands;

/// <summary><c>pix calibrate [-o machine.pixhw.json] [--seconds 15] [--ceiling 30] [--name n] [--raw timings.json] [--processes 4]</c>: measure this machine and save its profile.</summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o")
        {
            Description = "Where to write the profile (replaced atomically).",
            DefaultValueFactory = _ => "machine.pixhw.json",
        };
        var seconds = new Option<double>("--seconds")
        {
            Description = "Time budget for the measurement, in seconds (at least 3).",
            DefaultValueFactory = _ => CalibrationOptions.Default.TimeBudget.TotalSeconds,
            CustomParser = OptionParsers.Seconds("--seconds", 3, CalibrationOptions.Default.TimeBudget.TotalSeconds),
        };
        var ceiling = new Option<double?>("--ceiling")
        {
            Description = "Longest the calibration may run, in seconds, when every pass within --seconds ran while another hardware thread shared the core: "
                + "it passes on until one pass runs on a core of its own (default: twice --seconds; equal to --seconds never waits).",
            CustomParser = result => result.Tokens.Count == 0 ? null : OptionParsers.Seconds("--ceiling", 3, 0)(result),
        };
        var name = new Option<string?>("--name") { Description = "Profile name (default: the host name)." };
        var raw = new Option<string?>("--raw")
        {
            Description = "Also write every kernel's timing in every pass (JSON: batches per iteration, collections inside them), to compare calibrations kernel by kernel.",
        };

        var defaultIssueWidth = new Option<bool>("--default-issue-width")
        {
            Description = "Keep the profile at the default issue width (4) instead of recording the measured one (see docs/calibration.md).",
        };

        var processes = new Option<int>("--processes")
        {
            Description = "Child processes that time the placement-sensitive kernels (the integer ALU chain, the append kernel, the loop-exit pair); "
                + "IntegerAlu is then priced from the chain's mean over them, the other two are printed (docs/calibration.md). 0: this process alone, as HardwareProfile.Calibrate does.",
            DefaultValueFactory = _ => PlacementProcesses.DefaultCount,
        };
        processes.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 64)
            {
                result.AddError("--processes takes a number of child processes from 0 to 64.");
            }
        });

        var command = new Command("calibrate", "Measure what each operation class costs on this machine and save a *.pixhw.json profile.")
        {
            output,
            seconds,
            ceiling,
            name,
            raw,
            defaultIssueWidth,
            processes,
        };
        CommandAction.Set(command, (parse, stdout, stderr) =>
            Run(parse.GetValue(output)!, parse.GetValue(seconds), parse.GetValue(ceiling), parse.GetValue(name), parse.GetValue(raw), !parse.GetValue(defaultIssueWidth), parse.GetValue(processes), stdout, stderr));
        return command;
    }

    private static int Run(string outputPath, double seconds, double? ceilingSeconds, string? name, string? rawPath, bool recordIssueWidth, int processes, TextWriter stdout, TextWriter stderr)
    {
        if (ceilingSeconds < seconds)
        {
            throw new CommandLineException($"--ceiling ({Format.Number(ceilingSeconds.Value, "0.##")} s) cannot be shorter than --seconds ({Format.Number(seconds, "0.##")} s).");
        }

        // Check the destinations before spending seconds measuring.
        OutputFile.RequireWritable(outputPath);
        if (rawPath is not null)
        {
            OutputFile.RequireWritable(rawPath);
            if (SameFile(outputPath, rawPath))
            {
                // The raw timings are written after the profile and would replace it.
                throw new CommandLineException($"cannot write the raw timings to '{rawPath}': it is the profile's file (-o); give --raw another path.");
            }
        }

        if (!Calibration.Calibrator.KernelsAreOptimized)
        {
            throw new CommandLineException("this pix was built in Debug, so the calibration kernels would run unoptimised and every cost would be wrong; build or run it with -c Release.");
        }

        double ceilingShown = ceilingSeconds ?? (2 * seconds);
        stderr.WriteLine($"Calibrating for about {seconds:0} s (up to {ceilingShown:0} s while every pass runs on a shared core); keep the machine otherwise idle.");

        // The children's time comes out of the budget (and the ceiling), so that they lengthen the run less; this process keeps
        // at least 1 − ChildrenShareMax of the budget when they took longer (a loaded machine). Even so the default run took
        // 25–39 s at load 21–23 against 16–25 before the children (docs/accuracy.md, `procs26`): its two passes are a minimum.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Calibration.ProcessAverage? acrossProcesses = TimeInChildren(processes, stderr);
        double left = Math.Max(seconds * (1 - ChildrenShareMax), seconds - clock.Elapsed.TotalSeconds);
        CalibrationOptions options = CalibrationOptions.ForBudget(TimeSpan.FromSeconds(left)) with
        {
            ProfileName = name,
            RecordIssueWidth = recordIssueWidth,
            QuietPassCeiling = ceilingSeconds is { } c ? TimeSpan.FromSeconds(Math.Max(left, c - clock.Elapsed.TotalSeconds)) : null,
            AcrossProcesses = acrossProcesses,
        };
        CalibrationResult result = HardwareProfile.CalibrateWithReport(options, new ProgressWriter(stderr));

        result.Profile.Save(outputPath);
        if (rawPath is not null)
        {
            CalibrationRawFile.Write(rawPath, result);
        }

        WriteSummary(result, stdout);
        stdout.WriteLine();
        string children = result.Profile.TimedProcesses == 0 ? string.Empty : $", after {result.Profile.TimedProcesses} child processes";
        stdout.WriteLine($"Saved {outputPath} ({result.Repetitions} passes in {result.Duration.TotalSeconds:0.0} s{children}; {clock.Elapsed.TotalSeconds:0.0} s in all)" + (rawPath is null ? "." : $"; every pass's timings in {rawPath}."));
        WriteIssueRates(result, stdout);
        return ExitCodes.Success;
    }

    /// <summary>The most of <c>--seconds</c> the child processes may take from this process's own passes.</summary>
    private const double ChildrenShareMax = 0.4;

    /// <summary>
    /// The placement-sensitive kernels timed in <paramref name="processes"/> children of this program, one after another and
    /// before this process's own passes (so that none shares the cores with another); null when none gave a usable timing.
    /// </summary>
    private static Calibration.ProcessAverage? TimeInChildren(int processes, TextWriter stderr)
    {
        if (processes == 0)
        {
            return null;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        MachineDescription machine = Deployment.Current();
        stderr.WriteLine($"  [  0.0 s] placement-sensitive kernels in {processes} child processes");
        Calibration.ProcessAverage? average = PlacementProcesses.Run(processes, PlacementProcesses.StartChild, machine.Runtime, machine.JitSettings, stderr);
        stderr.WriteLine($"  [{clock.Elapsed.TotalSeconds,5:0.0} s] {average?.Processes ?? 0} of {processes} child processes timed them ({machine.JitSettings})");
        return average;
    }

    // Paths differing only in case name one file on Windows' and macOS's default file systems.
    private static bool SameFile(string a, string b) => string.Equals(
        Path.GetFullPath(a),
        Path.GetFullPath(b),
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>
    /// The core's issue rate per pass, which passes ran on a core of their own (<see cref="CalibrationResult.QuietPasses"/>,
    /// the rule the calibrator waits on), whether the run passed on beyond its budget waiting for one, and a warning when
    /// none did: the throughput costs are then a shared core's.
    /// </summary>
    internal static void WriteIssueRates(CalibrationResult result, TextWriter stdout)
    {
        if (result.IssueRates.Count == 0)
        {
            return;
        }

        string rates = string.Join(", ", result.IssueRates.Select(r => Format.Number(r, "0.0")));
        stdout.WriteLine($"Core issue rate per pass (operations per cycle): {rates}.");
        IReadOnlyList<int> quiet = result.QuietPasses;
        if (quiet.Count > 0)
        {
            string waited = result.WaitingPasses == 0 ? string.Empty
                : $" The calibration ran {Passes(result.WaitingPasses)} past its time budget: every pass before {(result.WaitingPasses == 1 ? "it" : "them")} ran on a shared core.";
            stdout.WriteLine($"On a core of its own: {(quiet.Count == 1 ? "pass" : "passes")} {string.Join(", ", quiet)} of {result.IssueRates.Count}.{waited}");
            return;
        }

        string ceiling = !result.CeilingReached ? string.Empty
            : result.WaitingPasses == 0 ? "; no further pass would have ended before the ceiling (--ceiling)"
            : $"; it ran {Passes(result.WaitingPasses)} past its time budget waiting for a quiet one and stopped at the ceiling (--ceiling)";
        stdout.WriteLine($"Warning: every pass ran while another hardware thread shared the core (the quiet rate of this process was {Format.Number(result.QuietIssueRate, "0.0")}){ceiling};"
            + " the throughput costs are a shared core's. Calibrate again when the machine is quieter.");
    }

    private static string Passes(int count) => count == 1 ? "1 pass" : $"{count} passes";

    /// <summary>Where the profile's issue width comes from, after <see cref="ShowCommand.IssueWidthLine"/>.</summary>
    private static string IssueWidthSource(CalibrationResult result) => result.MeasuredIssueWidth switch
    {
        null => " The issue mix kernels gave no usable width.",
        { } measured when result.Profile.IssueWidth == measured => " Measured: the issue mix kernels' slots over their cycles.",
        { } measured => $" Measured {Format.Number(measured, "0.##")} (the issue mix kernels' slots over their cycles), not recorded: " +
            "--default-issue-width was given (docs/calibration.md).",
    };

    internal static void WriteSummary(CalibrationResult result, TextWriter stdout)
    {
        HardwareProfile profile = result.Profile;
        stdout.WriteLine($"{profile.Name}: {profile.Machine.Cpu}, {profile.Machine.Cores} cores, {profile.Machine.Runtime}");
        stdout.WriteLine($"JIT: {profile.Machine.JitSettings}");
        stdout.WriteLine();

        var classes = new TextTable("class", "latency ns", "throughput ns", "how").AlignRight(1, 2);
        foreach (OperationClass c in HardwareProfile.AllClasses)
        {
            classes.Add(c.ToString(), Format.Ns(profile.LatencyNs(c)), Format.Ns(profile.ThroughputNs(c)), result.Sources.TryGetValue(c, out string? how) ? how : "?");
        }

        classes.Write(stdout);
        stdout.WriteLine();
        stdout.WriteLine(ShowCommand.IssueWidthLine(profile) + IssueWidthSource(result));
        stdout.WriteLine(result.MeasuredFloatPortSharing is { } sharing
            ? $"Float ports: adds and multiplies share them {Format.Number(sharing, "0.00")} (0: ports of their own, 1: one pool). Measured: the float-port kernel's time beyond its busier kind's."
            : "Float ports: the float-port kernel gave no usable figure; shared (1), the default.");
        if (result.LearntTripCount is { } trips)
        {
            stdout.WriteLine(LearntTripCountLine(trips));
        }

        stdout.WriteLine();

        if (result.MemoryLevels.Count > 0)
        {
            stdout.WriteLine("Dependent load by working set (a pointer chase over a random cycle of cache lines; priced by hw.LoadNs(bytes)):");
            var levels = new TextTable("working set", "latency ns", "pass spread", "noise (CV)").AlignRight(0, 1, 2, 3);
            foreach (MemoryLevelTiming level in result.MemoryLevels)
            {
                levels.Add(MemoryLoadLatency.Describe(level.Point.WorkingSetBytes), Format.Ns(level.Point.LatencyNs), Format.Percent(level.PassSpread), Format.Percent(level.NoiseCv));
            }

            levels.Write(stdout);
            stdout.WriteLine();
        }

        if (result.MemoryLatency is { } memory)
        {
            stdout.WriteLine(MemoryLatencyLine(result.Profile, memory));
            stdout.WriteLine();
        }

        var kernels = new TextTable("kernel", "kind", "measured ns", "fitted ns", "fit error", "pass spread", "noise (CV)").AlignRight(2, 3, 4, 5, 6);
        foreach (KernelTiming k in result.Kernels)
        {
            kernels.Add(k.Name, k.Kind, Format.Ns(k.MeasuredNs), Format.Ns(k.FittedNs), Format.SignedPercent(k.FitError), Format.Percent(k.PassSpread), Format.Percent(k.NoiseCv));
        }

        kernels.Write(stdout);
        double meanAbsFitError = result.Kernels.Average(k => Math.Abs(k.FitError));
        stdout.WriteLine();
        stdout.WriteLine($"Loop control per iteration (2 ALU + 1 branch, counted in every stream kernel): {Format.Ns(result.LoopOverheadNs)} ns. Mean |fit error| over kernels: {Format.Percent(meanAbsFitError)}.");
        stdout.WriteLine("Measured ns are per iteration (per call for bulk kernels): the quietest batch over all timings (a bulk or memory-level probe: the median of the batches of the quietest timing; an allocation kernel: the median of its timings) (a kernel whose timings disagree by more than 5% is timed three times in each later pass).");
    }

    /// <summary>The learnt-trip-count kernel's figure, with the ladder's ns a call around its step, or why the profile keeps the default.</summary>
    internal static string LearntTripCountLine(LearntTripCountTiming trips)
    {
        string coarse = string.Join(", ", trips.Coarse.Select(t => $"{t.Trips}: {Format.Ns(t.Ns)}"));
        string fine = string.Join(", ", trips.Fine.Select(t => $"{t.Trips}: {Format.Ns(t.Ns)}"));
        return trips.Step is { } step
            ? $"Learnt trip count: {step.LastLearnt} iterations (a data-stopped loop's exit costs one more loop-exit miss past it; the search's call steps {Format.Ns(step.StepNs)} ns between {step.LastLearnt} and {step.FirstMissed}). ns a call by iterations: {coarse}; fine: {fine}. Took {trips.Took.TotalMilliseconds:0} ms."
            : $"Learnt trip count: no step of {Format.Ns(trips.MinimumStepNs)} ns or more found{(trips.CoarseStep is null ? "" : $" in the fine ladder (the coarse one stepped between {trips.CoarseStep.LastLearnt} and {trips.CoarseStep.FirstMissed})")}; the default, {HardwareProfile.DefaultLearntTripCount}. ns a call by iterations: {coarse}{(fine.Length > 0 ? "; fine: " + fine : "")}. Took {trips.Took.TotalMilliseconds:0} ms.";
    }

    /// <summary>
    /// The memory-latency kernel's figure beside the curve's plateau (what loads memory served cost before it) and where
    /// the curve starts to read more than it (page walks).
    /// </summary>
    internal static string MemoryLatencyLine(HardwareProfile profile, MemoryLatencyTiming memory) =>
        $"Load served by memory, without page walks (median of {memory.PiecesNs.Count} timed pieces of "
        + $"{Calibration.Kernels.MemoryLatencyKernel.Repetitions} chase laps over {MemoryLoadLatency.Describe(Calibration.Kernels.MemoryLatencyKernel.FootprintBytes)} after emptying the caches; "
        + $"pieces {Format.Ns(memory.LowestNs)}-{Format.Ns(memory.HighestNs)}): {Format.Ns(memory.LatencyNs)} ns. "
        + $"Curve's plateau: {(profile.MemoryPlateauNs is { } plateau ? Format.Ns(plateau) + " ns" : "none")}; "
        + $"page walks from: {(profile.PageWalkOnsetBytes is { } onset ? MemoryLoadLatency.Describe((long)Math.Round(onset / 1024) * 1024) : "no curve point above it")}.";

    /// <summary>Writes progress synchronously (Progress&lt;T&gt; would post to the thread pool and interleave).</summary>
    private sealed class ProgressWriter : IProgress<CalibrationProgress>
    {
        private readonly TextWriter _writer;
        private string? _stage;

        public ProgressWriter(TextWriter writer) => _writer = writer;

        public void Report(CalibrationProgress value)
        {
            if (value.Stage != _stage)
            {
                _stage = value.Stage;
                _writer.WriteLine($"  [{value.Elapsed.TotalSeconds,5:0.0} s] {value.Stage}");
            }
        }
    }
}
