using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// Instruction forms the Tier-1 listings show and a plain count of operations misses (docs/accuracy.md,
/// "Issue forms, ninth session"): the address a floating-point element's read-modify-write keeps in a
/// register, and element loads that floating-point arithmetic cannot fold.
/// </summary>
public sealed class IssueFormTests
{
    private static BlockSummary LoopBody(string body, string parameters) =>
        Extraction.Extract($@"class C {{
            public double M({parameters}, int n) {{
                double s = 0;
                for (int j = 0; j < n; j++) {{ {body} }}
                return s; }} }}").TermAbout("loop over").Block;

    [Fact]
    public void A_floating_point_element_updated_in_place_keeps_its_address_in_a_register()
    {
        // Geometry.Multiply: `lea r14, [rdx+8*r14+16]`, then the load and the store through [r14].
        BlockSummary updated = LoopBody("p[j] += v;", "double[] p, double v");
        BlockSummary written = LoopBody("p[j] = v;", "double[] p, double v");

        // j++, j < n, and the lea; a plain store has no lea (`vmovsd [rdx+8*rcx+16], xmm0`).
        Assert.Equal(3, updated.CountOf(OperationClass.IntegerAlu));
        Assert.Equal(2, written.CountOf(OperationClass.IntegerAlu));
    }

    [Fact]
    public void An_integer_element_updated_in_place_needs_no_address_register()
    {
        // `add qword ptr [rdi+8*rcx+16], rsi`: the update is one instruction on the element.
        BlockSummary updated = LoopBody("p[j] += v;", "long[] p, long v");

        Assert.Equal(3, updated.CountOf(OperationClass.IntegerAlu));
    }

    [Fact]
    public void A_span_element_updated_in_place_keeps_its_address_in_a_register_too()
    {
        BlockSummary updated = LoopBody("p[j] += v; p[j]++;", "System.Span<double> p, double v");

        Assert.Equal(4, updated.CountOf(OperationClass.IntegerAlu));
    }

    [Fact]
    public void Floating_point_arithmetic_does_not_fold_an_element_load()
    {
        // `vmulsd xmm2, xmm0, [rsi+8*r13+16]` issues as two slots: the index register splits it.
        Assert.Equal(0, LoopBody("s += v * b[j];", "double[] b, double v").FoldedLoads);
        Assert.Equal(0, LoopBody("s += b[j];", "double[] b, double v").FoldedLoads);
        Assert.Equal(0, LoopBody("s = s - b[j];", "double[] b, double v").FoldedLoads);
    }

    [Fact]
    public void Floating_point_arithmetic_still_folds_a_field_and_integer_arithmetic_an_element()
    {
        BlockSummary field = Extraction.Extract(@"class C { private double _scale;
            public double M(int n) { double s = 0; for (int j = 0; j < n; j++) { s += _scale; } return s; } }").TermAbout("loop over").Block;

        Assert.Equal(1, field.FoldedLoads);
        Assert.Equal(1, LoopBody("s += v * (b[j] + j);", "long[] b, double v").FoldedLoads);
    }

    [Fact]
    public void A_floating_point_compare_still_folds_an_element_load()
    {
        // `vucomisd xmm0, [rax+8*rcx+16]` has two operands and stays one slot.
        Assert.Equal(1, LoopBody("if (b[j] < v) s++;", "double[] b, double v").FoldedLoads);
    }
}
