using Pix.Extraction;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// A model's assembly computes its pieces' normal form (<see cref="PieceNormalForm"/>) once: at resolution 0 nothing
/// merges, and a merge at a resolution that merges nothing leaves the normal form it was given. The default mode's
/// slowest methods spent half of their model assembly in the normal form, computed three times for each extraction at
/// the default resolution (docs/robustness.md, `tail26`). Counted on this thread, so other tests running do not count.
/// </summary>
public sealed class NormalFormOnceTests
{
    // Two pieces whose costs differ by far more than any resolution below (a loop on one arm only): nothing merges.
    private const string Source = @"static class C {
        public static int M(int[] a, int n) {
            int s = n * 3;
            if (n > 3) { foreach (int x in a) s += x * x; } else { s = n + 1; }
            return s + Sum(a); }
        static int Sum(int[] a) { int s = 0; foreach (int x in a) s += x; return s; } }";

    // Fresh compilations, no model reused from another test's compilation of the same source.
    private static readonly ExtractionOptions Options = ExtractionOptions.Default with { ReuseAcrossCompilations = false };

    [Fact]
    public void An_extraction_at_resolution_0_computes_the_normal_form_once()
    {
        int before = PieceNormalForm.RunsOnThisThread;
        InterfaceModel model = Extraction.Extract(Source, options: Options with { DefaultResolution = 0 });

        Assert.True(model.Pieces.Count >= 2, model.Dump());
        Assert.Equal(1, PieceNormalForm.RunsOnThisThread - before);
    }

    [Fact]
    public void A_merge_that_merges_nothing_does_not_compute_the_normal_form_again()
    {
        int before = PieceNormalForm.RunsOnThisThread;
        InterfaceModel model = Extraction.Extract(Source, options: Options with { DefaultResolution = 0.05 });
        int runs = PieceNormalForm.RunsOnThisThread - before;

        InterfaceModel unmerged = Extraction.Extract(Source, options: Options with { DefaultResolution = 0 });
        Assert.Equal(unmerged.Pieces.Count, model.Pieces.Count); // nothing merged
        Assert.Equal(unmerged.Pieces, model.Pieces);
        Assert.Equal(1, runs);
    }

    [Fact]
    public void A_merge_that_merges_pieces_computes_their_normal_form_and_gives_the_model_extracted_at_that_resolution()
    {
        // Two arms within a few percent of each other: they merge at 0.9, and the loop becomes common to every piece left.
        const string source = @"static class C {
            public static int M(int[] a, int n) {
                int s = Sum(a);
                if (n > 3) { s += n * n / 7; } else { s += n + 1; }
                return s + Sum(a); }
            static int Sum(int[] a) { int s = 0; foreach (int x in a) s += x; return s; } }";
        InterfaceModel unmerged = Extraction.Extract(source, options: Options with { DefaultResolution = 0 });

        int before = PieceNormalForm.RunsOnThisThread;
        InterfaceModel merged = ResolutionMerger.Apply(unmerged, 0.9);

        Assert.True(merged.Pieces.Count < unmerged.Pieces.Count, unmerged.Dump());
        Assert.Equal(1, PieceNormalForm.RunsOnThisThread - before);
        Assert.Equal(Extraction.Extract(source, options: Options with { DefaultResolution = 0.9 }).Pieces, merged.Pieces);
    }
}
