using System.Linq;
using Pix.Extraction;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// <c>PixHint.ColdLoads</c>' third PCV, <c>{name}FromMemory</c>: of the first count's loads, those memory served; optional
/// with default 0, after every <c>FromL2</c> PCV (two hints: both <c>FromL2</c> first), priced at
/// <see cref="HardwareProfile.MemoryLoadNs"/>; the evaluator and the generated blocks agree to the bit; a baseline
/// extracted before it still reads and compares as unchanged.
/// </summary>
public sealed class ColdLoadMemoryTests
{
    private static readonly ExtractionOptions Exact = ExtractionOptions.Default with { DefaultResolution = 0 };

    // Two hinted structures, then a loop PCV: the balancer's shape (a connection table and a lookup table).
    private const string TwoTables = @"static class C {
        const int Slots = 65536, SlotBytes = 40, Entries = 65537, EntryBytes = 4;
        public static int M(int[] next, long[] keys, int head, long key) {
            PixHint.ColdLoads(""connectionMisses"", Slots * SlotBytes);
            PixHint.ColdLoads(""lookupMisses"", Entries * EntryBytes);
            for (int i = head; i >= 0; i = next[i]) { PixHint.Pcv(""probes""); if (keys[i] == key) { return i; } }
            return -1; } }";

    // A curve with a memory level: L3 level 16 ns (1 MiB), largest point 144 ns (MemoryLoadPricingTests works it out: a
    // plateau of 110 ns).
    private static readonly HardwareProfile Profile = HardwareProfile.Reference
        .WithMemoryLoads(new MemoryLoadLatency[]
        {
            new(32 << 10, 1.6), new(256 << 10, 4.0), new(1 << 20, 16.0), new(4 << 20, 16.0), new(8 << 20, 32.0),
            new(16 << 20, 64.0), new(32 << 20, 100.0), new(64 << 20, 120.0), new(256 << 20, 144.0),
        })
        .WithMachine(HardwareProfile.Reference.Machine with { L2CacheBytes = 512 << 10 });

    private static double Ns(InterfaceModel model, params (string Name, double Value)[] values) =>
        ModelEvaluator.Evaluate(model, values.ToDictionary(v => v.Name, v => v.Value), Profile).Nanoseconds;

    /// <summary>The model as the extractor wrote it before loads served by memory were counted.</summary>
    private static InterfaceModel BeforeMemory(InterfaceModel model) => model with
    {
        Quantities = model.Quantities.Where(q => !q.Name.EndsWith("FromMemory")).ToEquatableArray(),
        Pieces = model.Pieces.Select(p => p with { Terms = p.Terms.Where(t => t.Block.MemoryLoads.IsEmpty).ToEquatableArray() }).ToEquatableArray(),
    };

    [Fact]
    public void The_hint_adds_an_optional_third_pcv_after_every_FromL2_priced_at_the_memory_plateau_less_the_cold_load()
    {
        InterfaceModel model = Extraction.Extract(TwoTables, options: Exact);

        Assert.Equal(
            new[] { "connectionMisses", "lookupMisses", "probes", "connectionMissesFromL2", "lookupMissesFromL2", "connectionMissesFromMemory", "lookupMissesFromMemory" },
            model.Pcvs.Select(q => q.Name));
        Quantity fromMemory = model.Pcvs[5];
        Assert.Equal(Expr.Const(0), fromMemory.Bound);
        Assert.Equal("of the connectionMisses loads into a structure of 2560 KiB, those memory served (they missed the last cache level too)", fromMemory.Description);
        Term term = model.TermAbout("connectionMissesFromMemory loads served by memory");
        Assert.Equal(new[] { new ColdLoad(65536 * 40, 1) }, term.Block.MemoryLoads.ToArray());
        Assert.True(term.Block.ColdLoads.IsEmpty);
        Assert.Equal(Expr.Symbol("connectionMissesFromMemory"), term.Count);

        double none = Ns(model, ("connectionMisses", 2), ("lookupMisses", 0), ("probes", 2));
        Assert.Equal(none, Ns(model, ("connectionMisses", 2), ("lookupMisses", 0), ("probes", 2), ("connectionMissesFromMemory", 0)));
        double two = Ns(model, ("connectionMisses", 2), ("lookupMisses", 0), ("probes", 2), ("connectionMissesFromMemory", 2));
        Assert.Equal(2 * Profile.MemoryLoadNs(65536 * 40), two - none, 9);
        Assert.True(Profile.MemoryLoadNs(65536 * 40) > 50);
    }

    [Fact]
    public void The_evaluator_and_the_generated_blocks_price_memory_loads_alike_to_the_bit()
    {
        BlockSummary block = BlockSummary.Create(
            new[] { new OperationCount(OperationClass.Load, 3) }, coldLoads: new[] { new ColdLoad(1 << 21, 2) }, l2Loads: 5,
            memoryLoads: new[] { new ColdLoad(1 << 21, 0.3), new ColdLoad(5 << 20, 1) });
        BlockCounts generated = BlockCounts.Of(load: 3).WithColdLoads(1 << 21, 2).WithL2Loads(5).WithMemoryLoads(1 << 21, 0.3).WithMemoryLoads(5 << 20);

        Assert.Equal(Profile.Price(generated), block.Price(Profile));
        Assert.Equal(block, block.Plus(BlockSummary.Empty));
        Assert.Equal(new[] { 0.6, 2 }, block.Times(2).MemoryLoads.Select(c => c.Count));
        Assert.Equal(new[] { 0.36, 1.2 }, block.Plus(block.Times(0.2)).MemoryLoads.Select(c => c.Count));
        Assert.False(BlockSummary.Create(System.Array.Empty<OperationCount>(), memoryLoads: new[] { new ColdLoad(1, 1) }).IsEmpty);
    }

    [Fact]
    public void With_a_walk_free_memory_latency_the_evaluator_and_the_generated_blocks_still_agree_to_the_bit()
    {
        // The calibrated latency (50 ns) instead of the plateau (110): the hinted method's memory term follows it.
        HardwareProfile measured = Profile.WithMemoryLatency(50);
        InterfaceModel model = Extraction.Extract(TwoTables, options: Exact);
        var values = new (string Name, double Value)[] { ("connectionMisses", 2), ("lookupMisses", 1), ("probes", 2), ("connectionMissesFromMemory", 2), ("lookupMissesFromMemory", 1) };
        double Evaluate(HardwareProfile p) => ModelEvaluator.Evaluate(model, values.ToDictionary(v => v.Name, v => v.Value), p).Nanoseconds;

        double Memory(HardwareProfile p) => (2 * p.MemoryLoadNs(65536 * 40)) + p.MemoryLoadNs(65537 * 4);
        Assert.Equal(Memory(measured) - Memory(Profile), Evaluate(measured) - Evaluate(Profile), 9);
        Assert.Equal(50.0 - 16.0, measured.MemoryLoadNs(65536 * 40), 9);

        BlockSummary block = BlockSummary.Create(
            new[] { new OperationCount(OperationClass.Load, 3) }, coldLoads: new[] { new ColdLoad(65536 * 40, 2) }, l2Loads: 1,
            memoryLoads: new[] { new ColdLoad(65536 * 40, 2), new ColdLoad(65537 * 4, 1) });
        BlockCounts generated = BlockCounts.Of(load: 3).WithColdLoads(65536 * 40, 2).WithL2Loads(1).WithMemoryLoads(65537 * 4).WithMemoryLoads(65536 * 40, 2);
        // In the generator's order (the summary's: smallest footprint first), so the sums run alike.
        Assert.Equal(measured.Price(generated), block.Price(measured));
        Assert.NotEqual(Profile.Price(generated), measured.Price(generated));
    }

    [Fact]
    public void A_baseline_written_before_the_third_pcv_reads_and_compares_as_unchanged()
    {
        InterfaceModel current = Extraction.Extract(ColdLoadLevelTests.Walk, options: Exact);

        // Written and read back as the older build wrote it (no memoryLoads in the file), on a profile that prices memory.
        ColdLoadBaselines.AssertUnchanged(BeforeMemory(current), current, Profile, "memoryLoads");
    }

    [Fact]
    public void Memory_loads_round_trip_in_a_baseline()
    {
        InterfaceModel current = Extraction.Extract(TwoTables, options: Exact);
        string text = ColdLoadBaselines.Write(current);

        Assert.Equal(2, text.Split("\"memoryLoads\"").Length - 1);
        Assert.Equal(current, Assert.Single(ColdLoadBaselines.Read(text).Entries).Interface);
    }
}
