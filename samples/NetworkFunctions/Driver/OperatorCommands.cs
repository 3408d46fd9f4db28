using System;
using System.Globalization;
using System.Linq;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.NetworkFunctions.Driver;

/// <summary>
/// The operator's questions, answered with the generated interfaces and Pix.Runtime's operator APIs:
/// why does this packet cost what it costs (<see cref="Explain"/>), what state would explain a
/// latency far above normal (<see cref="Diagnose"/>), and which machine suits this traffic
/// (<see cref="CompareHardware"/>).
/// </summary>
public static class OperatorCommands
{
    /// <summary>
    /// The breakdown of the prediction for the workload's median packet (the one whose prediction is
    /// the median), with the PCV values it induced.
    /// </summary>
    public static void Explain(Scenario scenario, HardwareProfile hw)
    {
        PcvTrace trace = scenario.TracePcvs();
        double[]? predictions = scenario.PredictAll(hw, trace);
        if (predictions is null)
        {
            Console.WriteLine($"{scenario.NetworkFunction} {scenario.Workload.Name}: no interface was generated.");
            return;
        }

        int median = MedianPosition(predictions);
        int index = scenario.ReplayUntil(median);
        LatencyBreakdown breakdown = scenario.Explain(index, hw, Row(trace, median))!;
        Console.WriteLine($"{scenario.NetworkFunction} {scenario.Workload.Name}, measured packet {median} (median prediction), on {hw.Name}:");
        Console.WriteLine(breakdown);
        foreach ((string name, double value, Latency latency) in breakdown.ByQuantity())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {breakdown.Total.Nanoseconds switch { 0 => 0, var t => latency.Nanoseconds / t },4:0%} from {name} = {value:0.###}"));
        }
    }

    /// <summary>
    /// Measures <paramref name="attacked"/>, takes the packet whose latency is the median, and asks which
    /// PCV value, the others at their medians over <paramref name="typical"/> traffic, explains it. Then
    /// prints the values the packet really induced, read from the function's counters, to check the answer.
    /// </summary>
    public static void Diagnose(Scenario typical, Scenario attacked, HardwareProfile hw, TimeSpan warmUp, int repetitions)
    {
        PcvTrace typicalTrace = typical.TracePcvs();
        double[] typicalValues = typical.PcvNames.Select(name => Statistics.Median(typicalTrace.Column(name).Select(v => (double)v).ToArray())).ToArray();

        PcvTrace trace = attacked.TracePcvs();
        PerPacketResult result = PerPacketMeasurement.Run(attacked, warmUp, repetitions);
        // The timer and the driver's dispatch (the same packets, the entry call made to an empty method: RunBaseline) are not the function's.
        double overhead = Statistics.Median(PerPacketMeasurement.RunBaseline(attacked, warmUp, repetitions).PerPacketNs);
        double observed = Statistics.Median(result.PerPacketNs) - overhead;
        int packet = Enumerable.Range(0, result.PerPacketNs.Length).OrderBy(i => Math.Abs(result.PerPacketNs[i] - overhead - observed)).First();

        int index = attacked.ReplayUntil(packet);
        var row = new int[attacked.PcvNames.Count];
        if (attacked.Predict(index, hw, row) is null)
        {
            Console.WriteLine($"{attacked.NetworkFunction} {attacked.Workload.Name}: no interface was generated.");
            return;
        }

        LatencyDiagnosisReport report = LatencyDiagnosis.Diagnose(
            values =>
            {
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] = (int)Math.Min(int.MaxValue, values[i]);
                }

                return attacked.Predict(index, hw, row)!.Value;
            },
            attacked.PcvNames,
            typicalValues,
            new Latency(observed),
            attacked.PcvLimits);

        Console.WriteLine($"{attacked.NetworkFunction} {attacked.Workload.Name} on {hw.Name}: measured packet {packet}, the one closest to the median latency; PCVs typical = medians over '{typical.Workload.Name}':");
        Console.WriteLine(report);
        Console.WriteLine("  actually induced: " + string.Join(", ", attacked.PcvNames.Select((name, p) => $"{name} = {trace[packet, p]}")));
    }

    /// <summary>Evaluates the interface on every packet of the workload, each with the PCV values it induced, on two profiles.</summary>
    public static void CompareHardware(Scenario scenario, HardwareProfile first, HardwareProfile second)
    {
        PcvTrace trace = scenario.TracePcvs();
        if (scenario.PredictAll(first, trace) is null)
        {
            Console.WriteLine($"{scenario.NetworkFunction} {scenario.Workload.Name}: no interface was generated.");
            return;
        }

        HardwareComparison comparison = HardwareChoice.Compare(first, second, hw => scenario.PredictAll(hw, trace)!.Select(ns => new Latency(ns)));
        Console.WriteLine($"{scenario.NetworkFunction,-9} {scenario.Workload.Name,-15} {comparison}");
    }

    private static int MedianPosition(double[] values)
    {
        int[] order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        return order[order.Length / 2];
    }

    private static int[] Row(PcvTrace trace, int packet) =>
        Enumerable.Range(0, trace.Names.Count).Select(p => trace[packet, p]).ToArray();
}
