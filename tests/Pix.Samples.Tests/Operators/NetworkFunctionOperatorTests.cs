using Pix.Samples.Tests.NetworkFunctions;
using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.Operators;

/// <summary>
/// The operator APIs on the network functions' generated interfaces (the sample's build ran the
/// generator): explain, diagnose, choose hardware. No timing: the "observed" latencies here are the
/// interface's own predictions at the PCV values the workload really induced, so the answers are known.
/// </summary>
public class NetworkFunctionOperatorTests
{
    [Fact]
    public void Under_a_hash_collision_attack_the_NAT_breakdown_puts_most_of_the_latency_on_the_chain_and_sums_to_the_prediction()
    {
        Scenario nat = PinnedScenarios.Create("nat", "colliding");
        PcvTrace trace = nat.TracePcvs();
        const int Packet = 100;
        int[] pcvs = Row(trace, Packet);
        int index = nat.ReplayUntil(Packet);

        Latency predicted = nat.Predict(index, HardwareProfile.Reference, pcvs)!.Value;
        LatencyBreakdown breakdown = nat.Explain(index, HardwareProfile.Reference, pcvs)!;

        Assert.Equal(predicted, breakdown.Total);
        LatencyTerm largest = breakdown.Terms.OrderByDescending(t => t.Latency).First();
        Assert.Equal(new[] { ("chainLength", (double)pcvs[nat.PcvNames.ToList().IndexOf("chainLength")]) }, largest.Quantities);
        Assert.True(breakdown.ShareOf(largest) > 0.8, breakdown.ToString());
    }

    [Theory]
    [InlineData("nat", "colliding", "chainLength")]
    [InlineData("bridge", "colliding", "learnChainLength")]
    [InlineData("bridge", "mac-flood", "tableMisses")]
    [InlineData("firewall", "rule-scan", "rulesScanned")]
    [InlineData("router", "long-prefixes", "trieDepth")]
    public void Diagnosis_recovers_the_PCV_value_an_adversarial_packet_induced(string nf, string workload, string pcv)
    {
        Scenario typical = PinnedScenarios.Create(nf, "typical");
        PcvTrace typicalTrace = typical.TracePcvs();
        double[] typicalValues = typical.PcvNames.Select(name => Median(typicalTrace.Column(name))).ToArray();

        Scenario attacked = PinnedScenarios.Create(nf, workload);
        PcvTrace trace = attacked.TracePcvs();
        int p = attacked.PcvNames.ToList().IndexOf(pcv);
        int packet = Enumerable.Range(0, trace.PacketCount).First(i => trace[i, p] > 4 * Math.Max(1, typicalValues[p]) || (pcv == "trieDepth" && trace[i, p] == 33));
        int index = attacked.ReplayUntil(packet);

        // The observation: the packet's prediction with every other PCV at its typical value, this one at what it induced.
        var truth = typicalValues.Select(v => (int)v).ToArray();
        truth[p] = trace[packet, p];
        Latency observed = attacked.Predict(index, HardwareProfile.Reference, truth)!.Value;

        var row = new int[typicalValues.Length];
        LatencyDiagnosisReport report = LatencyDiagnosis.Diagnose(
            values =>
            {
                for (int i = 0; i < row.Length; i++)
                {
                    row[i] = (int)values[i];
                }

                return attacked.Predict(index, HardwareProfile.Reference, row)!.Value;
            },
            attacked.PcvNames,
            typicalValues.Select(Math.Floor).ToArray(),
            observed);

        PcvExplanation answer = report.Explanations[p];
        Assert.Equal(PcvVerdict.Explains, answer.Verdict);
        Assert.Equal(trace[packet, p], answer.Value);
    }

    [Fact]
    public void A_machine_with_every_cost_doubled_is_exactly_twice_as_slow_on_every_function()
    {
        HardwareProfile slow = Scaled(HardwareProfile.Reference, 2, "half speed");
        foreach ((string nf, string workload) in ScenarioCatalog.All.Where(s => s.Workload == "typical"))
        {
            Scenario scenario = PinnedScenarios.Create(nf, workload);
            PcvTrace trace = scenario.TracePcvs();
            HardwareComparison comparison = HardwareChoice.Compare(slow, HardwareProfile.Reference, hw => scenario.PredictAll(hw, trace)!.Select(ns => new Latency(ns)));

            Assert.Same(HardwareProfile.Reference, comparison.Faster);
            Assert.Equal(2, comparison.Speedup, 12);
            Assert.Equal(trace.PacketCount, comparison.Inputs);
        }
    }

    [Fact]
    public void Choosing_hardware_weighs_the_traffic_mix_a_cheaper_call_wins_on_calls_and_loses_on_loads()
    {
        // A machine whose calls are free but whose loads cost 3x: the router (a pointer-chasing trie) prefers the reference.
        HardwareProfile variant = HardwareProfile.Reference
            .With(OperationClass.Call, new OperationCost(0, 0))
            .With(OperationClass.Load, new OperationCost(3 * HardwareProfile.Reference.LatencyNs(OperationClass.Load), 3 * HardwareProfile.Reference.ThroughputNs(OperationClass.Load)));
        Scenario router = ScenarioCatalog.Create("router", "long-prefixes");
        PcvTrace trace = router.TracePcvs();

        HardwareComparison comparison = HardwareChoice.Compare(variant, HardwareProfile.Reference, hw => router.PredictAll(hw, trace)!.Select(ns => new Latency(ns)));

        Assert.Same(HardwareProfile.Reference, comparison.Faster);
        Assert.Contains("faster than", comparison.ToString(), StringComparison.Ordinal);
    }

    private static HardwareProfile Scaled(HardwareProfile profile, double factor, string name) =>
        new HardwareProfile(
            name,
            profile.Machine,
            HardwareProfile.AllClasses.ToDictionary(c => c, c => new OperationCost(profile.LatencyNs(c) * factor, profile.ThroughputNs(c) * factor)),
            profile.OpaqueCallCosts.ToDictionary(p => p.Key, p => p.Value * factor),
            profile.DefaultOpaqueCallNs * factor)
        .WithMemoryLoads(profile.MemoryLoads.Select(point => point with { LatencyNs = point.LatencyNs * factor }));

    private static int[] Row(PcvTrace trace, int packet) =>
        Enumerable.Range(0, trace.Names.Count).Select(p => trace[packet, p]).ToArray();

    private static double Median(int[] values)
    {
        int[] sorted = values.OrderBy(v => v).ToArray();
        return sorted[sorted.Length / 2];
    }
}
