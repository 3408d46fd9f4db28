using System.Linq;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// An argument passed by reference (<c>ref</c>, <c>out</c>, <c>in</c>) hands the callee the variable's address: the
/// call site reads nothing from it (fourteenth session, `gaps`). <c>Interlocked.Increment(ref s_count)</c> is
/// <c>lock xadd [address], eax</c>: the locked instruction is the read, and the caller loads no <c>s_count</c> first.
/// What the address itself needs is still counted: the object a field is reached through, the array and the index of
/// an element with its bounds check.
/// </summary>
public sealed class ByReferenceArgumentTests
{
    private static InterfaceModel CallSite(string argument) => Extraction.Extract($@"class Box {{ public int Value; }}
        class C {{
            static int s_count; int _count; Box _box = new Box(); int[] _values = new int[8];
            static void ByRef(ref int x) {{ }} static void ByOut(out int x) {{ x = 0; }} static void ByIn(in int x) {{ }} static void ByValue(int x) {{ }}
            public void M(int k) {{ int local = k; {argument}; }} }}");

    [Theory]
    [InlineData("ByRef(ref s_count)", 0, 0)]
    [InlineData("ByRef(ref _count)", 0, 0)]
    [InlineData("ByRef(ref local)", 0, 0)]
    [InlineData("ByOut(out s_count)", 0, 0)]
    [InlineData("ByIn(in _count)", 0, 0)]
    [InlineData("ByIn(_count)", 0, 0)]
    // The address of a field of another object: that object's reference is loaded, the field is not.
    [InlineData("ByRef(ref _box.Value)", 1, 0)]
    // An element's address: the array is loaded and the index checked, the element is not read.
    [InlineData("ByRef(ref _values[k])", 1, 1)]
    [InlineData("ByIn(in _values[k])", 1, 1)]
    // By value, the caller reads the variable (the control: the test tells the two apart).
    [InlineData("ByValue(s_count)", 1, 0)]
    [InlineData("ByValue(_values[k])", 2, 1)]
    public void The_call_site_loads_what_the_address_needs_not_the_variable(string call, double loads, double boundsChecks)
    {
        InterfaceModel model = CallSite(call);

        Assert.Empty(model.Gaps);
        Assert.Equal(loads, model.Pieces.Single().Terms.Sum(t => t.Block.CountOf(OperationClass.Load)));
        Assert.Equal(boundsChecks, model.Pieces.Single().Terms.Sum(t => t.Block.CountOf(OperationClass.BoundsCheck)));
    }

    /// <summary>
    /// A span's element passed by reference (<c>ref span[k]</c>, the indexer returns a reference): its address is the
    /// span's pointer plus the checked index, and nothing is read from it; by value, one load more.
    /// </summary>
    [Theory]
    [InlineData("ByRef(ref span[k])", 0)]
    [InlineData("ByIn(in span[k])", 0)]
    [InlineData("ByValue(span[k])", 1)]
    public void A_span_element_passed_by_reference_is_not_read(string call, double elementLoads)
    {
        InterfaceModel model = CallSite($"System.Span<int> span = _values; {call}");
        InterfaceModel addressOnly = CallSite("System.Span<int> span = _values; ByRef(ref local)");

        Assert.Empty(model.Gaps);
        double loads = model.Pieces.Single().Terms.Sum(t => t.Block.CountOf(OperationClass.Load));
        double baseline = addressOnly.Pieces.Single().Terms.Sum(t => t.Block.CountOf(OperationClass.Load));
        Assert.Equal(elementLoads, loads - baseline);
        Assert.Equal(1, model.Pieces.Single().Terms.Sum(t => t.Block.CountOf(OperationClass.BoundsCheck)));
    }
}
