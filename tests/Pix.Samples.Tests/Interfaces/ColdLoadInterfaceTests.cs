using Pix.Samples.Tests.NetworkFunctions;
using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Model;
using Pix.Samples.NetworkFunctions.Bridge;
using Pix.Samples.NetworkFunctions.Policer;
using Pix.Samples.NetworkFunctions.Router;
using Pix.Samples.NetworkFunctions.Translation;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.Interfaces;

/// <summary>The bridge's, the NAT's, the router's and the policer's <c>PixHint.ColdLoads</c>: each cold load adds the curve's latency at the table's size.</summary>
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
    [InlineData("TokenBucketPolicer.Police", "bucketMisses", TokenBucketPolicer.TableBytes)]
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
    public void A_policed_packets_bucket_line_served_by_L2_adds_the_L2_plateau_and_by_default_nothing()
    {
        // The bucket table (1 MiB and its header) is larger than this machine's 1 MiB L2: a line that missed L1 and that
        // L2 served is the second count, priced at the curve's L2 plateau (at half the L2), not at the table's size.
        HardwareProfile withL2 = Curve.WithMachine(Curve.Machine with { L2CacheBytes = 1 << 20 });
        InterfaceModel model = models["TokenBucketPolicer.Police"];

        double hit = Policed(model, withL2, ("bucketMisses", 0), ("bucketMissesFromL2", 0), ("bucketMissesFromMemory", 0));
        double fromL2 = Policed(model, withL2, ("bucketMisses", 0), ("bucketMissesFromL2", 1), ("bucketMissesFromMemory", 0));
        double unsaid = Policed(model, withL2, ("bucketMisses", 0));

        Assert.True(withL2.L2HitNs > 1, $"{withL2.L2HitNs} ns");
        Assert.Equal(withL2.L2HitNs, fromL2 - hit, 9);
        Assert.Equal(hit, unsaid, 9);
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

    // The policer's inputs (sizes 64, others 1) and the PCVs given; a PCV not given takes its default.
    private static double Policed(InterfaceModel model, HardwareProfile profile, params (string Name, double Value)[] pcvs)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Quantity quantity in model.Quantities.Where(q => q.Kind != QuantityKind.Pcv))
        {
            values[quantity.Name] = quantity.Kind == QuantityKind.Size ? 64 : 1;
        }

        foreach ((string name, double value) in pcvs)
        {
            values[name] = value;
        }

        return ModelEvaluator.Evaluate(model, values, profile).Nanoseconds;
    }
}
