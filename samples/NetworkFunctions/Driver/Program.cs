using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pix;
using Pix.Samples.NetworkFunctions.Driver;
using Pix.Samples.NetworkFunctions.Workloads;

// dotnet run --project samples/NetworkFunctions -c Release -- [command] [nf|all] [workload|all] [options]
//   measure (default)  throughput, per-packet median latency (timer and the driver's dispatch, the entry call included, subtracted), the generated
//                      interface's median prediction for the same packets with the PCV values they induced
//   explain            the prediction for the median packet, term by term and per PCV
//   diagnose           which PCV value explains the measured median of an adversarial workload
//   compare-hardware   the interface over the workload's packets on --profile and on --against
//   levels             the packets grouped by the cache level that served a cold-load PCV's loads (--pcv, default the first PCV)
const string Usage = "usage: NetworkFunctions [measure|explain|diagnose|compare-hardware|levels] [nf|all] [workload|all] [--warmup-ms N] [--repetitions N] [--seed N] [--profile file.pixhw.json|reference] [--against file.pixhw.json|reference] [--pcv name]";
string[] commands = { "measure", "explain", "diagnose", "compare-hardware", "levels" };
if (args.Any(a => a is "--help" or "-h" or "-?"))
{
    // Asked for: the usage on stdout and success (an error prints it on stderr with exit code 2).
    Console.WriteLine(Usage);
    Console.WriteLine("  network functions: " + string.Join(", ", ScenarioCatalog.NetworkFunctions));
    return 0;
}

try
{
    string command = args.Length > 0 && commands.Contains(args[0]) ? args[0] : "measure";
    Options options = Options.Parse(command == "measure" && (args.Length == 0 || args[0] != "measure") ? args : args.Skip(1).ToArray());
    // "reference" names the shipped profile, anything else a *.pixhw.json file (pix calibrate -o …).
    static HardwareProfile LoadProfile(string path) => path == "reference" ? HardwareProfile.Reference : HardwareProfile.Load(path);
    HardwareProfile profile = LoadProfile(options.ProfilePath ?? "reference");
    // The cold-load traces simulate a third level as far as this profile's curve says the L3 reaches (its FromMemory counts).
    MachineCaches caches = MachineCaches.Current.WithL3From(profile);
    switch (command)
    {
        case "explain":
            foreach ((string nf, string workload) in options.Selection())
            {
                OperatorCommands.Explain(ScenarioCatalog.Create(nf, workload, options.Seed, caches), profile);
                Console.WriteLine();
            }

            return 0;
        case "diagnose":
        {
            foreach ((string nf, string workload) in options.Selection().Where(s => s.Workload != "typical"))
            {
                OperatorCommands.Diagnose(
                    ScenarioCatalog.Create(nf, "typical", options.Seed),
                    ScenarioCatalog.Create(nf, workload, options.Seed, caches),
                    profile,
                    TimeSpan.FromMilliseconds(options.WarmUpMs),
                    options.Repetitions);
                Console.WriteLine();
            }

            return 0;
        }

        case "levels":
            foreach ((string nf, string workload) in options.Selection())
            {
                Scenario scenario = ScenarioCatalog.Create(nf, workload, options.Seed, caches);
                string? pcv = options.Pcv ?? scenario.PcvNames.FirstOrDefault();
                if (pcv is null)
                {
                    Console.WriteLine($"{nf} {workload}: no PCV to break down.");
                    continue;
                }

                LevelBreakdown.Run(scenario, pcv, profile, TimeSpan.FromMilliseconds(options.WarmUpMs), options.Repetitions);
            }

            return 0;
        case "compare-hardware":
            HardwareProfile against = options.AgainstPath is null
                ? throw new ArgumentException("compare-hardware needs --against file.pixhw.json (the other machine's profile).")
                : LoadProfile(options.AgainstPath);
            foreach ((string nf, string workload) in options.Selection())
            {
                OperatorCommands.CompareHardware(ScenarioCatalog.Create(nf, workload, options.Seed, caches), profile, against);
            }

            return 0;
    }

    // The state probe's first call warms its kernels up (1.5 s): here, so that tier-1 code has arrived by the first workload's probe.
    MachineState.Probe(profile);
    double timerNs = PerPacketMeasurement.Run(ScenarioCatalog.Create("policer", "typical"), TimeSpan.Zero, 1).TimerOverheadNs;
    Console.WriteLine($"profile: {profile.Name}; timer overhead: {timerNs:0.0} ns; dispatch = the same packets through the same scenario, each making the entry point's call to an empty method of its signature (timer excluded)");
    Console.WriteLine($"caches simulated for the cold-load PCVs: {caches}");
    Console.WriteLine($"measured = median over packets of each packet's timed latency (its mean over the repetitions, readings more than {PerPacketMeasurement.OutlierWindowSteps} clock steps of {PerPacketMeasurement.ClockStepNs:0.#} ns from its median dropped) - timer - dispatch: what the entry point's interface describes");
    Console.WriteLine($"shared = timed replays during which another hardware thread shared the core (each replayed up to {PerPacketMeasurement.MaxAttempts} times to get it alone)");
    Console.WriteLine(MachineStateReport.Legend);
    Console.WriteLine($"{"nf",-9} {"workload",-15} {"packets",8} {"Mpps",7} {"dispatch",9} {"measured",9} {"p99",9} {"predicted",10} {"error",7} {"shared",6} {"machine",-10}  PCVs induced (per measured packet)");
    foreach ((string nf, string workload) in options.Selection())
    {
        Scenario scenario = ScenarioCatalog.Create(nf, workload, options.Seed, caches);
        PcvTrace pcvs = scenario.TracePcvs();
        double[]? predicted = scenario.PredictAll(profile, pcvs);
        TimeSpan warmUp = TimeSpan.FromMilliseconds(options.WarmUpMs);
        PerPacketResult result = PerPacketMeasurement.Run(scenario, warmUp, options.Repetitions, stateAgainst: profile);
        // Timed right after the function, on its packets, so both see the same machine state.
        double dispatchNs = Statistics.Median(PerPacketMeasurement.RunBaseline(scenario, warmUp, options.Repetitions).PerPacketNs) - timerNs;
        double measured = Statistics.Median(result.PerPacketNs) - timerNs - dispatchNs;
        double p99 = Statistics.Percentile(result.PerPacketNs, 0.99) - timerNs - dispatchNs;
        string prediction = predicted is null ? "(none)" : string.Create(CultureInfo.InvariantCulture, $"{Statistics.Median(predicted),7:0.0} ns");
        // Rounded first, and + 0.0 turns -0 into 0, so an error under 0.5% prints "0%", not "-+0%".
        string error = predicted is null ? "" : string.Create(CultureInfo.InvariantCulture, $"{Math.Round((Statistics.Median(predicted) - measured) / measured, 2) + 0.0,7:+0%;-0%;0%}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{nf,-9} {workload,-15} {pcvs.PacketCount,8} {result.PacketsPerSecond / 1e6,7:0.00} {dispatchNs,6:0.0} ns {measured,6:0.0} ns {p99,6:0.0} ns {prediction,10} {error,7} {result.SharedRepetitions + "/" + result.Repetitions,6} {MachineStateReport.Column(result),-10}  {pcvs.Summarize()}"));
        MachineStateReport.Lines(result).ToList().ForEach(Console.WriteLine);
    }

    return 0;
}
catch (Exception e) when (e is ArgumentException or ProfileFormatException or System.IO.IOException or InvalidOperationException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Usage);
    Console.Error.WriteLine("  network functions: " + string.Join(", ", ScenarioCatalog.NetworkFunctions));
    return 2;
}

/// <summary>Command-line options of the driver.</summary>
internal sealed record Options(string NetworkFunction, string Workload, int WarmUpMs, int Repetitions, ulong Seed, string? ProfilePath, string? AgainstPath, string? Pcv = null)
{
    public static Options Parse(string[] args)
    {
        var positional = new List<string>();
        int warmUp = 1500, repetitions = 7;
        ulong seed = ScenarioCatalog.DefaultSeed;
        string? profile = null, against = null, pcv = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--warmup-ms": warmUp = ParseInt(args, ref i, "--warmup-ms", 0); break;
                case "--repetitions": repetitions = ParseInt(args, ref i, "--repetitions", 1); break;
                case "--seed": seed = (ulong)ParseInt(args, ref i, "--seed", 0); break;
                case "--profile":
                    profile = i + 1 < args.Length ? args[++i] : throw new ArgumentException("--profile needs a *.pixhw.json file.");
                    break;
                case "--against":
                    against = i + 1 < args.Length ? args[++i] : throw new ArgumentException("--against needs a *.pixhw.json file.");
                    break;
                case "--pcv":
                    pcv = i + 1 < args.Length ? args[++i] : throw new ArgumentException("--pcv needs a PCV's name.");
                    break;
                default:
                    if (args[i].StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"Unknown option '{args[i]}'.");
                    }

                    positional.Add(args[i]);
                    break;
            }
        }

        if (positional.Count > 2)
        {
            throw new ArgumentException($"Expected at most a network function and a workload; got '{string.Join(" ", positional)}'.");
        }

        return new Options(positional.ElementAtOrDefault(0) ?? "all", positional.ElementAtOrDefault(1) ?? "all", warmUp, repetitions, seed, profile, against, pcv);
    }

    public IEnumerable<(string NetworkFunction, string Workload)> Selection()
    {
        IEnumerable<string> functions = NetworkFunction == "all" ? ScenarioCatalog.NetworkFunctions : new[] { NetworkFunction };
        var selection = new List<(string, string)>();
        foreach (string nf in functions)
        {
            IReadOnlyList<string> workloads = ScenarioCatalog.WorkloadsOf(nf);
            if (Workload != "all" && !workloads.Contains(Workload))
            {
                throw new ArgumentException($"'{nf}' has no workload '{Workload}'; choose one of {string.Join(", ", workloads)}.");
            }

            selection.AddRange(Workload == "all" ? workloads.Select(w => (nf, w)) : new[] { (nf, Workload) });
        }

        return selection;
    }

    private static int ParseInt(string[] args, ref int i, string option, int minimum)
    {
        if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < minimum)
        {
            throw new ArgumentException($"{option} needs an integer of at least {minimum}.");
        }

        i++;
        return value;
    }
}
