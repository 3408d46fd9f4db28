using System.Linq;
using Pix.Library;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// Locks and atomic operations (thirteenth session): an <c>Interlocked</c> call is one
/// <see cref="OperationClass.AtomicRmw"/>, a <c>lock</c> is the monitor's two uncontended fast paths in a term
/// of its own that says contention is not modelled, and the body of a <c>lock</c> is analysed like any block.
/// </summary>
public sealed class SynchronizationModelTests
{
    [Fact]
    public void Interlocked_increment_is_one_atomic_read_modify_write()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { static int s_count;
            public static int M() => System.Threading.Interlocked.Increment(ref s_count); }");

        Assert.Empty(model.Gaps);
        BlockSummary block = model.Pieces.Single().Terms.Single().Block;
        Assert.Equal(1, block.CountOf(OperationClass.AtomicRmw));
        Assert.Empty(block.Opaque);
        // Priced as stated: the locked instruction and the add after it; the call site passes the static's address and
        // reads nothing (ByReferenceArgumentTests).
        HardwareProfile hw = HardwareProfile.Reference;
        double expected = hw.LatencyNs(OperationClass.AtomicRmw) + hw.LatencyNs(OperationClass.IntegerAlu);
        Assert.Equal(expected, model.Ns(), 6);
        // The class is what the price follows: doubling it adds one operation's worth.
        double dearer = ModelEvaluator.Evaluate(model, new System.Collections.Generic.Dictionary<string, double>(), hw.With(OperationClass.AtomicRmw, new OperationCost(12, 12))).Nanoseconds;
        Assert.Equal(model.Ns() + 6.0, dearer, 6);
    }

    [Fact]
    public void Interlocked_overloads_for_references_call_the_helper_and_numbers_do_not()
    {
        InterfaceModel reference = Extraction.Extract(@"static class C { static object s_o;
            public static object M(object v) => System.Threading.Interlocked.CompareExchange(ref s_o, v, null); }");
        InterfaceModel number = Extraction.Extract(@"static class C { static long s_n;
            public static long M(long v) => System.Threading.Interlocked.CompareExchange(ref s_n, v, 0) + System.Threading.Volatile.Read(ref s_n); }");

        Assert.Empty(reference.Gaps);
        Assert.Empty(number.Gaps);
        BlockSummary withHelper = reference.Pieces.Single().Terms.Single().Block;
        BlockSummary inline = number.Pieces.Single().Terms.Single().Block;
        Assert.Equal(1, withHelper.CountOf(OperationClass.AtomicRmw));
        Assert.Equal(1, withHelper.CountOf(OperationClass.Call));
        Assert.Equal(1, inline.CountOf(OperationClass.AtomicRmw));
        Assert.Equal(0, inline.CountOf(OperationClass.Call));
    }

    [Fact]
    public void The_generic_overloads_are_priced_by_the_type_they_run_on()
    {
        // Exchange<string> runs ExchangeObject (a call, the write barrier); Exchange<an enum> the integer `xchg`, inlined.
        InterfaceModel text = Extraction.Extract(@"static class C { static string s_s = """";
            public static string M(string v) => System.Threading.Interlocked.Exchange(ref s_s, v); }");
        InterfaceModel state = Extraction.Extract(@"enum State { Idle, Busy } static class C { static State s_state;
            public static State M(State v) => System.Threading.Interlocked.CompareExchange(ref s_state, v, State.Idle); }");

        BlockSummary reference = text.Pieces.Single().Terms.Single().Block;
        BlockSummary number = state.Pieces.Single().Terms.Single().Block;
        Assert.Equal(1, reference.CountOf(OperationClass.AtomicRmw));
        Assert.Equal(1, reference.CountOf(OperationClass.Call));
        Assert.Equal(1, number.CountOf(OperationClass.AtomicRmw));
        Assert.Equal(0, number.CountOf(OperationClass.Call));
    }

    [Fact]
    public void A_lock_is_the_uncontended_monitor_in_a_term_that_says_contention_is_not_modelled()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { static readonly object s_gate = new object(); static int s_count;
            public static void M() { lock (s_gate) { s_count++; } } }");

        Assert.Empty(model.Gaps);
        Term @lock = model.TermAbout("contention is not modelled");
        Assert.Equal(SynchronizationModels.LockDescription, @lock.Description);
        Assert.Equal("1", @lock.Count.ToString());
        Assert.Equal(2, @lock.Block.CountOf(OperationClass.AtomicRmw));
        Assert.Equal(2, @lock.Block.CountOf(OperationClass.Call));
        Assert.Empty(@lock.Block.Opaque);
        // The body (a load, an add, a store) is priced as any block beside the lock's term.
        double lockNs = @lock.Block.Price(HardwareProfile.Reference);
        Assert.True(model.Ns() > lockNs, "the body adds to the lock");
        Assert.InRange(model.Ns() - lockNs, 0.1, 3.0);
    }

    [Fact]
    public void A_lock_inside_a_loop_is_paid_per_iteration()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { static readonly object s_gate = new object(); static int s_count;
            public static void M(int n) { for (int i = 0; i < n; i++) { lock (s_gate) { s_count++; } } } }");

        Assert.Empty(model.Gaps);
        Term @lock = model.TermAbout("contention is not modelled");
        Assert.Equal("max(0, n)", @lock.Count.ToString());
        double perLock = @lock.Block.Price(HardwareProfile.Reference);
        Assert.True(model.Ns(("n", 100)) - model.Ns(("n", 0)) >= 100 * perLock);
    }
}
