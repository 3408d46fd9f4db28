using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Pix;
using Pix.Samples.NetworkFunctions.Driver;
using Pix.Samples.NetworkFunctions.Workloads;

// Writes one row a measured packet: i (its index among the measured packets), measured (ns, its trimmed mean over the
// repetitions less the median of the scenario's baseline (RunBaseline), as `levels` subtracts it), predicted (ns, on the profile),
// then every PCV the scenario traced.
//
//   dotnet bench/Pix.PacketTrace/bin/Release/net10.0/Pix.PacketTrace.dll nf workload profile.pixhw.json|reference out.csv [repetitions]
//   python3 bench/Pix.PacketTrace/group.py out.csv "(r['i'] >= 4096, r['tableMisses'])"
if (args.Length is < 4 or > 5 || (args.Length == 5 && !int.TryParse(args[4], out _)))
{
    Console.Error.WriteLine("Usage: nf workload profile.pixhw.json|reference out.csv [repetitions]");
    return 2;
}

HardwareProfile hw = args[2] == "reference" ? HardwareProfile.Reference : HardwareProfile.Load(args[2]);
int repetitions = args.Length == 5 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 7;
Scenario scenario = ScenarioCatalog.Create(args[0], args[1]);
PcvTrace trace = scenario.TracePcvs();
double[]? predicted = scenario.PredictAll(hw, trace);
if (predicted is null)
{
    Console.Error.WriteLine($"{args[0]} {args[1]}: no interface was generated.");
    return 1;
}

var warmUp = TimeSpan.FromMilliseconds(1500);
PerPacketResult result = PerPacketMeasurement.Run(scenario, warmUp, repetitions);
double dispatch = Statistics.Median(PerPacketMeasurement.RunBaseline(scenario, warmUp, repetitions).PerPacketNs);
using (var writer = new StreamWriter(args[3]))
{
    writer.WriteLine("i,measured,predicted," + string.Join(",", trace.Names));
    for (int i = 0; i < predicted.Length; i++)
    {
        string pcvs = string.Join(",", Enumerable.Range(0, trace.Names.Count).Select(p => trace[i, p].ToString(CultureInfo.InvariantCulture)));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i},{result.PerPacketNs[i] - dispatch:0.00},{predicted[i]:0.00},{pcvs}"));
    }
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{args[0]} {args[1]}: {predicted.Length} packets, dispatch {dispatch:0.0} ns subtracted, measured median {Statistics.Median(result.PerPacketNs) - dispatch:0.0} ns, shared {result.SharedRepetitions}/{result.Repetitions}"));
return 0;
