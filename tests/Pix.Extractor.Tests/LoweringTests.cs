using System.Linq;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>How single operations lower to operation classes (docs/extractor.md, cost lowering table).</summary>
public sealed class LoweringTests
{
    private static BlockSummary Straight(string body, string parameters = "int x, int y, long l, double d, float f, uint u")
    {
        InterfaceModel model = Extraction.Extract($"static class C {{ public static object M({parameters}) {{ {body} }} }}");
        return model.Pieces.Last().Terms.Single(t => t.Description == "straight-line code").Block;
    }

    [Fact]
    public void Integer_and_floating_arithmetic_use_their_classes()
    {
        BlockSummary block = Straight("return x + y * x - (l * l) + (d * d + d / d) + (f - f);");
        Assert.Equal(2, block.CountOf(OperationClass.IntegerMultiply));
        Assert.Equal(1, block.CountOf(OperationClass.FloatMultiply));
        Assert.Equal(1, block.CountOf(OperationClass.FloatDivide));
        Assert.True(block.CountOf(OperationClass.FloatAdd) >= 2);
    }

    [Fact]
    public void Division_by_a_variable_is_a_divide_by_a_power_of_two_is_alu_by_another_constant_is_a_multiply()
    {
        Assert.Equal(1, Straight("return x / y;").CountOf(OperationClass.IntegerDivide));
        BlockSummary byEight = Straight("return u / 8;");
        Assert.Equal(0, byEight.CountOf(OperationClass.IntegerDivide));
        Assert.Equal(0, byEight.CountOf(OperationClass.IntegerMultiply));
        Assert.Equal(1, byEight.CountOf(OperationClass.IntegerAlu));
        BlockSummary modPrime = Straight("return u % 65521;");
        Assert.Equal(0, modPrime.CountOf(OperationClass.IntegerDivide));
        Assert.Equal(2, modPrime.CountOf(OperationClass.IntegerMultiply));
        Assert.Equal(1, Straight("return l % l;").CountOf(OperationClass.IntegerDivide));
    }

    [Fact]
    public void Boxing_allocates_the_value_plus_a_header()
    {
        BlockSummary block = Straight("object o = x; return o;");
        Assert.Equal(1, block.CountOf(OperationClass.Allocation));
        Assert.Equal(16 + 4, block.CountOf(OperationClass.AllocatedByte));
    }

    [Fact]
    public void Object_creation_allocates_header_and_fields()
    {
        InterfaceModel model = Extraction.Extract(@"
sealed class Point { public long X; public long Y; public int Z; }
static class C { public static object M() => new Point(); }");
        BlockSummary block = model.Pieces.Single().Terms.Single().Block;
        Assert.Equal(1, block.CountOf(OperationClass.Allocation));
        Assert.Equal(16 + 8 + 8 + 4, block.CountOf(OperationClass.AllocatedByte));
        Assert.Empty(model.Gaps);
    }

    [Fact]
    public void Array_creation_has_a_size_dependent_term()
    {
        InterfaceModel model = Extraction.Extract("static class C { public static int[] M(int n) => new int[n]; }");
        Term bytes = model.TermAbout("bytes zeroed");
        Assert.Equal(4, bytes.Block.CountOf(OperationClass.AllocatedByte));
        Assert.Equal(1000.0, ModelEvaluator.Evaluate(bytes.Count, _ => 1000));
        Assert.Equal(0.0, ModelEvaluator.Evaluate(bytes.Count, _ => -5));
    }

    [Fact]
    public void Element_access_outside_a_proving_loop_is_load_plus_bounds_check()
    {
        BlockSummary block = Straight("return a[x] + s[y];", "int[] a, string s, int x, int y");
        Assert.Equal(2, block.CountOf(OperationClass.BoundsCheck));
        Assert.True(block.CountOf(OperationClass.Load) >= 2);
    }

    [Fact]
    public void Stores_to_fields_and_elements_are_counted()
    {
        InterfaceModel model = Extraction.Extract(@"
class C { int _f; public void M(int[] a, int v) { _f = v; a[0] = v; _f += v; } }");
        BlockSummary block = model.Pieces.Single().Terms.Single().Block;
        Assert.Equal(3, block.CountOf(OperationClass.Store));
        Assert.Equal(1, block.CountOf(OperationClass.BoundsCheck));
        Assert.Equal(1, block.CountOf(OperationClass.Load));
    }

    [Fact]
    public void Calls_are_counted_by_dispatch_kind()
    {
        InterfaceModel model = Extraction.Extract(@"
interface IShape { int Area(); }
abstract class Base { public abstract int Size(); }
static class C { public static int M(IShape s, Base b, Func<int> f) => s.Area() + b.Size() + f(); }");
        BlockSummary block = model.Pieces.Single().Terms.Single().Block;
        Assert.Equal(1, block.CountOf(OperationClass.InterfaceCall));
        Assert.Equal(1, block.CountOf(OperationClass.VirtualCall));
        Assert.Equal(1, block.CountOf(OperationClass.DelegateCall));
        Assert.Contains(model.Gaps, g => g.Kind == GapKind.OpaqueCall);
    }

    [Fact]
    public void Type_checks_and_casts_are_counted()
    {
        BlockSummary block = Straight("if (o is string) return (string)o; return null;", "object o");
        Assert.Equal(2, block.CountOf(OperationClass.TypeCheck));
    }
}
