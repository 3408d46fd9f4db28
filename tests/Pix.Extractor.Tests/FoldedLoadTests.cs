using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// Which loads the extractor marks as folded into the instruction that uses them (the x86 memory
/// operand of arithmetic or a compare, as the Tier-1 listings in docs/accuracy.md show), and the
/// taken back-edge each loop iteration carries.
/// </summary>
public sealed class FoldedLoadTests
{
    private static BlockSummary LoopBody(string body, string parameters = "int[] a, int key", string fields = "") =>
        Extraction.Extract($@"class C {{ {fields}
            public int M({parameters}) {{
                int found = 0;
                for (int i = 0; i < a.Length; i++) {{ {body} }}
                return found; }} }}").TermAbout("loop over").Block;

    [Fact]
    public void A_compare_with_an_array_element_folds_its_load()
    {
        // `cmp dword ptr [rdi+4*rax+16], esi` + `je`: IndexOf's loop.
        BlockSummary body = LoopBody("if (a[i] == key) found++;");

        Assert.Equal(1, body.CountOf(OperationClass.Load));
        Assert.Equal(1, body.FoldedLoads);
    }

    [Fact]
    public void A_compare_with_a_field_folds_its_load()
    {
        BlockSummary body = LoopBody("if (a[i] == _limit) found++;", fields: "private int _limit;");

        // Both operands are loads; an x86 instruction takes one memory operand.
        Assert.Equal(2, body.CountOf(OperationClass.Load));
        Assert.Equal(1, body.FoldedLoads);
    }

    [Fact]
    public void Arithmetic_folds_the_load_it_adds()
    {
        Assert.Equal(1, LoopBody("found = found + a[i];").FoldedLoads);
        Assert.Equal(1, LoopBody("found += a[i];").FoldedLoads);
        Assert.Equal(1, LoopBody("found = key - a[i];").FoldedLoads);
    }

    [Fact]
    public void A_load_used_twice_through_a_variable_does_not_fold()
    {
        BlockSummary body = LoopBody("int v = a[i]; if (v > found) found = v;");

        Assert.Equal(1, body.CountOf(OperationClass.Load));
        Assert.Equal(0, body.FoldedLoads);
    }

    [Fact]
    public void A_load_used_as_an_index_does_not_fold()
    {
        BlockSummary body = LoopBody("found = a[a[i] & 7];");

        Assert.Equal(2, body.CountOf(OperationClass.Load));
        Assert.Equal(0, body.FoldedLoads);
    }

    [Fact]
    public void A_stored_load_does_not_fold()
    {
        Assert.Equal(0, LoopBody("a[i] = a[i ^ 1];").FoldedLoads);
    }

    [Theory]
    [InlineData("if (a[i] == 3) found++;", "against a constant: cmp [mem], imm does not fuse with its branch")]
    [InlineData("found = a[i] - key;", "the left of a subtraction is the destination register")]
    [InlineData("found = a[i] << key;", "shifts take no memory source")]
    [InlineData("found = a[i] / key;", "integer division")]
    public void Loads_that_the_jit_cannot_fold_are_not_folded(string statement, string why)
    {
        Assert.True(LoopBody(statement).FoldedLoads == 0, why);
    }

    [Fact]
    public void A_widened_load_does_not_fold()
    {
        // byte and char loads are movzx: the widening instruction is the load.
        Assert.Equal(0, LoopBody("if (b[i] == (byte)key) found++;", "int[] a, byte[] b, int key").FoldedLoads);
    }

    [Fact]
    public void Each_loop_iteration_takes_one_branch_and_straight_line_code_none()
    {
        InterfaceModel model = Extraction.Extract(@"class C { public int M(int[] a) {
            int s = 0;
            for (int i = 0; i < a.Length; i++) { s ^= a[i]; }
            return s; } }");

        Assert.Equal(1, model.TermAbout("loop over").Block.TakenBranches);
        Assert.Equal(0, model.TermAbout("straight-line").Block.TakenBranches);
    }

    [Fact]
    public void Folding_makes_a_compare_loop_cheaper_but_never_below_a_cycle_per_iteration()
    {
        BlockSummary body = LoopBody("if (a[i] == key) found++;");
        HardwareProfile hw = HardwareProfile.Reference;

        Assert.True(body.Price(hw) < (body with { FoldedLoads = 0 }).Price(hw));
        Assert.True(body.Price(hw) >= hw.LatencyNs(OperationClass.IntegerAlu));
    }
}
