using Pix.Samples.Tests.NetworkFunctions;
using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Model;
using Pix.Samples.NetworkFunctions.Bridge;
using Pix.Samples.NetworkFunctions.Router;
using Pix.Samples.NetworkFunctions.Translation;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.Interfaces;

/// <summary>The bridge's, the NAT's and the router's <c>PixHint.ColdLoads</c>: each cold load adds the curve's latency at the table's size.</summary>
public class ColdLoadInterfaceTests(NetworkFunctionModels models) : IClassFixture<NetworkFunctionModels>
{
    private static readonly HardwareProfile Curve = HardwareProfile.Reference.WithMemoryLoads(new MemoryLoadLatency[]
    {
        new(32 << 10, 1.7),
        new(1 << 20, 7.3),
        new(2 << 20, 33),
    });

    [Theory]
    [InlineData("LearningBridge.Forward", "tableMisses", LearningBridge.ProvisionedAddresses * MacTable.EntryBytes)]
    [InlineData("Nat.Process", "flowTableMisses", Nat.ProvisionedFlows * NatFlowTable.EntryBytes)]
    [InlineData("LpmRouter.Route", "trieMisses", LpmRouter.ProvisionedTrieNodes * PrefixTrie.NodeBytes)]
    public void Each_cold_load_adds_the_curves_latency_at_the_tables_size(string entryPoint, string pcv, int tableBytes)
    {
        InterfaceModel model = models[entryPoint];
        Assert.Contains(model.Pcvs, q => q.Name == pcv);

        double none = Evaluate(model, pcv, 0);
        double five = Evaluate(model, pcv, 5);

        double perMiss = Curve.LoadNs(tableBytes) - Curve.LatencyNs(OperationClass.Load);
        Assert.True(perMiss > 1, $"{perMiss} ns");
        Assert.Equal(5 * perMiss, five - none, 9);
    }

    [Fact]
    public void Explain_shows_a_flooded_frames_cold_loads_as_a_term_of_their_own()
    {
        Scenario bridge = PinnedScenarios.Create("bridge", "mac-flood");
        PcvTrace trace = bridge.TracePcvs();
        int p = bridge.PcvNames.ToList().IndexOf("tableMisses");
        int packet = Enumerable.Range(0, trace.PacketCount).First(i => trace[i, p] >= 5);
        int[] row = Enumerable.Range(0, trace.Names.Count).Select(c => trace[packet, c]).ToArray();
        int index = bridge.ReplayUntil(packet);

        LatencyBreakdown breakdown = bridge.Explain(index, HardwareProfile.Reference, row)!;

        LatencyTerm cold = Assert.Single(breakdown.Terms, t => t.Quantities.Any(q => q.Name == "tableMisses"));
        Assert.Contains("cold loads in 160 KiB", cold.Description);
        Assert.Equal(trace[packet, p] * HardwareProfile.Reference.ColdLoadNs(160 << 10), cold.Latency.Nanoseconds, 9);
        Assert.Equal(bridge.Predict(index, HardwareProfile.Reference, row)!.Value, breakdown.Total);
    }

    private static double Evaluate(InterfaceModel model, string pcv, double misses)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Quantity quantity in model.Quantities)
        {
            values[quantity.Name] = quantity.Name == pcv ? misses : quantity.Kind == QuantityKind.Size ? 64 : 1;
        }

        return ModelEvaluator.Evaluate(model, values, Curve).Nanoseconds;
    }
}
