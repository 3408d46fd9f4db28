using System.Linq;
using Pix.Extraction;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// The terms of a model in normal form: like terms (same block, count and description, at different
/// sites) grouped into one counting all of them, and the terms every piece pays first. Before the normal
/// form, a helper called at five sites was five terms (five lines of <c>+ update16</c> in the NAT's
/// interface), and a cost every piece shared was summed again in each piece.
/// </summary>
public sealed class PieceNormalFormTests
{
    private static readonly ExtractionOptions Unmerged = ExtractionOptions.Default with { DefaultResolution = 0 };

    // Annotated and too large to inline, so that its callers compose its interface as a term per call site
    // (as the NAT does Checksum.Update16).
    private const string Helper = @"
            [PerformanceInterface] public static void Mix(int[] a, int i) {
                a[i] = a[i] * 31 + 7; a[i + 1] ^= a[i] >> 3; a[i + 2] += a[i + 1] * 17; a[i + 3] -= a[i + 2] / 5;
                a[i + 4] = a[i + 3] * a[i + 2] + a[i + 1]; a[i + 5] ^= a[i + 4] << 2; }";

    [Fact]
    public void A_block_paid_at_several_sites_is_one_term_counting_every_site()
    {
        string source = "static class C {\n"
            + " public static void M(int[] a) { Mix(a, 0); Mix(a, 1); Mix(a, 2); }\n"
            + " public static void Once(int[] a) { Mix(a, 0); }\n" + Helper + " }";
        InterfaceModel three = Extraction.Extract(source, options: Unmerged);
        InterfaceModel once = Extraction.Extract(source, "Once", Unmerged);

        Piece piece = Assert.Single(three.Pieces);
        Assert.Equal(piece.Terms.Count, piece.Terms.Select(t => (t.Block, t.Count, t.Description)).Distinct().Count());
        Assert.True(piece.Terms.Count(t => t.Description.Contains("Mix")) == 1, three.Dump());
        Term call = Assert.Single(piece.Terms, t => t.Description.Contains("Mix"));
        Assert.Equal(Expr.Const(3), call.Count);
        Term onceCall = Assert.Single(Assert.Single(once.Pieces).Terms, t => t.Description.Contains("Mix"));
        Assert.Equal(onceCall.Block, call.Block);
    }

    [Fact]
    public void Like_terms_with_a_symbolic_count_are_grouped_under_a_constant_factor()
    {
        const string source = @"static class C {
            public static int M(int[] a) { int s = Sum(a); s += Sum(a); return s; }
            static int Sum(int[] a) { int s = 0; foreach (int x in a) s += x; return s; } }";
        InterfaceModel model = Extraction.Extract(source, options: Unmerged);

        Term loop = Assert.Single(Assert.Single(model.Pieces).Terms, t => t.Count.Symbols().Contains("a.Length"));
        Assert.Equal(Expr.Multiply(Expr.Const(2), Expr.Symbol("a.Length")), loop.Count);
        Assert.Equal(2 * loop.Block.Price(HardwareProfile.Reference) * 100, ModelEvaluator.Evaluate(loop.Count, _ => 100) * loop.Block.Price(HardwareProfile.Reference), 9);
    }

    [Fact]
    public void Terms_every_piece_pays_come_first_in_every_piece()
    {
        // The loop over a runs on both paths, after code that differs between them.
        const string source = @"static class C {
            public static int M(int[] a, int n) {
                int s = 0;
                if (n > 3) { s = n * n / 7; } else { s = n + 1; }
                foreach (int x in a) s += x;
                return s; } }";
        InterfaceModel model = Extraction.Extract(source, options: Unmerged);

        Assert.True(model.Pieces.Count >= 2, model.Dump());
        Term loop = Assert.Single(model.Pieces[0].Terms, t => t.Count.Symbols().Contains("a.Length"));
        Assert.All(model.Pieces, p => Assert.Equal(loop, p.Terms[0]));
    }

    [Fact]
    public void Merging_a_normal_form_model_at_a_resolution_gives_the_model_extracted_at_it()
    {
        const string source = @"static class C {
            public static int M(int[] a, int n) {
                int s = Sum(a);
                if (n > 3) { s += n * n / 7; s += Sum(a); } else { s += n + 1; }
                return s + Sum(a); }
            static int Sum(int[] a) { int s = 0; foreach (int x in a) s += x; return s; } }";
        foreach (double resolution in new[] { 0.05, 0.25, 0.9 })
        {
            InterfaceModel extracted = Extraction.Extract(source, options: ExtractionOptions.Default with { DefaultResolution = resolution });
            InterfaceModel merged = ResolutionMerger.Apply(Extraction.Extract(source, options: Unmerged), resolution);
            Assert.Equal(extracted.Pieces, merged.Pieces);
            Assert.All(merged.Pieces, p => Assert.Equal(p.Terms.Count, p.Terms.Select(t => (t.Block, t.Count, t.Description)).Distinct().Count()));
        }
    }

    [Fact]
    public void The_normal_form_of_a_normal_form_is_itself()
    {
        // Three sites of n and one of 3 * n: grouped once, they are 3 * n twice, themselves like terms.
        BlockSummary call = BlockSummary.Create(new[] { new OperationCount(OperationClass.IntegerAlu, 3) });
        Term At(int site, Expr count) => new(call, count, new Provenance("C.cs", 10 * site, 5, site, site, "call to Sum"), "call to Sum");
        Expr n = Expr.Symbol("n");
        var piece = new Piece(Guard.Always, new[] { At(1, n), At(2, n), At(3, n), At(4, Expr.Multiply(Expr.Const(3), n)) }.ToEquatableArray());

        Piece once = Assert.Single(PieceNormalForm.Of(new[] { piece }));

        Assert.Equal(once, Assert.Single(PieceNormalForm.Of(new[] { once })));
        Term grouped = Assert.Single(once.Terms);
        Assert.Equal(Expr.Multiply(Expr.Const(6), n), grouped.Count);
        Assert.Equal(1, grouped.Origin.Line);
    }
}
