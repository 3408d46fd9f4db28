using System.Linq;
using Pix.Model;
using Xunit.Abstractions;

namespace Pix.Extractor.Tests;

/// <summary>
/// Bugs the corpus harness (bench/Pix.Corpus, docs/robustness.md) found in decompiled packages, each
/// reduced to the smallest method that showed it.
/// </summary>
public sealed class CorpusRegressionTests
{
    private readonly ITestOutputHelper _output;

    public CorpusRegressionTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// YamlDotNet's <c>Parser.AddTagDirectives(…, IEnumerable&lt;TagDirective&gt; source)</c>: the size of a
    /// sequence with neither Length nor Count was named <c>source.Length</c>, an input the generated
    /// companion then failed to compile (CS1061).
    /// </summary>
    [Fact]
    public void A_sequence_without_a_size_member_gets_no_size_input()
    {
        InterfaceModel model = Extraction.Extract(@"
using System.Collections.Generic;
static class C
{
    public static int M(IEnumerable<int> source)
    {
        int sum = 0;
        foreach (int item in source) sum += item;
        return sum;
    }
}");
        _output.WriteLine(model.Dump());
        Assert.DoesNotContain(model.Quantities, q => q.Expression is { } e && e.Contains("source."));
        Assert.Contains(model.Gaps, g => g.Kind == GapKind.UnboundedLoop);
    }

    [Fact]
    public void Collections_still_read_their_count_or_length()
    {
        InterfaceModel list = Extraction.Extract(@"
using System.Collections.Generic;
static class C
{
    public static int M(IReadOnlyCollection<int> source)
    {
        int sum = 0;
        foreach (int item in source) sum += item;
        return sum;
    }
}");
        Assert.Contains(list.Quantities, q => q.Expression == "source.Count");

        InterfaceModel custom = Extraction.Extract(@"
using System.Collections;
using System.Collections.Generic;
sealed class Bag : IEnumerable<int>
{
    public int Length => 3;
    public IEnumerator<int> GetEnumerator() { yield return 1; }
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
static class C
{
    public static int M(Bag source)
    {
        int sum = 0;
        foreach (int item in source) sum += item;
        return sum;
    }
}");
        Assert.Contains(custom.Quantities, q => q.Expression == "source.Length");
    }

    /// <summary>
    /// NodaTime's <c>DateInterval.Equals(DateInterval other) => this == other</c>: the operator tests its first
    /// operand for null; substituted at the call, that operand is <c>this</c>, and naming the quantity
    /// "this is null" threw (ArgumentOutOfRangeException in QuantityTable.Input, PIX0006). <c>this</c> is never null.
    /// </summary>
    [Fact]
    public void A_callee_null_test_of_this_is_false_not_a_crash()
    {
        InterfaceModel model = Extraction.Extract(@"
sealed class C
{
    public int Start, End;

    public static bool operator ==(C? lhs, C? rhs)
    {
        if (lhs is null) return rhs is null;
        return rhs is not null && lhs.Start == rhs.Start && lhs.End == rhs.End;
    }

    public static bool operator !=(C? lhs, C? rhs) => !(lhs == rhs);

    public bool M(C? other) => this == other;

    public override bool Equals(object? obj) => this == obj as C;

    public override int GetHashCode() => Start;
}");
        _output.WriteLine(model.Dump());
        Assert.False(model.IsInternalError, string.Join("; ", model.Gaps.Select(g => g.Reason)));
        Assert.DoesNotContain(model.Quantities, q => q.Name.StartsWith("this", System.StringComparison.Ordinal));
    }

    /// <summary>
    /// NodaTime's <c>Duration</c>: a static method calling a constructor whose cost depends on the new object's
    /// fields got quantities rooted at <c>this</c> (the constructor's receiver taken for the caller's), and the
    /// generated static companion failed to compile (CS0026).
    /// </summary>
    [Fact]
    public void A_constructor_call_does_not_read_the_callers_this()
    {
        InterfaceModel model = Extraction.Extract(@"
sealed class C
{
    private readonly int[] _items;

    public C(int size)
    {
        _items = new int[size];
        for (int i = 0; i < _items.Length; i++) _items[i] = i;
    }

    public static int M(int n) => new C(n)._items.Length;
}");
        _output.WriteLine(model.Dump());
        Assert.DoesNotContain(model.Quantities, q => q.Expression is { } e && (e.StartsWith("this", System.StringComparison.Ordinal) || e.StartsWith("_items", System.StringComparison.Ordinal)));
    }

    /// <summary>
    /// NodaTime's <c>Period.Equals(object? other) => Equals(other as Period)</c>: the callee's <c>other.Years</c>
    /// was re-expressed through the downcast as <c>other.Years</c> on an <c>object</c> (19 x CS1061 in generated code).
    /// </summary>
    [Fact]
    public void A_downcast_argument_is_not_read_through_its_static_type()
    {
        InterfaceModel model = Extraction.Extract(@"
sealed class C
{
    public int[] Data = new int[0];

    public int Same(C? other)
    {
        if (other is null) return 0;
        int sum = 0;
        for (int i = 0; i < other.Data.Length; i++) sum += other.Data[i];
        return sum;
    }

    public int M(object? other) => Same(other as C) + Same((C?)other);
}");
        _output.WriteLine(model.Dump());
        Assert.DoesNotContain(model.Quantities, q => q.Expression is { } e && e.Contains("other.", System.StringComparison.Ordinal));
    }

    /// <summary>
    /// Newtonsoft.Json (21 x CS1061 'JsonConverter[]' has no 'Count'): an array passed for an <c>IList&lt;T&gt;</c>
    /// parameter kept the callee's size member; at the call site its size is the array's Length.
    /// </summary>
    [Fact]
    public void An_argument_s_size_is_read_with_its_own_size_member()
    {
        InterfaceModel model = Extraction.Extract(@"
using System.Collections.Generic;
static class C
{
    private static int Sum(IList<int> items)
    {
        int s = 0;
        for (int i = 0; i < items.Count; i++) s += items[i];
        return s;
    }

    public static int M(int[] data) => Sum(data);
}");
        _output.WriteLine(model.Dump());
        Assert.Contains(model.Quantities, q => q.Expression == "data.Length");
        Assert.DoesNotContain(model.Quantities, q => q.Expression is { } e && e.Contains("data.Count", System.StringComparison.Ordinal));
    }

    /// <summary>
    /// Newtonsoft.Json (4 x CS0246 'T'): a generic callee's <c>EqualityComparer&lt;T&gt;.Default is null</c> was
    /// re-rooted in a caller where <c>T</c> does not exist.
    /// </summary>
    [Fact]
    public void A_callee_s_type_parameter_does_not_leak_into_the_caller()
    {
        InterfaceModel model = Extraction.Extract(@"
using System.Collections.Generic;
static class C
{
    private static bool Has<T>(List<T> items, T value)
    {
        if (EqualityComparer<T>.Default is null) return false;
        foreach (T item in items)
        {
            if (EqualityComparer<T>.Default.Equals(item, value)) return true;
        }

        return false;
    }

    public static bool M(List<int> items) => Has(items, 3);
}");
        _output.WriteLine(model.Dump());
        Assert.DoesNotContain(model.Quantities, q => q.Expression is { } e && e.Contains("<T>", System.StringComparison.Ordinal));
    }

    /// <summary>
    /// Newtonsoft.Json's <c>JArray.CloneToken() => new JArray(this)</c> (12 x CS1061 'JArray' has no 'Length'):
    /// <c>this</c> passed for a collection parameter was sized with Length, a member it does not have.
    /// </summary>
    [Fact]
    public void This_passed_as_an_argument_is_sized_with_its_own_member()
    {
        InterfaceModel model = Extraction.Extract(@"
using System.Collections.Generic;
sealed class C : List<int>
{
    public C() { }

    private static int Total(IReadOnlyCollection<int> items)
    {
        int s = 0;
        foreach (int x in items) s += x;
        return s;
    }

    public int M() => Total(this);
}");
        _output.WriteLine(model.Dump());
        Assert.DoesNotContain(model.Quantities, q => q.Expression is { } e && e.Contains("Length", System.StringComparison.Ordinal));
    }
}
