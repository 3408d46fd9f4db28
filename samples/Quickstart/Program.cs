using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Pix;

namespace Quickstart;

/// <summary>
/// Prints each annotated method's performance interface, then, for inputs of growing size, what
/// the interface predicts next to what the method measurably takes on this machine.
/// <c>dotnet run --project samples/Quickstart -c Release [-- --profile machine.pixhw.json]</c>
/// </summary>
internal static class Program
{
    private const string Usage = "usage: Quickstart [--profile <file.pixhw.json>] [--throughput] | --kernels [repeat]";

    private static int Main(string[] args)
    {
        if (args is ["-h"] or ["--help"])
        {
            Console.WriteLine(Usage);
            Console.WriteLine("Prints each performance interface and its predictions next to measured latencies.");
            Console.WriteLine("--throughput: time calls back to back, as BenchmarkDotNet does, instead of one call's latency.");
            Console.WriteLine("--kernels: the per-iteration measurements behind the diagnosis in docs/accuracy.md; --kernels repeat: Text.Repeat in its parts.");
            return 0;
        }

        if (args is ["--kernels", "repeat"])
        {
            RepeatDiagnosis.Run();
            return 0;
        }

        if (args is ["--kernels"])
        {
            Diagnosis.Run();
            return 0;
        }

        if (!TryParse(args, out string? profilePath, out MeasurementMode mode, out string? error))
        {
            Console.Error.WriteLine(error);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        HardwareProfile profile;
        try
        {
            profile = profilePath is null ? HardwareProfile.Reference : HardwareProfile.Load(profilePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            Console.Error.WriteLine($"Cannot use the profile '{profilePath}': {e.Message}");
            return 1;
        }

        Console.WriteLine("Pix Quickstart: performance interfaces, predicted vs measured");
        Console.WriteLine(profilePath is null
            ? $"Profile: {profile}, shipped with Pix. For this machine's, run"
              + " `dotnet run --project src/Pix.Cli -c Release -- calibrate -o machine.pixhw.json` and pass --profile machine.pixhw.json."
            : $"Profile: {profile}, from {profilePath}.");
        Console.WriteLine($"Runtime: {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores.");
        MachineDescription now = Deployment.Current();
        Console.WriteLine($"Deployment: this process runs with {now.JitSettings}.");
        if (profilePath is not null)
        {
            Console.WriteLine($"The profile was calibrated with {profile.Machine.JitSettings} ({profile.Machine.Runtime}, {profile.Machine.Cpu}).");
            foreach (string difference in Deployment.Differences(profile.Machine, now))
            {
                Console.WriteLine($"Warning: this is not the deployment the profile describes ({difference}); its predictions are that deployment's, not this one's.");
            }
        }

        Console.WriteLine("Measured: median time per call over 21 timed batches after a time-based warm-up;"
            + " spread: the middle half of the batches (interquartile range), and its width relative to the median.");
        if (Measurement.EffectiveMode(mode) != mode)
        {
            mode = Measurement.EffectiveMode(mode);
            Console.WriteLine("This processor has no load fence (not x86/x64): calls are timed back to back.");
        }

        Console.WriteLine("issue: operations per cycle the core issued around the measurement (Measurement.CoreIssueRate: about"
            + " its width, 4-5 here, when the core is this thread's alone; about half while another hardware thread shares it, which"
            + " slows code bound by the issue rate, not code bound by dependency chains). A measurement under 90% of the highest rate"
            + " seen is taken again (up to 3 rounds); \"core shared\" marks one that never got the core to itself.");
        Console.WriteLine(mode == MeasurementMode.Latency
            ? "Each call is fenced off from the next (LFENCE), so the processor cannot overlap them: the latency of one call, which is what an interface predicts. --throughput times them back to back."
            : "Calls run back to back, as BenchmarkDotNet times them: the processor overlaps consecutive short calls, so calls of under a few hundred ns measure faster than their latency.");

        GeneratedInterfaces interfaces = GeneratedInterfaces.Load();
        var outcomes = new List<Outcome>();
        foreach (Experiment experiment in Experiments.All())
        {
            Console.WriteLine();
            Console.WriteLine($"{experiment.Method}   [{experiment.Shape}]");
            // The generated summary is written at compile time, on the reference profile; on another
            // profile the same interface has other coefficients, computed here from the interface itself.
            string? summary = interfaces.Summary(experiment.Companion);
            int largest = experiment.Formula.Degree >= 3 ? 64 : 4096;
            double[]? coefficients = experiment.Formula.On(profile, check: largest);
            if (profilePath is null || summary is null)
            {
                Console.WriteLine($"  {experiment.Companion}: " + (summary ?? $"(no generated file for {experiment.Companion} under {GeneratedInterfaces.Directory})"));
            }
            else
            {
                Console.WriteLine($"  {experiment.Companion}, generated: {summary}");
                Console.WriteLine($"  {experiment.Companion} on {profile.Name}: "
                    + (coefficients is null ? $"(not a polynomial of degree {experiment.Formula.Degree} in {experiment.Formula.Variable}; see the predictions below)" : experiment.Formula.Describe(coefficients)));
            }
            foreach (string pcv in interfaces.Pcvs(experiment.Companion))
            {
                Console.WriteLine("  PCV " + pcv);
            }

            outcomes.AddRange(Report(experiment, profile, mode));
        }

        Console.WriteLine();
        double geometricMean = Math.Exp(outcomes.Average(o => Math.Log(o.Ratio)));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"measured/predicted over {outcomes.Count} inputs: geometric mean {geometricMean:0.00}, range {outcomes.Min(o => o.Ratio):0.00}–{outcomes.Max(o => o.Ratio):0.00}"));
        Outcome[] ownCore = outcomes.Where(o => !o.CoreShared).ToArray();
        string ownCoreMape = ownCore.Length == 0
            ? "no input was measured on a core of its own"
            : string.Create(CultureInfo.InvariantCulture, $"{ownCore.Average(o => o.Error) * 100:0.0}% over the {ownCore.Length} measured on a core of their own");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"mean absolute error (MAPE): {outcomes.Average(o => o.Error) * 100:0.0}% over all {outcomes.Count} inputs; {ownCoreMape}"));
        return 0;
    }

    /// <summary>One input's measured/predicted ratio, and whether another hardware thread shared the core while it was measured.</summary>
    private readonly record struct Outcome(double Ratio, bool CoreShared)
    {
        /// <summary>|predicted − measured| / measured.</summary>
        public double Error => Math.Abs((1 / Ratio) - 1);
    }

    private static IEnumerable<Outcome> Report(Experiment experiment, HardwareProfile profile, MeasurementMode mode)
    {
        Console.WriteLine($"  {"input",-42} {"predicted",10} {"measured",10}   {"middle half of batches",-24} {"width",6} {"issue",5} {"meas/pred",9}");
        bool first = true;
        foreach (Input input in experiment.Inputs)
        {
            Latency predicted = input.Predict(profile);

            // The first size of a method waits out tiered compilation (the default 1.5 s warm-up);
            // the next ones run code that is already optimised and need less.
            MeasurementOptions options = MeasurementOptions.Default with { Mode = mode };
            options = first ? options : options with { WarmupTime = TimeSpan.FromSeconds(0.5) };
            first = false;
            MeasurementResult measured = input.Measure(options);

            double ratio = measured.Median / predicted;
            string range = measured.LowerQuartile + " – " + measured.UpperQuartile;
            double relativeSpread = measured.InterquartileRange / measured.Median;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {input.Description,-42} {predicted,10} {measured.Median,10}   {range,-24} {relativeSpread * 100,5:0.0}% {measured.IssueRate,5:0.0} {ratio,9:0.00}{(measured.Settled ? "" : "  (not settled)")}{(measured.CoreShared ? "  (core shared)" : "")}"));
            yield return new Outcome(ratio, measured.CoreShared);
        }
    }

    private static bool TryParse(string[] args, out string? profilePath, out MeasurementMode mode, out string? error)
    {
        profilePath = null;
        mode = MeasurementMode.Latency;
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--profile" when i + 1 < args.Length:
                    profilePath = args[++i];
                    break;
                case "--profile":
                    error = "--profile needs a file name.";
                    return false;
                case "--throughput":
                    mode = MeasurementMode.Throughput;
                    break;
                default:
                    error = $"Unknown argument '{args[i]}'.";
                    return false;
            }
        }

        return true;
    }
}
