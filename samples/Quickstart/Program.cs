using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Pix;

namespace Quickstart;

/// <summary>
/// Prints each annotated method's performance interface, then, for inputs of growing size, what
/// the interface predicts next to what the method measurably takes on this machine.
/// <c>dotnet run --project samples/Quickstart -c Release [-- --profile machine.pixhw.json]</c>
/// </summary>
internal static class Program
{
    private const string Usage = "usage: Quickstart [--profile <file.pixhw.json>]";

    private static int Main(string[] args)
    {
        if (args is ["-h"] or ["--help"])
        {
            Console.WriteLine(Usage);
            Console.WriteLine("Prints each performance interface and its predictions next to measured latencies.");
            return 0;
        }

        if (!TryParse(args, out string? profilePath, out string? error))
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
            ? $"Profile: the shipped reference profile ({profile}). For this machine's: pix calibrate, then --profile <file>."
            : $"Profile: {profilePath} ({profile}).");
        Console.WriteLine($"Runtime: {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {Environment.ProcessorCount} logical cores.");
        Console.WriteLine("Measured: median per call of 21 timed batches after a time-based warm-up; spread = interquartile range and CV.");

        GeneratedInterfaces interfaces = GeneratedInterfaces.Load();
        var ratios = new List<double>();
        foreach (Experiment experiment in Experiments.All())
        {
            Console.WriteLine();
            Console.WriteLine($"{experiment.Method}   [{experiment.Shape}]");
            Console.WriteLine("  interface: " + (interfaces.Summary(experiment.Companion)
                ?? $"(no generated file for {experiment.Companion} under {GeneratedInterfaces.Directory})"));
            foreach (string pcv in interfaces.Pcvs(experiment.Companion).Reverse())
            {
                Console.WriteLine("  PCV " + pcv);
            }

            ratios.AddRange(Report(experiment, profile));
        }

        Console.WriteLine();
        double geometricMean = Math.Exp(ratios.Average(Math.Log));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"measured/predicted over {ratios.Count} inputs: geometric mean {geometricMean:0.00}, range {ratios.Min():0.00}–{ratios.Max():0.00}"));
        return 0;
    }

    private static IEnumerable<double> Report(Experiment experiment, HardwareProfile profile)
    {
        Console.WriteLine($"  {"input",-44} {"predicted",11} {"measured",11} {"IQR",23} {"CV",6} {"meas/pred",9}");
        bool first = true;
        foreach (Input input in experiment.Inputs)
        {
            Latency predicted = input.Predict(profile);

            // The first size of a method waits out tiered compilation (the default 1.5 s warm-up);
            // the next ones run code that is already optimised and need less.
            MeasurementOptions options = first ? MeasurementOptions.Default : MeasurementOptions.Default with { WarmupTime = TimeSpan.FromSeconds(0.5) };
            first = false;
            MeasurementResult measured = input.Measure(options);

            double ratio = measured.Median / predicted;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {input.Description,-44} {predicted,11} {measured.Median,11} {"[" + measured.LowerQuartile + " – " + measured.UpperQuartile + "]",23} {measured.CoefficientOfVariation * 100,5:0.0}% {ratio,9:0.00}{(measured.Settled ? "" : "  (not settled)")}"));
            yield return ratio;
        }
    }

    private static bool TryParse(string[] args, out string? profilePath, out string? error)
    {
        profilePath = null;
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
                default:
                    error = $"Unknown argument '{args[i]}'.";
                    return false;
            }
        }

        return true;
    }
}
