using System.Linq;
using Pix.Model;
using Xunit.Abstractions;

namespace Pix.Extractor.Tests;

public sealed class LoopTests
{
    private readonly ITestOutputHelper _output;

    public LoopTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Loop_over_data_length_scales_linearly()
    {
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static int M(int[] data)
    {
        int sum = 0;
        for (int i = 0; i < data.Length; i++)
        {
            sum += data[i];
        }
        return sum;
    }
}");
        _output.WriteLine(model.Dump());
        Assert.Empty(model.Gaps);
        Quantity length = Assert.Single(model.Quantities);
        Assert.Equal("data.Length", length.Name);
        Assert.Equal(QuantityKind.Size, length.Kind);
        Term loop = model.TermAbout("loop over data.Length");
        Assert.Equal(Expr.Symbol("data.Length"), loop.Count);

        // Canonical shape: the JIT proves the index in range, no bounds check.
        Assert.Equal(0, loop.Block.CountOf(OperationClass.BoundsCheck));
        Assert.Equal(1, loop.Block.CountOf(OperationClass.Load));

        double t0 = model.Ns(("data.Length", 0));
        double t100 = model.Ns(("data.Length", 100));
        double t200 = model.Ns(("data.Length", 200));
        Assert.Equal(t200 - t100, t100 - t0, 9);
        Assert.True(t100 > t0);
    }

    [Fact]
    public void Triangular_nest_costs_exactly_n_times_n_minus_one_over_two_bodies()
    {
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static long M(int n)
    {
        long s = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < i; j++)
                s += j;
        return s;
    }
}");
        _output.WriteLine(model.Dump());
        Term inner = model.Pieces.Last().Terms.Single(t => t.Description.Contains("j < i"));
        foreach (int n in new[] { 0, 1, 2, 5, 100 })
        {
            Assert.Equal(n * (n - 1) / 2.0, ModelEvaluator.Evaluate(inner.Count, _ => n), 9);
        }
    }

    [Fact]
    public void Early_exit_gets_a_pcv_bounded_by_the_full_trip_count()
    {
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static bool M(byte[] a, byte[] b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i]) return false;
        }
        return true;
    }
}");
        _output.WriteLine(model.Dump());
        Quantity pcv = Assert.Single(model.Pcvs);
        Assert.Equal("mismatchIndex", pcv.Name);
        Assert.Equal(Expr.Symbol("a.Length"), pcv.Bound);
        Assert.Equal(model.Ns(("a.Length", 50), ("mismatchIndex", 50)), model.Ns(("a.Length", 50)), 9);
        Assert.True(model.Ns(("a.Length", 50), ("mismatchIndex", 3)) < model.Ns(("a.Length", 50)));
    }

    [Fact]
    public void Binary_search_scales_as_log2()
    {
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static int M(int[] a, int key)
    {
        int lo = 0, hi = a.Length - 1;
        while (lo <= hi)
        {
            int mid = lo + ((hi - lo) >> 1);
            if (a[mid] == key) return mid;
            if (a[mid] < key) lo = mid + 1; else hi = mid - 1;
        }
        return -1;
    }
}");
        _output.WriteLine(model.Dump());
        double t0 = model.Ns(("a.Length", 0));
        double t1k = model.Ns(("a.Length", 1023));
        double t1m = model.Ns(("a.Length", 1024 * 1024 - 1));
        // log2 scaling: 10 → 20 halvings doubles the loop part (a linear loop would grow ×1000).
        Assert.Equal(2 * (t1k - t0), t1m - t0, 6);
    }
}
