using System.Linq;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// Dependencies the Tier-1 listings of one packet's code show and the straight-line chain missed
/// (docs/accuracy.md, "Tenth session: one packet as Tier-1 code runs it"): a field stored through a
/// reference and read back through it is forwarded from the store, and a value a call writes through an
/// <c>out</c> or <c>ref</c> argument depends on the call like its return value. The forwarded read costs the
/// chain what the stored value in a register would (twenty-seventh session, <c>bench/Pix.PolicerVerdict --reload</c>:
/// the policer's reload, the same read through an index register the core cannot rename, and the value kept in a
/// local time alike): it waits for the value, not for a load. It is still issued.
/// </summary>
public sealed class StoreForwardingTests
{
    // The token-bucket policer's update: `mov [rax], r8` (the refill), then `cmp [rax], rcx` (the test).
    private const string Policer = @"class C {
            private struct Bucket { public long Tokens; public long LastRefill; }
            private readonly Bucket[] _b = new Bucket[16]; private long _rate; private long _cap;
            public bool M(int i, long now, long cost) {
                ref Bucket bucket = ref _b[i];
                long elapsed = now - bucket.LastRefill;
                if (elapsed > 0) { bucket.Tokens = System.Math.Min(_cap, bucket.Tokens + elapsed * _rate); bucket.LastRefill = now; }
                if (bucket.Tokens < cost) return false;
                bucket.Tokens -= cost;
                return true; } }";

    private static BlockSummary StraightLine(string source) =>
        Extraction.Extract(source).TermAbout("straight-line").Block;

    private static double ChainCount(BlockSummary block, OperationClass operation) =>
        block.Chain.Where(c => c.Class == operation).Sum(c => c.Count);

    // The refill and the verdict alone, reading Tokens back (as the policer) or comparing the refilled value kept in a local.
    private const string VerdictReloaded = @"class C {
            private struct Bucket { public long Tokens; public long LastRefill; }
            private readonly Bucket[] _b = new Bucket[16]; private long _rate; private long _cap;
            public bool M(int i, long now, long cost) {
                ref Bucket bucket = ref _b[i];
                long elapsed = now - bucket.LastRefill;
                if (elapsed > 0) { bucket.Tokens = System.Math.Min(_cap, bucket.Tokens + elapsed * _rate); bucket.LastRefill = now; }
                return bucket.Tokens >= cost; } }";

    private const string VerdictInRegister = @"class C {
            private struct Bucket { public long Tokens; public long LastRefill; }
            private readonly Bucket[] _b = new Bucket[16]; private long _rate; private long _cap;
            public bool M(int i, long now, long cost) {
                ref Bucket bucket = ref _b[i];
                long elapsed = now - bucket.LastRefill;
                long tokens = bucket.Tokens;
                if (elapsed > 0) { tokens = System.Math.Min(_cap, tokens + elapsed * _rate); bucket.Tokens = tokens; bucket.LastRefill = now; }
                return tokens >= cost; } }";

    [Fact]
    public void A_field_stored_through_a_ref_local_and_read_back_depends_on_the_stored_value()
    {
        // load _b, load LastRefill, sub, mul, add, min, and the compare or the store: the read of Tokens waits for
        // the min, not for a load (a third load, before the twenty-seventh session).
        BlockSummary block = StraightLine(Policer);

        Assert.Equal(2, ChainCount(block, OperationClass.Load));
        Assert.Equal(1, ChainCount(block, OperationClass.IntegerMultiply));
    }

    [Fact]
    public void The_read_back_is_priced_as_the_value_kept_in_a_local()
    {
        InterfaceModel reload = Extraction.Extract(VerdictReloaded);
        InterfaceModel inRegister = Extraction.Extract(VerdictInRegister);
        BlockSummary reloaded = reload.TermAbout("straight-line").Block;
        BlockSummary kept = inRegister.TermAbout("straight-line").Block;

        foreach (OperationClass operation in new[] { OperationClass.Load, OperationClass.Store, OperationClass.IntegerMultiply, OperationClass.IntegerAlu })
        {
            Assert.True(ChainCount(reloaded, operation) == ChainCount(kept, operation), $"{operation}: reload chain {string.Join(", ", reloaded.Chain)}; local chain {string.Join(", ", kept.Chain)}");
        }

        Assert.Equal(inRegister.Ns(), reload.Ns(), precision: 9);
    }

    [Fact]
    public void A_field_read_through_another_reference_does_not_depend_on_the_store()
    {
        BlockSummary block = StraightLine(@"class C {
            private struct Bucket { public long Tokens; }
            private readonly Bucket[] _b = new Bucket[16];
            public bool M(int i, int j, long x) {
                ref Bucket a = ref _b[i];
                ref Bucket b = ref _b[j];
                a.Tokens = x * x * x;
                return b.Tokens < 5; } }");

        Assert.Equal(0, ChainCount(block, OperationClass.Store));
    }

    [Fact]
    public void A_reference_bound_again_forgets_what_was_stored_through_it()
    {
        BlockSummary block = StraightLine(@"class C {
            private struct Bucket { public long Tokens; }
            private readonly Bucket[] _b = new Bucket[16];
            public bool M(int i, int j, long x) {
                ref Bucket a = ref _b[i];
                a.Tokens = x * x * x;
                a = ref _b[j];
                return a.Tokens < 5; } }");

        Assert.Equal(0, ChainCount(block, OperationClass.Store));
    }

    [Fact]
    public void An_object_field_stored_and_read_back_through_a_parameter_depends_on_the_stored_value()
    {
        BlockSummary block = StraightLine(@"class Node { public long Count; }
            class C { public bool M(Node node, long x) {
                node.Count = x * x;
                return node.Count > 7; } }");

        // The multiply, then the compare or the store (the longer); the read is issued but waits for no load.
        Assert.Equal(1, ChainCount(block, OperationClass.IntegerMultiply));
        Assert.Equal(0, ChainCount(block, OperationClass.Load));
        Assert.Equal(1, block.Operations.Where(c => c.Class == OperationClass.Load).Sum(c => c.Count));
    }

    [Fact]
    public void A_value_written_through_an_out_argument_depends_on_the_call()
    {
        // Parse is not inlined (it loops); what it writes to v reaches the multiply through the call.
        BlockSummary block = StraightLine(@"class C {
            static bool Parse(int[] a, out int v) { v = 0; for (int i = 0; i < a.Length; i++) v += a[i]; return v > 0; }
            public int M(int[] a) {
                Parse(a, out int v);
                return (v * 7) ^ (v >> 3); } }");

        Assert.Equal(1, ChainCount(block, OperationClass.Call));
        Assert.Equal(1, ChainCount(block, OperationClass.IntegerMultiply));
    }

    [Fact]
    public void A_value_written_through_a_ref_argument_depends_on_the_call()
    {
        BlockSummary block = StraightLine(@"class C {
            static void Step(int[] a, ref int v) { for (int i = 0; i < a.Length; i++) v += a[i]; }
            public int M(int[] a) {
                int v = 1;
                Step(a, ref v);
                return v * 7; } }");

        Assert.Equal(1, ChainCount(block, OperationClass.Call));
        Assert.Equal(1, ChainCount(block, OperationClass.IntegerMultiply));
    }
}
