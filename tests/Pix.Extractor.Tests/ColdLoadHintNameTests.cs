using System.Linq;
using Pix.Extraction;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>Two <c>PixHint.ColdLoads</c> hints that name the same PCV: the gap names the hint the user wrote.</summary>
public sealed class ColdLoadHintNameTests
{
    private const string TwoHints = @"static class C {
        public static int M(int[] next, int head) {
            PixHint.ColdLoads(""tableMisses"", 4096 * 40);
            int hops = 0;
            for (int i = head; i >= 0; i = next[i]) { hops++; }
            PixHint.ColdLoads(""tableMisses"", 4096 * 64);
            return hops; } }";

    [Fact]
    public void A_second_hint_with_the_same_name_is_a_gap_about_PixHint_ColdLoads()
    {
        InterfaceModel model = Extraction.Extract(TwoHints, options: ExtractionOptions.Default with { DefaultResolution = 0 });

        Gap gap = Assert.Single(model.Gaps, g => g.Kind == GapKind.MisplacedHint);
        Assert.Equal("PixHint.ColdLoads", gap.Construct);
        Assert.Contains("already names the PCV 'tableMisses'", gap.Reason);
        // Each hint has its three PCVs: its misses, its loads served by L2 and those served by memory, all told apart.
        Assert.Equal(
            new[] { "tableMisses", "tableMisses_2", "tableMissesFromL2", "tableMissesFromL2_2", "tableMissesFromMemory", "tableMissesFromMemory_2" },
            model.Pcvs.Select(q => q.Name).Where(n => n.StartsWith("tableMisses", System.StringComparison.Ordinal)));
    }
}
