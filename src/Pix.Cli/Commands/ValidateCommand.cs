using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Pix.Cli.Output;
using Pix.Cli.Validation;
using Pix.Json;

namespace Pix.Cli.Commands;

/// <summary>
/// <c>pix validate &lt;assembly.dll&gt; [--profile F] [--sizes 16,64,…] [--out docs/accuracy-x.md] [--project P.csproj] [--throughput]</c>:
/// runs every <c>[PerformanceInterface]</c> method that has <c>[PerformanceInputs]</c> over a sweep of
/// sizes, and compares its generated <c>LatencyOf_X</c> with measurements.
/// </summary>
internal static class ValidateCommand
{
    /// <summary>16 to 65 536 by factors of 4: 7 sizes spanning 4096x.</summary>
    internal static readonly int[] DefaultSizes = { 16, 64, 256, 1024, 4096, 16384, 65536 };

    /// <summary>
    /// Rounds of timed batches tried per size before a shared-core or unsettled one is kept (the
    /// harness's default is 3). A round is 21 batches of about 100 µs and two issue-rate probes, a few
    /// milliseconds against the size's warm-up of 0.5–1.5 s, and every size measured on a core of its
    /// own is one more the deployment fit can train on or be judged by.
    /// </summary>
    internal const int SettleRounds = 10;

    /// <summary>Passes over the sweep by default (<c>--passes</c>): see <see cref="RepeatedMeasurements"/>.</summary>
    internal const int DefaultPasses = 2;

    private const int MinPasses = 1;
    private const int MaxPasses = 5;

    public static Command Create()
    {
        var assembly = new Argument<string>("assembly") { Description = "The built assembly (.dll) holding [PerformanceInterface] methods." };
        var profile = new Option<string?>("--profile") { Description = "Hardware profile (*.pixhw.json) to predict with; default: the shipped reference profile." };
        var sizes = new Option<int[]?>("--sizes")
        {
            Description = "Input sizes to sweep, comma-separated (default: the method's [PerformanceInputs(Sizes=…)], else 16,64,…,65536).",
            CustomParser = ParseSizes,
        };
        var output = new Option<string?>("--out") { Description = "Write a Markdown report here, and an SVG plot beside it (same name, .svg)." };
        var warmup = new Option<double>("--warmup")
        {
            Description = "Warm-up seconds before measuring each size.",
            DefaultValueFactory = _ => MeasurementOptions.Default.WarmupTime.TotalSeconds,
            CustomParser = OptionParsers.Seconds("--warmup", 0, MeasurementOptions.Default.WarmupTime.TotalSeconds),
        };
        var method = new Option<string?>("--method") { Description = "Only validate methods whose name contains this text." };
        var passes = new Option<int>("--passes")
        {
            Description = $"Measure every size in this many passes over the sweep ({MinPasses}–{MaxPasses}); a size whose measurements on a core of its own disagree by more than 5% is measured once more, and the median is kept (of measurements in two modes 1.5x or more apart, the faster mode's).",
            DefaultValueFactory = _ => DefaultPasses,
            CustomParser = ParsePasses,
        };
        var throughput = new Option<bool>("--throughput")
        {
            Description = "Time calls back to back, as BenchmarkDotNet does, instead of one call's latency (each call fenced off from the next); short calls measure faster that way because the processor overlaps them.",
        };
        var project = new Option<string?>("--project")
        {
            Description = "The assembly's project (.csproj or its directory): its interfaces' models are extracted so the deployment-specific fit keeps each term and fits one coefficient per term.",
        };

        var command = new Command("validate", "Measure [PerformanceInterface] methods over a sweep of input sizes and compare with their predicted latency.")
        {
            assembly,
            profile,
            sizes,
            output,
            warmup,
            method,
            project,
            throughput,
            passes,
        };
        CommandAction.Set(command, (parse, stdout, stderr) => Run(
            parse.GetValue(assembly)!,
            parse.GetValue(profile),
            parse.GetValue(sizes),
            parse.GetValue(output),
            TimeSpan.FromSeconds(parse.GetValue(warmup)),
            parse.GetValue(method),
            parse.GetValue(project),
            parse.GetValue(throughput) ? MeasurementMode.Throughput : MeasurementMode.Latency,
            parse.GetValue(passes),
            stdout,
            stderr));
        return command;
    }

    /// <summary>What the machine-state lines say, printed once under the summary and in the Markdown report's header.</summary>
    internal const string MachineStateLegend =
        "Machine: the machine's state against the profile just before and after each method's sweep (MachineState.Probe): the calibration's chain kernels (ALU, L1 load, "
        + "memory chases in and beyond L2) timed now over what the profile prices them, and their geometric mean, the factor; 1.00 = as priced, 1.30 = 30% slower; "
        + "quartiles over the probe's rounds in brackets. A noise figure beside the errors, never applied to a prediction.";

    private static int[]? ParseSizes(ArgumentResult result)
    {
        var sizes = new List<int>();
        foreach (string part in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out int size) || size <= 0)
            {
                result.AddError($"--sizes takes positive integers separated by commas; '{part}' is not one.");
                return null;
            }

            sizes.Add(size);
        }

        if (sizes.Count == 0)
        {
            result.AddError("--sizes needs at least one size.");
            return null;
        }

        return sizes.Distinct().OrderBy(s => s).ToArray();
    }

    private static int ParsePasses(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return DefaultPasses;
        }

        string text = result.Tokens[0].Value;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < MinPasses || value > MaxPasses)
        {
            result.AddError($"--passes takes a whole number from {MinPasses} to {MaxPasses}; got '{text}'.");
            return DefaultPasses;
        }

        return value;
    }

    private static int Run(string assemblyPath, string? profilePath, int[]? sizes, string? outputPath, TimeSpan warmup, string? methodFilter, string? projectPath, MeasurementMode mode, int passes, TextWriter stdout, TextWriter stderr)
    {
        // Everything that can be refused is checked before the (long) measurement starts.
        if (!File.Exists(assemblyPath))
        {
            throw new CommandLineException($"assembly '{assemblyPath}' does not exist.");
        }

        bool isReference = profilePath is null;
        HardwareProfile profile = profilePath is null ? HardwareProfile.Reference : HardwareProfile.Load(profilePath);
        string? svgPath = null;
        if (outputPath is not null)
        {
            OutputFile.RequireWritable(outputPath);
            svgPath = Path.ChangeExtension(outputPath, ".svg");
        }

        // A wrong --project is refused now, not after loading the assembly (the build itself comes later).
        string? projectFile = projectPath is null ? null : BaselineUpdate.ProjectBuild.ResolveProjectFile(projectPath);

        string fullAssemblyPath = Path.GetFullPath(assemblyPath);
        Assembly target = new TargetLoadContext(fullAssemblyPath).LoadFromAssemblyPath(fullAssemblyPath);
        IReadOnlyList<ValidationTarget> targets = ValidationTarget.Discover(target)
            .Where(t => methodFilter is null || t.Method.Name.Contains(methodFilter, StringComparison.Ordinal))
            .ToList();
        if (targets.Count == 0)
        {
            throw new CommandLineException($"no [PerformanceInterface] methods{(methodFilter is null ? string.Empty : $" matching '{methodFilter}'")} in '{assemblyPath}'.");
        }

        if (isReference)
        {
            stderr.WriteLine("pix validate: warning: no --profile given; predicting with the shipped reference profile, not a calibration of this machine (run 'pix calibrate').");
        }

        foreach (string difference in isReference ? Array.Empty<string>() : Deployment.Differences(profile.Machine, Deployment.Current()))
        {
            stderr.WriteLine($"pix validate: warning: this process is not the deployment the profile was calibrated in ({difference}); its predictions are that deployment's.");
        }

        if ((target.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled).GetValueOrDefault())
        {
            stderr.WriteLine($"pix validate: warning: '{assemblyPath}' is a Debug build; its code runs unoptimised, so measurements do not reflect Release performance.");
        }

        IReadOnlyDictionary<string, Pix.Model.InterfaceModel>? models = projectFile is null ? null : InterfaceModels.FromProject(projectFile, stderr);
        if (Measurement.EffectiveMode(mode) != mode)
        {
            stderr.WriteLine("pix validate: note: this machine has no load fence (not x86/x64); calls are timed back to back, so calls of under a few hundred nanoseconds may measure faster than their latency.");
            mode = Measurement.EffectiveMode(mode);
        }

        var runner = new ValidationRunner(profile, MeasurementOptions.Default with { WarmupTime = warmup, Mode = mode, MaxSettleRounds = SettleRounds }, stderr, models, passes);
        var results = new List<MethodValidation>();
        foreach (ValidationTarget t in targets)
        {
            // An absent --sizes parses as an empty array, not null.
            IReadOnlyList<int> sweep = sizes is { Length: > 0 } ? sizes : t.DeclaredSizes.Count > 0 ? t.DeclaredSizes : DefaultSizes;
            if (t.NotValidatedBecause is null && (sweep.Count < 6 || (double)sweep.Max() / sweep.Min() < 1000))
            {
                stderr.WriteLine($"pix validate: note: {t.Method.Name} sweeps {sweep.Count} sizes spanning {(double)sweep.Max() / sweep.Min():0.#}x; accuracy claims want at least 6 spanning 1000x.");
            }

            // The machine's state around the sweep, against the profile the predictions use: a noise figure beside the
            // errors (a machine 1.4x slower than calibrated shows here, not only as error), never applied to them.
            MachineState? before = t.NotValidatedBecause is null ? MachineState.Probe(profile) : null;
            MethodValidation validation = runner.Run(t, sweep);
            results.Add(before is null ? validation : validation with { StateBefore = before, StateAfter = MachineState.Probe(profile) });
        }

        // Each measurement was judged against the quiet rate known when it ran; judge them all against the one known now.
        var report = new ValidationReport(Path.GetFileName(assemblyPath), profile, isReference, runner.JudgeFinally(results), mode);
        WriteSummary(report, stdout);

        if (outputPath is not null)
        {
            string commandLine = "pix validate " + Path.GetFileName(assemblyPath)
                + (profilePath is null ? string.Empty : " --profile " + Path.GetFileName(profilePath))
                + (sizes is { Length: > 0 } ? " --sizes " + string.Join(",", sizes) : string.Empty)
                + (projectPath is null ? string.Empty : " --project " + projectPath)
                + (mode == MeasurementMode.Throughput ? " --throughput" : string.Empty)
                + (passes == DefaultPasses ? string.Empty : " --passes " + passes.ToString(CultureInfo.InvariantCulture));
            List<MethodValidation> plotted = results.Where(r => r.Validated).ToList();
            if (plotted.Count > 0)
            {
                AtomicFile.WriteAllText(svgPath!, SvgPlot.Write(plotted, $"{report.Assembly}: predicted (lines) vs measured (dots, IQR bars)"));
            }

            AtomicFile.WriteAllText(outputPath, MarkdownReport.Write(report, plotted.Count > 0 ? Path.GetFileName(svgPath) : null, commandLine));
            stdout.WriteLine($"Wrote {outputPath}" + (plotted.Count > 0 ? $" and {svgPath}" : string.Empty) + ".");
        }

        return ExitCodes.Success;
    }

    /// <summary>The lines "Machine before: factor 1.08 (1.05–1.11) over 9 rounds: …" and "Machine after: …" of a method, when probed.</summary>
    internal static void WriteMachineState(MethodValidation m, TextWriter stdout)
    {
        if (m.StateBefore is { } before)
        {
            stdout.WriteLine($"Machine before: {before}");
        }

        if (m.StateAfter is { } after)
        {
            stdout.WriteLine($"Machine after:  {after}");
        }
    }

    private static void WriteSummary(ValidationReport report, TextWriter stdout)
    {
        stdout.WriteLine($"Profile: {report.Profile.Name} ({report.Profile.Machine.Cpu})");
        stdout.WriteLine($"Calibrated under: {report.Profile.Machine.Runtime}; {report.Profile.Machine.JitSettings}");
        MachineDescription now = Deployment.Current();
        stdout.WriteLine($"Measured under:   {now.Runtime}; {now.JitSettings}");
        stdout.WriteLine($"Measured as:      {report.MeasuredAs}");
        foreach (MethodValidation m in report.Methods)
        {
            stdout.WriteLine();
            if (!m.Validated)
            {
                stdout.WriteLine($"{m.Method}: not validated ({m.NotValidatedBecause ?? "no sizes"})");
                continue;
            }

            stdout.WriteLine($"{m.Method}: MAPE {Format.Percent(m.Mape)}; on a core of its own {Format.PercentOrDash(m.OwnCoreMape)} ({m.OwnCorePoints.Count()} of {m.Points.Count} sizes)");
            WriteMachineState(m, stdout);
            var table = new TextTable("size", "predicted", "measured", "CV", "IQR/median", "issue", "error").AlignRight(0, 1, 2, 3, 4, 5, 6);
            foreach (ValidationPoint p in m.Points)
            {
                table.Add(
                    p.Size.ToString(CultureInfo.InvariantCulture),
                    p.Predicted.ToString(),
                    p.Measured.Median + (p.Measured.Settled ? string.Empty : " *") + (p.Measured.CoreShared ? " †" : string.Empty),
                    Format.Percent(p.Measured.CoefficientOfVariation),
                    Format.Percent(p.Measured.RelativeInterquartileRange),
                    Format.IssueRate(p.Measured.IssueRate),
                    Format.SignedPercent(p.SignedError));
            }

            table.Write(stdout);
            if (m.DroppedNote() is string dropped)
            {
                stdout.WriteLine($"Cold start: {dropped}.");
            }

            if (m.Judgement?.Note() is string judged)
            {
                stdout.WriteLine($"Shared core: {judged}.");
            }

            if (m.Fit is DeploymentFit fit)
            {
                stdout.WriteLine(
                    $"Deployment fit ({FitForm.Name(fit.Kind)}, {fit.ChosenBecause}{(m.NoTermsBecause is null ? string.Empty : "; no per-term form: " + m.NoTermsBecause)}) on sizes {string.Join(", ", fit.TrainingSizes)}: measured ≈ {fit.Describe()}");
                stdout.WriteLine(
                    $"  error on held-out sizes {string.Join(", ", fit.HeldOutSizes)}: {Format.Percent(fit.HeldOutMapeBefore)} as generated, {Format.Percent(fit.HeldOutMapeAfter)} fitted (median CV {Format.Percent(m.MedianNoise)}).");
                if (fit.SharedCoreNote() is string note)
                {
                    stdout.WriteLine($"  {note}.");
                }

                if (fit.UnmeasurableNote() is string unmeasurable)
                {
                    stdout.WriteLine($"  {unmeasurable}.");
                }
            }
        }

        stdout.WriteLine();
        int validated = report.Methods.Count(m => m.Validated);
        stdout.WriteLine(validated == 0
            ? "No method was validated."
            : $"Overall MAPE {Format.Percent(report.OverallMape)} over {validated} method(s); {Format.PercentOrDash(report.OverallOwnCoreMape)} over the {report.PointCounts.OwnCore} of {report.PointCounts.All} sizes measured on a core of their own; * = timings had not settled; † = measured while another hardware thread shared the core.");
        if (validated > 0)
        {
            stdout.WriteLine(MachineStateLegend);
        }
    }
}
