using System.Linq;
using Pix.Library;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// <c>ConcurrentDictionary</c> and <c>ConcurrentQueue</c> (fourteenth session, Library/ConcurrentCollectionModels.cs):
/// reads are lock-free probes; writes are priced as their uncontended fast paths, the striped lock or the queue's
/// compare-exchange in a term that says contention is not modelled; what depends on the data is a PCV (collisions,
/// GetOrAdd's misses, Count's locks); a factory GetOrAdd calls is an opaque delegate call with its gap.
/// </summary>
public sealed class ConcurrentCollectionModelTests
{
    private static InterfaceModel Extract(string parameters, string body) => Extraction.Extract(
        $"using System.Collections.Concurrent; static class C {{ public static object M({parameters}) {{ {body} }} }}");

    [Theory]
    [InlineData("d.TryAdd(key, 1)")]
    [InlineData("d[key] = 1")]
    public void A_write_takes_the_striped_lock_once_in_a_term_that_says_contention_is_not_modelled(string write)
    {
        InterfaceModel model = Extract("ConcurrentDictionary<string, int> d, string key", write + "; return null;");

        Assert.Empty(model.Gaps);
        Term locked = model.TermAbout("contention is not modelled");
        Assert.Contains(ConcurrentCollectionModels.LockedDescription, locked.Description);
        Assert.Equal("1", locked.Count.ToString());
        Assert.Equal(2, locked.Block.CountOf(OperationClass.AtomicRmw)); // Lock.Enter and Exit
        Assert.Equal(1, locked.Block.CountOf(OperationClass.IntegerDivide)); // bucketNo % locks.Length
        Assert.Equal(1, locked.Block.CountOf(OperationClass.Allocation)); // the new node
        Assert.Equal("collisions", Assert.Single(model.Pcvs, q => q.Name == "collisions").Name);
        Assert.True(model.Ns(("key.Length", 8), ("collisions", 2)) > model.Ns(("key.Length", 8), ("collisions", 0)));
    }

    [Fact]
    public void TryRemove_takes_the_lock_and_unlinks_without_allocating()
    {
        InterfaceModel model = Extract("ConcurrentDictionary<int, string> d, int key", "return d.TryRemove(key, out string v) ? v : null;");

        Assert.Empty(model.Gaps);
        Term locked = model.TermAbout("contention is not modelled");
        Assert.Equal(2, locked.Block.CountOf(OperationClass.AtomicRmw));
        Assert.Equal(0, locked.Block.CountOf(OperationClass.Allocation));
    }

    [Fact]
    public void GetOrAdd_pays_the_insert_only_for_a_miss()
    {
        InterfaceModel model = Extract("ConcurrentDictionary<int, string> d, int key", "return d.GetOrAdd(key, \"v\");");

        Assert.Empty(model.Gaps);
        Term onMiss = model.TermAbout("contention is not modelled");
        Assert.Equal("misses", onMiss.Count.ToString());
        double hit = model.Ns(("misses", 0), ("collisions", 0));
        double miss = model.Ns(("misses", 1), ("collisions", 0));
        Assert.Equal(onMiss.Block.Price(HardwareProfile.Reference), miss - hit, 6);
        // The hit is a lock-free lookup: no atomic operation outside the miss's term.
        Assert.All(model.Pieces.Single().Terms.Where(t => t != onMiss), t => Assert.Equal(0, t.Block.CountOf(OperationClass.AtomicRmw)));
    }

    [Fact]
    public void GetOrAdd_with_a_factory_calls_it_as_an_opaque_delegate_on_a_miss()
    {
        InterfaceModel withFactory = Extract("ConcurrentDictionary<int, string> d, int key", "return d.GetOrAdd(key, k => k.ToString());");
        // A value that happens to be a delegate is no factory: the value overload, no delegate call.
        InterfaceModel delegateValue = Extract("ConcurrentDictionary<int, System.Func<int>> d, int key, System.Func<int> f", "return d.GetOrAdd(key, f);");

        Gap gap = Assert.Single(withFactory.Gaps);
        Assert.Equal("delegate call", gap.Construct);
        Assert.Equal(1, withFactory.TermAbout("contention is not modelled").Block.CountOf(OperationClass.DelegateCall));
        Assert.Empty(delegateValue.Gaps);
        Assert.Equal(0, delegateValue.TermAbout("contention is not modelled").Block.CountOf(OperationClass.DelegateCall));
    }

    [Fact]
    public void Count_takes_every_lock_counted_by_a_pcv()
    {
        InterfaceModel model = Extract("ConcurrentDictionary<int, int> d", "return d.Count;");

        Assert.Empty(model.Gaps);
        Term perLock = model.TermAbout("contention is not modelled");
        Assert.Equal("locks", perLock.Count.ToString());
        Assert.Equal(2, perLock.Block.CountOf(OperationClass.AtomicRmw));
        Assert.Equal(4 * perLock.Block.Price(HardwareProfile.Reference), model.Ns(("locks", 4)) - model.Ns(("locks", 0)), 6);
    }

    [Theory]
    [InlineData("q.Enqueue(x); return null;")]
    [InlineData("return q.TryDequeue(out string s) ? s : null;")]
    public void A_queue_operation_is_one_compare_exchange_in_a_term_that_says_contention_is_not_modelled(string body)
    {
        InterfaceModel model = Extract("ConcurrentQueue<string> q, string x", body);

        Assert.Empty(model.Gaps);
        Term reserve = model.TermAbout("contention is not modelled");
        Assert.Contains(ConcurrentCollectionModels.CompareExchangeDescription, reserve.Description);
        Assert.Equal(1, reserve.Block.CountOf(OperationClass.AtomicRmw));
        Assert.Equal(0, reserve.Block.CountOf(OperationClass.Call));
    }

    [Fact]
    public void A_write_in_a_loop_takes_the_lock_per_iteration()
    {
        InterfaceModel model = Extract("ConcurrentQueue<int> q, int n", "for (int i = 0; i < n; i++) q.Enqueue(i); return null;");

        Assert.Empty(model.Gaps);
        Term reserve = model.TermAbout("contention is not modelled");
        Assert.Equal("max(0, n)", reserve.Count.ToString());
    }
}
