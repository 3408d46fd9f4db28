using System.Linq;
using Pix.Model;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// A primary-constructor parameter (C# 12) an instance method reads is captured into the object's state: an input of the
/// method as a field is (<c>data.Length</c> bounds its loop), not an unbounded loop with a PCV.
/// </summary>
public class PrimaryConstructorParameterTests
{
    private const string Loop = "int s = 0; for (int i = 0; i < data.Length; i++) s += data[i]; return s;";

    [Fact]
    public void A_captured_array_bounds_the_loop_by_its_length_as_a_field_does()
    {
        InterfaceModel captured = Extraction.Extract($"partial class C(int[] data) {{ public int M() {{ {Loop} }} }}");
        InterfaceModel field = Extraction.Extract($"partial class C {{ private int[] data = new int[0]; public int M() {{ {Loop.Replace("data", "this.data")} }} }}");

        // Read as the field it is compiled to: the same operations, loads and bounds checks.
        Assert.Equal(field.Dump().Replace("this.data", "data"), captured.Dump());
        Quantity length = Assert.Single(captured.Quantities);
        Assert.Equal("data.Length", length.Name);
        Assert.Equal("data.Length", length.Expression);
        Assert.Equal(QuantityKind.Size, length.Kind);
        Assert.Contains("primary-constructor parameter", length.Description);
        Assert.Empty(captured.Pcvs);
        Assert.Empty(captured.Gaps);
        // The same code over a field: the same cost at every size.
        foreach (double n in new[] { 0.0, 1, 100, 10_000 })
        {
            Assert.Equal(field.Ns(("data.Length", n)), captured.Ns(("data.Length", n)), 9);
        }

        Assert.True(captured.Ns(("data.Length", 1000)) > captured.Ns(("data.Length", 10)));
    }

    [Fact]
    public void A_captured_list_count_an_int_and_a_struct_s_parameter_are_inputs()
    {
        InterfaceModel list = Extraction.Extract("partial class C(List<int> items) { public int M() { int s = 0; for (int i = 0; i < items.Count; i++) s += items[i]; return s; } }");
        InterfaceModel number = Extraction.Extract("partial class C(int n) { public int M() { int s = 0; for (int i = 0; i < n; i++) s += i * i; return s; } }");
        InterfaceModel inStruct = Extraction.Extract($"partial struct C(int[] data) {{ public int M() {{ {Loop} }} }}");

        Assert.Equal("items.Count", Assert.Single(list.Quantities).Expression);
        Assert.Equal("n", Assert.Single(number.Quantities).Expression);
        Assert.Equal("data.Length", Assert.Single(inStruct.Quantities).Expression);
        Assert.All(new[] { list, number, inStruct }, m => Assert.Empty(m.Pcvs));
    }

    [Fact]
    public void A_write_to_the_captured_parameter_replaces_its_value()
    {
        InterfaceModel model = Extraction.Extract($"partial class C(int[] data) {{ public int M() {{ data = new int[8]; {Loop} }} }}");

        Assert.Empty(model.Quantities);
        Assert.Empty(model.Gaps);
    }

    [Fact]
    public void A_callee_on_this_reads_the_callers_captured_parameter_and_one_on_another_instance_does_not()
    {
        string source = $@"partial class C(int[] data)
        {{
            private int Sum() {{ {Loop} }}
            public int M() => Sum() + Sum();
            public int Other(C other) => other.Sum();
        }}";

        InterfaceModel onThis = Extraction.Extract(source, "M");
        InterfaceModel onOther = Extraction.Extract(source, "Other");

        Assert.Equal("data.Length", Assert.Single(onThis.Quantities).Expression);
        Assert.Empty(onThis.Pcvs);
        // other's data is no input Other's companion could read.
        Assert.DoesNotContain(onOther.Quantities, q => q.Expression == "data.Length");
        Assert.NotEmpty(onOther.Pcvs);
    }

    [Fact]
    public void A_parameter_only_initialising_a_field_is_no_input_and_a_record_reads_its_property()
    {
        InterfaceModel initialiser = Extraction.Extract("partial class C(int[] data) { private readonly int[] _data = data; public int M() { int s = 0; for (int i = 0; i < _data.Length; i++) s += _data[i]; return s; } }");
        InterfaceModel record = Extraction.Extract("partial record C(int[] Data) { public int M() { int s = 0; for (int i = 0; i < Data.Length; i++) s += Data[i]; return s; } }");

        Assert.Equal("this._data.Length", Assert.Single(initialiser.Quantities).Expression);
        Assert.Equal("this.Data.Length", Assert.Single(record.Quantities).Expression);
    }
}
