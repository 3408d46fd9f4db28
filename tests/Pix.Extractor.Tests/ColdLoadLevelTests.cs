using System.Linq;
using Pix.Extraction;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// <c>PixHint.ColdLoads</c> counted per level: the hint's second PCV, <c>{name}FromL2</c> (loads that missed L1 and were
/// served by L2), optional with default 0, priced at <see cref="HardwareProfile.L2HitNs"/>; an interface extracted
/// before it (a baseline) still reads and compares as unchanged.
/// </summary>
public sealed class ColdLoadLevelTests
{
    private static readonly ExtractionOptions Exact = ExtractionOptions.Default with { DefaultResolution = 0 };

    // A NAT's shape: a chain walk in a table of 32,768 entries of 56 bytes (1.75 MiB, larger than L2), then a loop
    // hinted after the cold-load hint, so its PCV is registered later.
    internal const string Walk = @"static class C {
        const int Capacity = 32768, EntryBytes = 56;
        public static int M(int[] next, long[] keys, int head, long key) {
            PixHint.ColdLoads(""flowMisses"", Capacity * EntryBytes, ""flow entries loaded"");
            for (int i = head; i >= 0; i = next[i]) { PixHint.Pcv(""chainLength""); if (keys[i] == key) { return i; } }
            return -1; } }";

    private static readonly HardwareProfile Curve = HardwareProfile.Reference.WithMemoryLoads(new MemoryLoadLatency[]
    {
        new(32 << 10, 1.7),
        new(256 << 10, 4.3),
        new(512 << 10, 9.7),
        new(2 << 20, 60.0),
    });

    private static readonly HardwareProfile CurveAndL2 = Curve.WithMachine(Curve.Machine with { L2CacheBytes = 512 << 10 });

    private static double Ns(InterfaceModel model, HardwareProfile hw, params (string Name, double Value)[] values) =>
        ModelEvaluator.Evaluate(model, values.ToDictionary(v => v.Name, v => v.Value), hw).Nanoseconds;

    /// <summary>The model as the extractor wrote it before loads served by L2 were counted: no second PCV, no term of it.</summary>
    private static InterfaceModel BeforeLevels(InterfaceModel model) => model with
    {
        Quantities = model.Quantities.Where(q => !q.Name.EndsWith("FromL2")).ToEquatableArray(),
        Pieces = model.Pieces.Select(p => p with { Terms = p.Terms.Where(t => t.Block.L2Loads == 0).ToEquatableArray() }).ToEquatableArray(),
    };

    [Fact]
    public void The_hint_adds_an_optional_second_pcv_after_the_others_priced_as_an_L2_hit()
    {
        InterfaceModel model = Extraction.Extract(Walk, options: Exact);

        Assert.Equal(new[] { "flowMisses", "chainLength", "flowMissesFromL2", "flowMissesFromMemory" }, model.Pcvs.Select(q => q.Name));
        Quantity fromL2 = model.Pcvs[2];
        Assert.Equal(Expr.Const(0), fromL2.Bound);
        Assert.Equal("flow entries loaded: loads into a structure of 1792 KiB that missed L1 and were served by L2 (0 when it is smaller than L2: flowMisses counts them)", fromL2.Description);
        Term term = model.TermAbout("served by L2");
        Assert.Equal(1, term.Block.L2Loads);
        Assert.True(term.Block.ColdLoads.IsEmpty);
        Assert.Equal(Expr.Symbol("flowMissesFromL2"), term.Count);

        double none = Ns(model, CurveAndL2, ("flowMisses", 1), ("chainLength", 2));
        Assert.Equal(none, Ns(model, CurveAndL2, ("flowMisses", 1), ("chainLength", 2), ("flowMissesFromL2", 0)));
        double three = Ns(model, CurveAndL2, ("flowMisses", 1), ("chainLength", 2), ("flowMissesFromL2", 3));
        Assert.Equal(3 * (4.3 - CurveAndL2.LatencyNs(OperationClass.Load)), three - none, 9);
        // A profile without the L2's size prices them at 0: old profiles price as before.
        Assert.Equal(Ns(model, Curve, ("flowMisses", 1), ("chainLength", 2)), Ns(model, Curve, ("flowMisses", 1), ("chainLength", 2), ("flowMissesFromL2", 3)));
    }

    [Fact]
    public void The_evaluator_and_the_generated_blocks_price_L2_loads_alike_to_the_bit()
    {
        BlockSummary block = BlockSummary.Create(new[] { new OperationCount(OperationClass.Load, 3) }, coldLoads: new[] { new ColdLoad(1 << 21, 2) }, l2Loads: 5);
        BlockCounts generated = BlockCounts.Of(load: 3).WithColdLoads(1 << 21, 2).WithL2Loads(5);

        Assert.Equal(CurveAndL2.Price(generated), block.Price(CurveAndL2));
        Assert.Equal(block, block.Plus(BlockSummary.Empty));
        Assert.Equal(10, block.Times(2).L2Loads);
        Assert.Equal(6, block.Plus(block.Times(0.2)).L2Loads);
    }

    [Fact]
    public void A_baseline_written_before_the_second_pcv_reads_and_compares_as_unchanged()
    {
        InterfaceModel current = Extraction.Extract(Walk, options: Exact);

        // Written and read back as the older build wrote it (no l2Loads anywhere in the file), on a profile that prices L2 hits.
        ColdLoadBaselines.AssertUnchanged(BeforeLevels(current), current, CurveAndL2, "l2Loads");
    }

    [Fact]
    public void L2_loads_round_trip_in_a_baseline_and_a_block_without_them_is_written_as_before()
    {
        InterfaceModel current = Extraction.Extract(Walk, options: Exact);
        string text = ColdLoadBaselines.Write(current);

        Assert.Contains("\"l2Loads\": 1", text);
        Assert.Equal(1, text.Split("l2Loads").Length - 1);
        Assert.Equal(current, Assert.Single(ColdLoadBaselines.Read(text).Entries).Interface);
    }
}
