using System.Linq;
using Pix.Extraction;
using Pix.Model;

namespace Pix.Extractor.Tests;

public sealed class ResolutionTests
{
    private const string TwoCloseArms = @"static class C {
        [PerformanceInterface(Resolution = RESOLUTION)]
        public static int M(int[] a, bool f) {
            int s = 0;
            if (f) { for (int i = 0; i < a.Length; i++) s += a[i] * 3; }
            else { for (int i = 0; i < a.Length; i++) s += a[i]; }
            return s; } }";

    [Fact]
    public void Pieces_closer_than_the_resolution_merge_keeping_the_maximum()
    {
        InterfaceModel fine = Extraction.Extract(TwoCloseArms.Replace("RESOLUTION", "0"));
        Assert.Equal(2, fine.Pieces.Count);
        Assert.Equal(0, fine.Resolution);

        InterfaceModel coarse = Extraction.Extract(TwoCloseArms.Replace("RESOLUTION", "0.9"));
        Piece merged = Assert.Single(coarse.Pieces);
        Assert.Equal(PieceOrigin.MergedByResolution, merged.Origin);
        Assert.Equal(0.9, coarse.Resolution);
        double max = new[] { 0.0, 1.0 }.Max(f => fine.Ns(("f", f), ("a.Length", 1000)));
        Assert.Equal(max, coarse.Ns(("f", 0), ("a.Length", 1000)), 9);
    }

    [Fact]
    public void The_attribute_s_resolution_wins_over_options_of_resolution_0_in_every_call()
    {
        // The generator extracts with DefaultResolution = 0; a method's own Resolution must still
        // merge, on the first call and on the cached ones (the unmerged model is cached under those options too).
        Microsoft.CodeAnalysis.Compilation compilation = Pix.Testing.TestCompilation.Create(Extraction.Usings + TwoCloseArms.Replace("RESOLUTION", "0.9").Replace("class C", "class C"));
        Microsoft.CodeAnalysis.IMethodSymbol method = Extraction.FindMethod(compilation, "M");
        ExtractionOptions unmerged = ExtractionOptions.Default with { DefaultResolution = 0 };
        for (int call = 0; call < 2; call++)
        {
            InterfaceModel model = InterfaceExtractor.Extract(method, compilation, unmerged, System.Threading.CancellationToken.None);
            Assert.Single(model.Pieces);
            Assert.Equal(0.9, model.Resolution);
        }
    }

    [Fact]
    public void Default_resolution_comes_from_the_options_when_the_attribute_does_not_set_one()
    {
        InterfaceModel model = Extraction.Extract(TwoCloseArms.Replace("(Resolution = RESOLUTION)", string.Empty),
            options: ExtractionOptions.Default with { DefaultResolution = 0.25 });
        Assert.Equal(0.25, model.Resolution);
    }

    [Fact]
    public void Pieces_far_apart_are_kept()
    {
        InterfaceModel model = Extraction.Extract(@"static class C {
            [PerformanceInterface(Resolution = 0.5)]
            public static int M(int[] a, bool f) {
                if (f) return 0;
                int s = 0; for (int i = 0; i < a.Length; i++) s += a[i]; return s; } }");
        Assert.Equal(2, model.Pieces.Count);
        Assert.All(model.Pieces, p => Assert.Equal(PieceOrigin.Path, p.Origin));
    }
}
