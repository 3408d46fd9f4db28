using System.Collections.Generic;
using System.Linq;
using Pix.Model;
using Xunit;
using Xunit.Abstractions;

namespace Pix.Extractor.Tests;

/// <summary>
/// The interface counts what RyuJIT's Tier-1 code executes for the optimisations it reliably
/// makes: loop-invariant code motion and bounds checks removed by loop cloning (the evidence, from
/// <c>DOTNET_JitDisasm</c> on the Quickstart's methods, is in docs/accuracy.md), and nothing
/// beyond the conditions under which it makes them.
/// </summary>
public sealed class JitOptimizationTests
{
    private readonly ITestOutputHelper _output;

    public JitOptimizationTests(ITestOutputHelper output) => _output = output;

    private const string MatrixProduct = @"
static class C
{
    public static double[] M(double[] a, double[] b, int n)
    {
        var product = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++)
            {
                double aik = a[i * n + k];
                for (int j = 0; j < n; j++)
                {
                    product[i * n + j] += aik * b[k * n + j];
                }
            }
        }

        return product;
    }
}";

    [Fact]
    public void Invariant_multiplies_of_a_matrix_product_run_once_per_entry_into_the_loop_they_are_invariant_in()
    {
        InterfaceModel model = Extraction.Extract(MatrixProduct);
        _output.WriteLine(model.Dump());

        // Tier 1: `k * n` before the j loop (once per k), `i * n` before the k loop (once per i,
        // shared by a[i * n + k] and product[i * n + j]), `n * n` once. Before: 2n³ + n² + 1.
        foreach (int n in new[] { 1, 2, 7, 40 })
        {
            Assert.Equal(n * n + n + 1, Total(model, OperationClass.IntegerMultiply, ("n", n)), 9);
        }

        Term inner = model.Pieces.Last().Terms.Single(t => t.Block.CountOf(OperationClass.FloatMultiply) > 0);
        Assert.Equal(0, inner.Block.CountOf(OperationClass.IntegerMultiply));

        // The two additions i * n + j and k * n + j still run in every iteration, as do their checks.
        Assert.Equal(2, inner.Block.CountOf(OperationClass.BoundsCheck));
    }

    [Fact]
    public void An_invariant_product_in_a_single_loop_is_counted_once_and_the_prediction_falls_by_the_multiplies_saved()
    {
        const string Template = @"
static class C
{
    public static long M(int[] data, int scale, int offset)
    {
        long sum = 0;
        for (int i = 0; i < data.Length; i++)
        {
            sum += data[i] + EXPR;
        }

        return sum;
    }
}";
        InterfaceModel hoisted = Extraction.Extract(Template.Replace("EXPR", "scale * offset"));
        InterfaceModel variant = Extraction.Extract(Template.Replace("EXPR", "scale * i"));
        _output.WriteLine(hoisted.Dump());
        _output.WriteLine(variant.Dump());
        Assert.Equal(1, Total(hoisted, OperationClass.IntegerMultiply, ("data.Length", 1000)), 9);
        Assert.Equal(1000, Total(variant, OperationClass.IntegerMultiply, ("data.Length", 1000)), 9);

        // One multiply less per element. On the reference profile the variant is issue-bound: 4 ALU, a
        // multiply, a load folded into the add, a branch fused with its compare: 5 slots. Without the
        // multiply, 4 slots are less than what its 4 ALU operations take on the ALU ports, which bind.
        // The hoisted product costs one multiply once, before the loop.
        double saved = variant.Ns(("data.Length", 1000)) - hoisted.Ns(("data.Length", 1000));
        HardwareProfile hw = HardwareProfile.Reference;
        double perElement = (5 * hw.IssueSlotNs) - System.Math.Max(4 * hw.IssueSlotNs, 4 * hw.ThroughputNs(OperationClass.IntegerAlu));
        double multiply = hw.ThroughputNs(OperationClass.IntegerMultiply);
        Assert.True(perElement > 0);
        Assert.InRange(saved, (1000 * perElement) - multiply - 1e-9, (1000 * perElement) + 1e-9);
    }

    [Theory]
    [InlineData("if (x > 0) { sum += scale * offset; }", "an arm of a branch")]
    [InlineData("sum += checked(scale * offset);", "checked arithmetic can throw")]
    [InlineData("sum += scale / offset;", "a division can throw")]
    [InlineData("sum += _field * offset;", "a field is memory the loop may write")]
    [InlineData("scale++; sum += scale * offset;", "the loop assigns scale")]
    [InlineData("sum += Twice(scale) * offset;", "a call")]
    [InlineData("sum += x > 0 && scale * offset > 3 ? 1 : 0;", "the right of && runs on some iterations")]
    public void Arithmetic_the_jit_might_not_hoist_stays_in_every_iteration(string statement, string why)
    {
        InterfaceModel model = Extraction.Extract(@"
class C
{
    private int _field = 3;

    private static int Twice(int v) => v + v;

    public long M(int[] data, int scale, int offset)
    {
        long sum = 0;
        for (int i = 0; i < data.Length; i++)
        {
            int x = data[i];
            STATEMENT
        }

        return sum;
    }
}".Replace("STATEMENT", statement));
        _output.WriteLine(why);
        _output.WriteLine(model.Dump());
        Term loop = model.TermAbout("loop over data.Length");
        double perIteration = loop.Block.CountOf(OperationClass.IntegerMultiply) + loop.Block.CountOf(OperationClass.IntegerDivide);
        Assert.True(perIteration >= 1, $"{why}: the operation left the loop");
    }

    private const string ClosestPair = @"
static class C
{
    public static double M(double[] xs, double[] ys)
    {
        double best = double.MaxValue;
        for (int i = 0; i < xs.Length; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double dx = xs[i] - xs[j];
                double dy = ys[i] - ys[j];
                double d = dx * dx + dy * dy;
                if (d < best)
                {
                    best = d;
                }
            }
        }

        return best;
    }
}";

    [Fact]
    public void Loop_cloning_removes_the_bounds_checks_of_a_triangular_nest_over_two_arrays()
    {
        InterfaceModel model = Extraction.Extract(ClosestPair);
        _output.WriteLine(model.Dump());

        // Tier 1 runs the cloned copy (ys != null, ys.Length >= xs.Length, i <= xs.Length and
        // i <= ys.Length tested outside the inner loop): no check on xs[j], ys[i] or ys[j].
        foreach (int n in new[] { 2, 10, 1000 })
        {
            Assert.Equal(0, Total(model, OperationClass.BoundsCheck, ("xs.Length", n)), 9);
            Assert.Equal(2.0 * n * (n - 1), Total(model, OperationClass.Load, ("xs.Length", n)), 9);
        }
    }

    [Theory]
    [InlineData("for (int i = 0; i < n; i++) { sum += a[i]; }", 0, "cloned: n <= a.Length is tested once")]
    [InlineData("for (int i = 0; i < n; i++) { if (a[i] == 7) { return -1; } sum += 1; }", 1, "an early exit may leave the JIT on the checked copy")]
    [InlineData("for (int i = 0; i < n; i++) { if (sum > 100) { sum += a[i]; } }", 1, "an access on some iterations only does not prove n <= a.Length")]
    [InlineData("for (int i = 0; i < n; i++) { sum += a[i + 1]; }", 1, "the index is not the loop variable")]
    [InlineData("for (int i = 0; i < n; i += 2) { sum += a[i]; }", 1, "a step other than 1")]
    [InlineData("for (int i = 0; i < n; i++) { sum += a[i]; a = b; }", 1, "the loop assigns the array")]
    [InlineData("var s = new System.Span<int>(a); for (int i = 0; i < n; i++) { sum += s[i]; }", 0, "a span is cloned like an array")]
    [InlineData("System.ReadOnlySpan<int> s = a; for (int i = 0; i < n; i++) { sum += s[i]; s = b; }", 1, "the loop assigns the span")]
    public void A_bounds_check_is_dropped_only_where_loop_cloning_is_certain(string loop, int checksPerIteration, string why)
    {
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static long M(int[] a, int[] b, int n)
    {
        long sum = 0;
        LOOP
        return sum;
    }
}".Replace("LOOP", loop));
        _output.WriteLine(why);
        _output.WriteLine(model.Dump());
        Term term = model.Pieces.Last().Terms.Single(t => t.Description.StartsWith("loop over"));
        Assert.Equal(checksPerIteration, term.Block.CountOf(OperationClass.BoundsCheck));
    }

    [Fact]
    public void A_builder_sized_up_front_pays_for_its_capacity_and_an_inlined_append_of_a_char_is_no_call()
    {
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static string M(string word, char separator, int count)
    {
        var builder = new System.Text.StringBuilder((word.Length + 1) * count);
        for (int i = 0; i < count; i++)
        {
            builder.Append(word);
            builder.Append(separator);
        }

        return builder.ToString();
    }
}");
        _output.WriteLine(model.Dump());

        // Tier 1 inlines both appends; the only call left in the loop is Append(string)'s Memmove, a library copy call
        // (what the JIT of another deployment leaves uninlined is in that class's calibrated cost, not in the count).
        Assert.Equal(1, model.TermAbout("loop over count").Block.CountOf(OperationClass.LibraryCopyCall));
        Assert.Equal(0, model.TermAbout("loop over count").Block.CountOf(OperationClass.Call));

        // Three allocations, as in the Tier-1 code: the builder, its first chunk, the string.
        Assert.Equal(3, Total(model, OperationClass.Allocation, ("word.Length", 7), ("count", 100), ("builderLength", 800)), 9);

        // The first chunk is (word.Length + 1) * count characters, zeroed: 2 bytes each.
        double Allocated(int count) => Total(model, OperationClass.AllocatedByte, ("word.Length", 7), ("count", count), ("builderLength", 8 * count));
        Assert.Equal(2 * 8 * 100 + 2 * 8 * 100, Allocated(100) - Allocated(0), 9);
    }

    [Fact]
    public void A_builder_made_from_a_string_keeps_the_fixed_cost()
    {
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static int M(string text) => new System.Text.StringBuilder(text).Length;
}");
        _output.WriteLine(model.Dump());
        Assert.DoesNotContain(model.Quantities, q => q.Kind == QuantityKind.Pcv);
        Assert.DoesNotContain(model.Gaps, g => g.Construct.Contains("StringBuilder"));
    }

    /// <summary>How many operations of <paramref name="operation"/> the (last) piece counts at the given inputs.</summary>
    private static double Total(InterfaceModel model, OperationClass operation, params (string Name, double Value)[] values)
    {
        Dictionary<string, double> inputs = values.ToDictionary(v => v.Name, v => v.Value);
        Piece piece = ModelEvaluator.SelectPiece(model, inputs);
        return piece.Terms.Sum(t => ModelEvaluator.Evaluate(t.Count, model, inputs) * t.Block.CountOf(operation));
    }
}
