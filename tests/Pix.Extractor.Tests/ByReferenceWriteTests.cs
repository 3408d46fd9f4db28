using System.Linq;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// Writes through a reference (MethodAnalyzer.Expressions.cs): an <c>out</c> or <c>ref</c> parameter,
/// or a <c>ref</c> local, names memory, not a register. <c>probes++</c> on <c>out int probes</c> is
/// x64's <c>inc dword ptr [r9]</c>, a load, an add and a store every iteration (the load balancer's
/// probe loop, docs/accuracy.md "The load balancer, seventh session"); <c>slot = index</c> is a store.
/// The loop-carried chain stays the operation's: the stored value is forwarded to the next load.
/// </summary>
public sealed class ByReferenceWriteTests
{
    private static BlockSummary LoopBody(string parameter, string update, string before = "") => Extraction.Extract($@"class C {{
        private int[] _values = new int[64];
        public void M(int n, {parameter}) {{
            {before}
            for (int i = 0; i < n; i++) {{ {update} }} }} }}").TermAbout("loop over").Block;

    private static double Count(BlockSummary block, OperationClass operation) => block.CountOf(operation);

    [Theory]
    [InlineData("out int count", "count++;", "count = 0;")]
    [InlineData("ref int count", "count++;", "")]
    [InlineData("ref int count", "++count;", "")]
    [InlineData("ref int count", "count--;", "")]
    [InlineData("ref int count", "count += i;", "")]
    [InlineData("ref long count", "count += i;", "")]
    public void An_update_through_a_parameter_reference_loads_and_stores(string parameter, string update, string before)
    {
        BlockSummary byReference = LoopBody(parameter, update, before);
        BlockSummary inRegister = LoopBody(parameter.Split(' ')[1] + " count", update);

        // The same arithmetic, plus the value's round trip through memory.
        Assert.Equal(Count(inRegister, OperationClass.IntegerAlu), Count(byReference, OperationClass.IntegerAlu));
        Assert.Equal(Count(inRegister, OperationClass.Load) + 1, Count(byReference, OperationClass.Load));
        Assert.Equal(Count(inRegister, OperationClass.Store) + 1, Count(byReference, OperationClass.Store));
    }

    [Fact]
    public void An_update_through_a_ref_local_loads_and_stores()
    {
        BlockSummary byReference = Extraction.Extract(@"class C {
            private int[] _counts = new int[64];
            public void M(int n, int k) {
                ref int count = ref _counts[k];
                for (int i = 0; i < n; i++) { count++; } } }").TermAbout("loop over").Block;

        Assert.Equal(1, Count(byReference, OperationClass.Load));
        Assert.Equal(1, Count(byReference, OperationClass.Store));
    }

    [Fact]
    public void The_update_chains_each_iteration_as_in_a_register()
    {
        // The core forwards the stored value to the next iteration's load: the firewall's rule scan,
        // `inc dword ptr [rdx]` per rule, runs at 0.8 ns a rule, less than a load and a store in
        // sequence. The loop-carried chain is the add alone, as for a register.
        BlockSummary byReference = LoopBody("ref int count", "count++;");
        BlockSummary inRegister = LoopBody("int count", "count++;");

        Assert.Equal(inRegister.Chain, byReference.Chain);
    }

    [Fact]
    public void An_assignment_through_a_parameter_reference_stores()
    {
        BlockSummary byReference = LoopBody("out int last", "last = i;", "last = 0;");
        BlockSummary inRegister = LoopBody("int last", "last = i;");

        Assert.Equal(Count(inRegister, OperationClass.Store) + 1, Count(byReference, OperationClass.Store));
        Assert.Equal(Count(inRegister, OperationClass.Load), Count(byReference, OperationClass.Load));
    }

    [Fact]
    public void A_compound_update_through_a_reference_folds_no_second_memory_operand()
    {
        // `add [rdx], eax` after `mov eax, [mem]`: x86 takes one memory operand, the stored-to one.
        BlockSummary byReference = LoopBody("ref int sum", "sum += _values[i];");
        BlockSummary inRegister = LoopBody("int sum", "sum += _values[i];");

        Assert.Equal(1, inRegister.FoldedLoads);
        Assert.Equal(0, byReference.FoldedLoads);
    }

    [Fact]
    public void Rebinding_a_ref_local_stores_nothing()
    {
        BlockSummary body = Extraction.Extract(@"class C {
            private int[] _counts = new int[64];
            public int M(int n) {
                ref int at = ref _counts[0];
                for (int i = 0; i < n; i++) { at = ref _counts[i & 63]; }
                return at; } }").TermAbout("loop over").Block;

        Assert.Equal(0, Count(body, OperationClass.Store));
    }

    [Fact]
    public void Reading_a_parameter_passed_by_value_is_unchanged()
    {
        BlockSummary body = LoopBody("int count", "count++;");

        Assert.Equal(0, Count(body, OperationClass.Load));
        Assert.Equal(0, Count(body, OperationClass.Store));
        Assert.DoesNotContain(body.Chain, c => c.Class is OperationClass.Load or OperationClass.Store);
    }
}
