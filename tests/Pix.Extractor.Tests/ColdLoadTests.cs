using System.Collections.Generic;
using System.Linq;
using Pix.Extraction;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary><c>PixHint.ColdLoads</c>: a PCV counting a call's L1 misses in a structure, priced by the profile's memory-level curve.</summary>
public sealed class ColdLoadTests
{
    // Resolution 0: a small cold-load term must not merge away.
    private static readonly ExtractionOptions Exact = ExtractionOptions.Default with { DefaultResolution = 0 };

    // A bridge's shape: a chain walk over a pool of 4,096 entries of 40 bytes (160 KiB, larger than L1).
    private const string Walk = @"static class C {
        const int Capacity = 4096, EntryBytes = 40;
        public static int M(int[] next, long[] keys, int head, long key) {
            PixHint.ColdLoads(""tableMisses"", Capacity * EntryBytes, ""table lines the walk loads that are not in L1"");
            for (int i = head; i >= 0; i = next[i]) { PixHint.Pcv(""chainLength""); if (keys[i] == key) { return i; } }
            return -1; } }";

    private static readonly HardwareProfile Curve = HardwareProfile.Reference.WithMemoryLoads(new MemoryLoadLatency[]
    {
        new(32 << 10, 1.7),
        new(256 << 10, 5.4),
        new(2 << 20, 16.8),
    });

    private static double Ns(InterfaceModel model, HardwareProfile hw, params (string Name, double Value)[] values) =>
        ModelEvaluator.Evaluate(model, values.ToDictionary(v => v.Name, v => v.Value), hw).Nanoseconds;

    [Fact]
    public void The_hint_is_a_pcv_documented_with_the_structures_size()
    {
        InterfaceModel model = Extraction.Extract(Walk, options: Exact);

        Quantity pcv = Assert.Single(model.Pcvs, q => q.Name == "tableMisses");
        Assert.Equal("table lines the walk loads that are not in L1: loads that miss every cache level smaller than a structure of 160 KiB", pcv.Description);
        Assert.Null(pcv.Bound);
        Assert.Equal(5, pcv.Origin!.Line); // line 1 holds the usings
        Term term = model.TermAbout("cold loads");
        Assert.Equal(new ColdLoad(163840, 1), Assert.Single(term.Block.ColdLoads));
        Assert.Equal(Expr.Symbol("tableMisses"), term.Count);
        Assert.DoesNotContain(model.Gaps, g => g.Kind == GapKind.MisplacedHint);
    }

    [Fact]
    public void Each_miss_adds_the_curves_latency_at_the_footprint_minus_a_hits()
    {
        InterfaceModel model = Extraction.Extract(Walk, options: Exact);
        double perMiss = Curve.LoadNs(163840) - Curve.LatencyNs(OperationClass.Load);
        Assert.True(perMiss > 1, $"the curve should price a miss in 160 KiB above a hit ({perMiss} ns)");

        double none = Ns(model, Curve, ("tableMisses", 0), ("chainLength", 6));
        double seven = Ns(model, Curve, ("tableMisses", 7), ("chainLength", 6));

        Assert.Equal(7 * perMiss, seven - none, 9);
        Assert.Equal(perMiss, Curve.ColdLoadNs(163840), 12);
    }

    [Fact]
    public void Without_a_curve_a_miss_costs_nothing_more_and_without_the_hint_the_interface_is_the_same()
    {
        InterfaceModel hinted = Extraction.Extract(Walk, options: Exact);
        InterfaceModel plain = Extraction.Extract(Walk.Replace(@"PixHint.ColdLoads(""tableMisses"", Capacity * EntryBytes, ""table lines the walk loads that are not in L1"");", string.Empty), options: Exact);

        HardwareProfile noCurve = HardwareProfile.Reference.WithMemoryLoads(System.Array.Empty<MemoryLoadLatency>());
        Assert.Equal(
            Ns(plain, noCurve, ("chainLength", 6)),
            Ns(hinted, noCurve, ("tableMisses", 12), ("chainLength", 6)),
            9);
        Assert.Equal(Ns(plain, Curve, ("chainLength", 6)), Ns(hinted, Curve, ("tableMisses", 0), ("chainLength", 6)), 9);
    }

    [Fact]
    public void Inside_a_loop_the_hint_still_counts_the_whole_call()
    {
        InterfaceModel model = Extraction.Extract(Walk.Replace(
            @"{ PixHint.Pcv(""chainLength""); if",
            @"{ PixHint.Pcv(""chainLength""); PixHint.ColdLoads(""walkMisses"", 1 << 20); if"), options: Exact);

        double perMiss = Curve.ColdLoadNs(1 << 20);
        double baseline = Ns(model, Curve, ("tableMisses", 0), ("walkMisses", 0), ("chainLength", 9));
        Assert.Equal(3 * perMiss, Ns(model, Curve, ("tableMisses", 0), ("walkMisses", 3), ("chainLength", 9)) - baseline, 9);
        Assert.Equal(Expr.Symbol("walkMisses"), model.TermAbout("walkMisses cold loads").Count);
    }

    [Fact]
    public void A_callees_hint_reaches_the_caller_as_its_pcv()
    {
        InterfaceModel model = Extraction.Extract(Walk.Replace("public static int M(", "static int Find(")
            .Replace("return -1; } }", @"return -1; }
            public static int M(int[] next, long[] keys, long key) => Find(next, keys, next[0], key) + Find(next, keys, next[1], key); }"), options: Exact);

        string[] misses = model.Pcvs.Select(q => q.Name).Where(n => n.StartsWith("tableMisses") && !n.Contains("FromL2") && !n.Contains("FromMemory")).ToArray();
        Assert.Equal(2, misses.Length);
        var values = new List<(string, double)>(model.Pcvs.Select(q => (q.Name, 0.0)));
        double none = Ns(model, Curve, values.ToArray());
        values[values.FindIndex(v => v.Item1 == misses[1])] = (misses[1], 5);
        Assert.Equal(5 * Curve.ColdLoadNs(163840), Ns(model, Curve, values.ToArray()) - none, 9);
    }

    [Theory]
    [InlineData("next.Length * 40L", "'next.Length * 40L' is not")]
    [InlineData("0", "'0' is not")]
    public void A_footprint_that_is_not_a_positive_constant_is_a_clear_gap(string footprint, string quoted)
    {
        InterfaceModel model = Extraction.Extract(Walk.Replace("Capacity * EntryBytes", footprint), options: Exact);

        Gap gap = Assert.Single(model.Gaps, g => g.Kind == GapKind.MisplacedHint);
        Assert.Equal("PixHint.ColdLoads", gap.Construct);
        Assert.Contains("positive compile-time constant", gap.Reason);
        Assert.Contains(quoted, gap.Reason);
        Assert.DoesNotContain(model.Pcvs, q => q.Name == "tableMisses");
        Assert.DoesNotContain(model.Pieces.SelectMany(p => p.Terms), t => !t.Block.ColdLoads.IsEmpty);
    }

    [Fact]
    public void A_name_that_is_not_an_identifier_is_a_clear_gap()
    {
        InterfaceModel model = Extraction.Extract(Walk.Replace(@"""tableMisses""", @"""table misses"""), options: Exact);

        Gap gap = Assert.Single(model.Gaps, g => g.Kind == GapKind.MisplacedHint);
        Assert.Contains("constant C# identifier", gap.Reason);
        Assert.DoesNotContain(model.Pieces.SelectMany(p => p.Terms), t => !t.Block.ColdLoads.IsEmpty);
    }
}
