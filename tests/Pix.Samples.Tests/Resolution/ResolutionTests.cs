using Pix.Samples.Tests.NetworkFunctions;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Pix.Model;
using Pix.Samples.NetworkFunctions.Workloads;
using Pix.Samples.Tests.Conciseness;
using Xunit.Abstractions;

namespace Pix.Samples.Tests.Resolution;

/// <summary>
/// Resolution on a real network function: the NAT's <c>Process</c> at r = 0, 5% and 35%. As r grows the
/// interface has fewer pieces, and its prediction stays within r of the r = 0 interface's on the inputs
/// of the NAT's typical and adversarial workloads (each packet's length and port, and the PCV values it
/// induced), and on runts (the typical workload's packets cut to 20 bytes, shorter than their headers:
/// the paths the merge changes). <c>PIX_UPDATE_DOCS=1</c> writes the three generated interfaces into docs/network-functions.md.
/// </summary>
public sealed class ResolutionTests(ITestOutputHelper output)
{
    private const string Type = "Nat";
    private const string Method = "Process";
    // 35%, not 25%: since Rewrite's transport-checksum arm is a PCV, each path comes as a pair with and without
    // the patch, 33–40% apart on the reference profile when no PCV adds to them, and those pairs are the adjacent pieces.
    private static readonly double[] Resolutions = { 0, 0.05, 0.35 };
    private static readonly Lazy<ResolutionDemo[]> Demos = new(() => Resolutions.Select(r => ResolutionDemo.Create(Type, Method, r)).ToArray());

    [Fact]
    public void The_NAT_has_fewer_pieces_as_the_resolution_grows()
    {
        int[] pieces = Demos.Value.Select(d => d.Model.Pieces.Count).ToArray();
        output.WriteLine("pieces at r = 0, 5%, 35%: " + string.Join(", ", pieces));

        // Never more pieces at a coarser resolution; at 35% a path with the transport-checksum patch absorbs its twin without.
        Assert.True(pieces[0] >= pieces[1] && pieces[1] >= pieces[2], string.Join(", ", pieces));
        Assert.True(pieces[0] > pieces[2], $"r = 35% merged nothing ({pieces[0]} pieces at 0)");
        Assert.Contains(Demos.Value[2].Model.Pieces, p => p.Origin == PieceOrigin.MergedByResolution);
    }

    [Theory]
    [InlineData("typical")]
    [InlineData("colliding")]
    [InlineData("expiry-storm")]
    [InlineData("runts")]
    public void The_merged_interfaces_stay_within_the_resolution_of_the_exact_one_on_the_NAT_workloads(string workload)
    {
        List<Dictionary<string, double>> inputs = WorkloadInputs(workload).ToList();
        ResolutionDemo exact = Demos.Value[0];
        foreach (ResolutionDemo merged in Demos.Value.Skip(1))
        {
            double worst = inputs.Max(values => RelativeError(merged.Evaluate(values), exact.Evaluate(values)));
            output.WriteLine($"{workload}: r = {merged.Resolution:0%}: largest |merged − exact| / max(merged, exact) over {inputs.Count} packets = {worst:0.00%}");
            Assert.True(worst <= merged.Resolution, $"{workload} at r = {merged.Resolution:0%}: error {worst:0.00%}");
        }
    }

    [Fact]
    public void The_generated_interfaces_at_each_resolution_are_in_the_docs()
    {
        var text = new StringBuilder();
        foreach (ResolutionDemo demo in Demos.Value)
        {
            text.Append($"<details><summary>r = {demo.Resolution:0%}: {demo.Model.Pieces.Count} pieces (generated <code>LatencyOf_{Method}</code>)</summary>\n\n```csharp\n");
            text.Append(Unindent(demo.Generated)).Append("```\n\n</details>\n\n");
        }

        string docs = Path.Combine(SampleCompilation.RepositoryRoot, "docs", "network-functions.md");
        string current = File.ReadAllText(docs);
        const string Begin = "<!-- resolution demo: begin -->\n", End = "<!-- resolution demo: end -->";
        int begin = current.IndexOf(Begin, StringComparison.Ordinal), end = current.IndexOf(End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"{docs} has no resolution demo markers.");
        string updated = current.Substring(0, begin + Begin.Length) + text + current.Substring(end);
        if (Environment.GetEnvironmentVariable("PIX_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(docs, updated);
        }

        Assert.True(updated == current, "docs/network-functions.md shows other generated interfaces; rerun with PIX_UPDATE_DOCS=1.");
    }

    /// <summary>Quantity values of every measured packet of the NAT's <paramref name="workload"/>, as the model names them.</summary>
    private static IEnumerable<Dictionary<string, double>> WorkloadInputs(string workload)
    {
        bool runts = workload == "runts";
        Scenario nat = PinnedScenarios.Create("nat", runts ? "typical" : workload);
        PcvTrace trace = nat.TracePcvs();
        Workload packets = nat.Workload;
        InterfaceModel model = Demos.Value[0].Model;
        for (int i = 0; i < trace.PacketCount; i++)
        {
            int index = packets.SetupCount + i;
            var values = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (Quantity quantity in model.Quantities)
            {
                values[quantity.Name] = quantity.Name switch
                {
                    "packet.Length" => runts ? 20 : packets.Packet(index).Length,
                    "inPort" => packets.InPort(index),
                    "flowTableMisses" => trace[i, 0],
                    "expiredFlows" => trace[i, 1],
                    "chainLength" => trace[i, 2],
                    "transportChecksumUpdated" or "transportChecksumUpdated_2" => trace[i, 3],
                    "flowTableMissesFromL2" => trace[i, 4],
                    "flowTableMissesFromMemory" => trace[i, 5],
                    "expiredBucketHeads" => trace[i, 6],
                    _ => throw new InvalidOperationException($"The NAT's interface reads '{quantity.Name}' ({quantity.Description}), which this test does not know."),
                };
            }

            yield return values;
        }
    }

    /// <summary>
    /// The difference relative to the larger of the two, as the merger measures "within r"
    /// (ResolutionMerger.Close): a merged piece keeps the costlier terms, so relative to the cheaper
    /// exact prediction the same difference can exceed r (it does at 35% on the NAT's workloads).
    /// </summary>
    private static double RelativeError(double merged, double exact) => Math.Abs(merged - exact) / Math.Max(merged, exact);

    private static string Unindent(string code)
    {
        string[] lines = code.Replace("\r\n", "\n").Trim('\n').Split('\n');
        int indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l.Substring(indent) : l.TrimStart())) + "\n";
    }
}
