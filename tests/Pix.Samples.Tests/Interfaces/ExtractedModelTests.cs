using System.Collections.Generic;
using System.Linq;
using Pix.Model;
using Xunit.Abstractions;

namespace Pix.Samples.Tests.Interfaces;

/// <summary>
/// Evaluates the network functions' interface models (the extractor's output; the generated
/// <c>LatencyOf_X</c> computes the same numbers by contract) and checks their PCVs.
/// </summary>
public class ExtractedModelTests(NetworkFunctionModels models, ITestOutputHelper output) : IClassFixture<NetworkFunctionModels>
{
    private static Dictionary<string, double> Pcvs(params (string Name, double Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    [Theory]
    [InlineData("Nat.Process", "flowTableMisses,expiredFlows,expiredBucketHeads,transportChecksumUpdated,chainLength,transportChecksumUpdated_2,flowTableMissesFromL2,flowTableMissesFromMemory")]
    [InlineData("MaglevLoadBalancer.SelectBackend", "connectionMisses,lookupMisses,probes,connectionMissesFromL2,lookupMissesFromL2,connectionMissesFromMemory,lookupMissesFromMemory")]
    [InlineData("LearningBridge.Forward", "tableMisses,agedOut,learnChainLength,forwardChainLength,tableMissesFromL2,tableMissesFromMemory")]
    [InlineData("LpmRouter.Route", "trieMisses,trieDepth,trieMissesFromL2,trieMissesFromMemory")]
    [InlineData("StatefulFirewall.Filter", "connectionMisses,bucketMisses,chainLength,staleUnlinked,rulesScanned,connectionMissesFromL2,bucketMissesFromL2,connectionMissesFromMemory,bucketMissesFromMemory")]
    [InlineData("TokenBucketPolicer.Police", "bucketMisses,bucketMissesFromL2,bucketMissesFromMemory")]
    public void The_PCVs_are_the_ones_the_hints_name(string entryPoint, string expected)
    {
        string[] pcvs = models[entryPoint].Pcvs.Select(p => p.Name).ToArray();
        output.WriteLine(string.Join(", ", pcvs));
        Assert.Equal(expected.Split(',', System.StringSplitOptions.RemoveEmptyEntries), pcvs);
    }

    [Fact]
    public void The_policers_only_PCVs_are_its_bucket_lines_cold_loads()
    {
        Assert.All(models["TokenBucketPolicer.Police"].Pcvs, p => Assert.StartsWith("bucketMisses", p.Name, System.StringComparison.Ordinal));
    }

    [Fact]
    public void NAT_latency_grows_linearly_in_the_chain_length_and_in_the_expired_flows()
    {
        double at0 = models.Evaluate("Nat.Process", Pcvs(("flowTableMisses", 0), ("chainLength", 0), ("expiredFlows", 0)));
        double at40 = models.Evaluate("Nat.Process", Pcvs(("flowTableMisses", 0), ("chainLength", 40), ("expiredFlows", 0)));
        double at80 = models.Evaluate("Nat.Process", Pcvs(("flowTableMisses", 0), ("chainLength", 80), ("expiredFlows", 0)));
        double at120 = models.Evaluate("Nat.Process", Pcvs(("flowTableMisses", 0), ("chainLength", 120), ("expiredFlows", 0)));
        double at160 = models.Evaluate("Nat.Process", Pcvs(("flowTableMisses", 0), ("chainLength", 160), ("expiredFlows", 0)));
        double at200 = models.Evaluate("Nat.Process", Pcvs(("flowTableMisses", 0), ("chainLength", 200), ("expiredFlows", 0)));
        double expiring = models.Evaluate("Nat.Process", Pcvs(("flowTableMisses", 0), ("chainLength", 0), ("expiredFlows", 100)));
        output.WriteLine($"chain 0/40/80/120/160/200: {at0:0.0} / {at40:0.0} / {at80:0.0} / {at120:0.0} / {at160:0.0} / {at200:0.0} ns; 100 expired: {expiring:0.0} ns");

        // Linear once the walk is long enough to pay its mispredicted exit (from the second entry on), and again past
        // 128 entries, where the walk's exit costs a second one (MethodAnalyzer.ExitPastLongLoop).
        Assert.True(at40 > at0);
        Assert.Equal(at80 - at40, at120 - at80, 6);
        Assert.True(at160 - at120 > at200 - at160);
        Assert.True(expiring > at0);
    }

    [Fact]
    public void Router_latency_grows_with_trie_depth_and_defaults_to_the_hinted_bound()
    {
        Quantity depth = models["LpmRouter.Route"].Pcvs.Single(p => NetworkFunctionModels.PcvNamed(p, "trieDepth"));
        Assert.Equal("33", depth.Bound?.ToString());

        double shallow = models.Evaluate("LpmRouter.Route", Pcvs(("trieMisses", 0), ("trieDepth", 1)));
        double deep = models.Evaluate("LpmRouter.Route", Pcvs(("trieMisses", 0), ("trieDepth", 33)));
        Assert.True(deep > shallow);
        Assert.Equal(deep, models.Evaluate("LpmRouter.Route", Pcvs(("trieMisses", 0))));
    }

    [Fact]
    public void Load_balancer_probes_are_bounded_by_the_window()
    {
        Quantity probes = models["MaglevLoadBalancer.SelectBackend"].Pcvs.Single(p => NetworkFunctionModels.PcvNamed(p, "probes"));
        Assert.Equal("8", probes.Bound?.ToString());
        double one = models.Evaluate("MaglevLoadBalancer.SelectBackend", Pcvs(("connectionMisses", 0), ("lookupMisses", 0), ("probes", 1)));
        double eight = models.Evaluate("MaglevLoadBalancer.SelectBackend", Pcvs(("connectionMisses", 0), ("lookupMisses", 0), ("probes", 8)));
        Assert.True(eight > one);
        Assert.Equal(eight, models.Evaluate("MaglevLoadBalancer.SelectBackend", Pcvs(("connectionMisses", 0), ("lookupMisses", 0))));
    }

    [Fact]
    public void Firewall_latency_grows_with_the_chain_and_with_the_rules_scanned()
    {
        double baseline = models.Evaluate("StatefulFirewall.Filter", Pcvs(("connectionMisses", 0), ("bucketMisses", 0), ("chainLength", 1), ("rulesScanned", 0)));
        double chain = models.Evaluate("StatefulFirewall.Filter", Pcvs(("connectionMisses", 0), ("bucketMisses", 0), ("chainLength", 100), ("rulesScanned", 0)));
        double rules = models.Evaluate("StatefulFirewall.Filter", Pcvs(("connectionMisses", 0), ("bucketMisses", 0), ("chainLength", 1), ("rulesScanned", 100)));
        Assert.True(chain > baseline);
        Assert.True(rules > baseline);
    }

    [Fact]
    public void Firewall_walk_prices_the_unlinking_of_stale_entries_only_as_often_as_it_happens()
    {
        // staleUnlinked counts the walk's runs of the unlink arm; left out it takes its bound, every entry unlinked.
        double none = models.Evaluate("StatefulFirewall.Filter", Pcvs(("connectionMisses", 0), ("bucketMisses", 0), ("chainLength", 100), ("staleUnlinked", 0), ("rulesScanned", 0)));
        double some = models.Evaluate("StatefulFirewall.Filter", Pcvs(("connectionMisses", 0), ("bucketMisses", 0), ("chainLength", 100), ("staleUnlinked", 10), ("rulesScanned", 0)));
        double all = models.Evaluate("StatefulFirewall.Filter", Pcvs(("connectionMisses", 0), ("bucketMisses", 0), ("chainLength", 100), ("staleUnlinked", 100), ("rulesScanned", 0)));
        Assert.True(none < some && some < all, $"{none} < {some} < {all}");
        Assert.Equal(all, models.Evaluate("StatefulFirewall.Filter", Pcvs(("connectionMisses", 0), ("bucketMisses", 0), ("chainLength", 100), ("rulesScanned", 0))), 9);
    }

    [Fact]
    public void Bridge_latency_grows_with_both_chains()
    {
        double baseline = models.Evaluate("LearningBridge.Forward", Pcvs(("tableMisses", 0), ("learnChainLength", 1), ("forwardChainLength", 1)));
        Assert.True(models.Evaluate("LearningBridge.Forward", Pcvs(("tableMisses", 0), ("learnChainLength", 50), ("forwardChainLength", 1))) > baseline);
        Assert.True(models.Evaluate("LearningBridge.Forward", Pcvs(("tableMisses", 0), ("learnChainLength", 1), ("forwardChainLength", 50))) > baseline);
    }

    [Fact]
    public void Every_entry_point_gets_an_interface_and_the_extraction_times_are_reported()
    {
        Assert.Equal(8, models.EntryPoints.Count);
        foreach (string entryPoint in models.EntryPoints.OrderBy(e => e, System.StringComparer.Ordinal))
        {
            InterfaceModel model = models[entryPoint];
            Assert.NotEmpty(model.Pieces);
            output.WriteLine($"{entryPoint}: {models.ExtractionTimes[entryPoint].TotalMilliseconds:0} ms, {model.Pieces.Count} pieces, PCVs [{string.Join(", ", model.Pcvs.Select(p => p.Name))}], {model.Gaps.Count} gaps");
            foreach (Gap gap in model.Gaps)
            {
                output.WriteLine($"    gap {gap.Kind}: {gap.Construct} ({gap.Where})");
            }
        }
    }
}
