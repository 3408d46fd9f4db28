using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Model;
using Xunit.Abstractions;

namespace Pix.Extractor.Tests;

/// <summary>
/// A parameter (or field) of a <c>readonly struct</c> type is an input like a class-typed one: its fields cannot change
/// while the method runs, so a branch or a loop bound on them (<c>left.nanoOfDay + right.nanoOfDay &gt;= NanosPerDay</c>,
/// NodaTime's <c>Duration</c> operators) is a guard or a count over the inputs. Each test runs the same condition in C#
/// at inputs on both sides of its edge and checks that the interface selects the piece the code takes. A mutable struct,
/// or one passed by reference, stays data: its fields can be written before the branch reads them.
/// </summary>
public sealed class ReadonlyStructInputTests
{
    private const string Duration = @"
public readonly struct D
{
    public readonly int Days;
    public readonly long Nanos;
    public D(int days, long nanos) { Days = days; Nanos = nanos; }
}
";

    private readonly ITestOutputHelper _output;

    public ReadonlyStructInputTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Branch_on_two_readonly_struct_parameters_fields_is_a_guard()
    {
        InterfaceModel model = Extract(Duration + @"
static class C
{
    public static int M(D left, D right)
    {
        int s = 0;
        long n = left.Nanos + right.Nanos;
        if (n >= 1000) { for (int i = 0; i < 100; i++) s += i; }
        return s;
    }
}");
        Assert.DoesNotContain(model.Gaps, g => g.Kind == GapKind.DataDependentBranch);
        foreach ((long l, long r) in new[] { (0L, 0L), (999L, 0L), (1000L, 0L), (500L, 499L), (500L, 500L), (500L, 501L), (-5L, 1004L), (-5L, 1005L), (2000L, -1000L), (2000L, -1001L) })
        {
            bool taken = l + r >= 1000;
            Piece piece = ModelEvaluator.SelectPiece(model, new Dictionary<string, double> { ["left.Nanos"] = l, ["right.Nanos"] = r });
            Assert.True(taken == HasLoop(piece), $"left.Nanos {l}, right.Nanos {r}: taken {taken}, piece {piece.When}");
        }
    }

    [Fact]
    public void Loop_bounded_by_a_readonly_struct_parameters_field_is_counted()
    {
        InterfaceModel model = Extract(Duration + @"
static class C
{
    public static int M(D d)
    {
        int s = 0;
        for (int i = 0; i < d.Days; i++) s += i;
        return s;
    }
}");
        Assert.DoesNotContain(model.Gaps, g => g.Kind == GapKind.UnboundedLoop);
        Term loop = model.Pieces.Last().Terms.Single(t => t.Description.StartsWith("loop over", StringComparison.Ordinal));
        foreach (int days in new[] { int.MinValue, -3, -1, 0, 1, 2, 7, 1000 })
        {
            int ran = 0;
            for (int i = 0; i < days; i++)
            {
                ran++;
            }

            Assert.Equal(ran, ModelEvaluator.Evaluate(loop.Count, name => name == "d.Days" ? days : throw new InvalidOperationException(name)));
        }
    }

    [Fact]
    public void A_readonly_struct_parameter_assigned_whole_is_read_as_its_new_value()
    {
        InterfaceModel model = Extract(Duration + @"
static class C
{
    public static int M(D left, D right)
    {
        int s = 0;
        left = right;
        if (left.Days > 5) { for (int i = 0; i < 100; i++) s += i; }
        return s;
    }
}");
        Assert.DoesNotContain(model.Gaps, g => g.Kind == GapKind.DataDependentBranch);
        foreach ((int l, int r) in new[] { (0, 0), (10, 5), (10, 6), (0, 6), (6, 5), (-100, 100) })
        {
            bool taken = r > 5;
            var values = new Dictionary<string, double> { ["right.Days"] = r };
            foreach (Quantity q in model.Quantities.Where(q => q.Name == "left.Days"))
            {
                values[q.Name] = l;
            }

            Piece piece = ModelEvaluator.SelectPiece(model, values);
            Assert.True(taken == HasLoop(piece), $"left.Days {l}, right.Days {r}: taken {taken}, piece {piece.When}");
        }
    }

    [Fact]
    public void Branch_on_a_readonly_struct_field_of_this_is_a_guard()
    {
        InterfaceModel model = Extract(Duration + @"
class C
{
    private readonly D _d;
    public C(D d) { _d = d; }
    public int M()
    {
        int s = 0;
        if (_d.Days < 0) { for (int i = 0; i < 100; i++) s += i; }
        return s;
    }
}");
        Assert.DoesNotContain(model.Gaps, g => g.Kind == GapKind.DataDependentBranch);
        foreach (int days in new[] { int.MinValue, -1, 0, 1 })
        {
            Piece piece = ModelEvaluator.SelectPiece(model, new Dictionary<string, double> { ["_d.Days"] = days });
            Assert.True(days < 0 == HasLoop(piece), $"_d.Days {days}: piece {piece.When}");
        }
    }

    [Fact]
    public void A_mutable_struct_parameter_written_before_the_branch_stays_data()
    {
        // p.X = 10 changes what the branch reads: a guard on p.X at entry would pick the wrong piece.
        InterfaceModel model = Extract(@"
public struct P { public int X; }
static class C
{
    public static int M(P p)
    {
        int s = 0;
        p.X = 10;
        if (p.X > 5) { for (int i = 0; i < 100; i++) s += i; }
        return s;
    }
}");
        Assert.DoesNotContain(model.Quantities, q => q.Name == "p.X");
    }

    [Theory]
    [InlineData("ref")]
    [InlineData("in")]
    [InlineData("ref readonly")]
    public void A_readonly_struct_passed_by_reference_stays_data(string refKind)
    {
        // The storage behind a reference can be replaced by a write the method makes through another name (`d = default` on the
        // field the caller passed): the entry value is then not what the branch reads.
        InterfaceModel model = Extract(Duration + @"
static class C
{
    public static int M(" + refKind + @" D d)
    {
        int s = 0;
        if (d.Days > 5) { for (int i = 0; i < 100; i++) s += i; }
        return s;
    }
}");
        Assert.Contains(model.Gaps, g => g.Kind == GapKind.DataDependentBranch);
    }

    [Theory]
    [InlineData("ref int")]
    [InlineData("in int")]
    [InlineData("ref long")]
    [InlineData("ref bool")]
    public void A_number_passed_by_reference_is_still_an_input(string parameter)
    {
        // int, long and bool are readonly structs to Roslyn: the by-reference rule above is for the other ones only
        // (the corpus run caught Newtonsoft.Json's Base64Encoder.FulfillFromLeftover(…, ref int count) losing its count).
        bool flag = parameter.EndsWith("bool", StringComparison.Ordinal);
        InterfaceModel model = Extract(@"
static class C
{
    public static int M(" + parameter + @" n)
    {
        int s = 0;
        if (" + (flag ? "n" : "n > 5") + @") { for (int i = 0; i < 100; i++) s += i; }
        return s;
    }
}");
        Assert.DoesNotContain(model.Gaps, g => g.Kind == GapKind.DataDependentBranch);
        foreach (int n in flag ? new[] { 0, 1 } : new[] { int.MinValue, 0, 5, 6, int.MaxValue })
        {
            Piece piece = ModelEvaluator.SelectPiece(model, new Dictionary<string, double> { [model.Quantities.Single().Name] = n });
            Assert.True((flag ? n == 1 : n > 5) == HasLoop(piece), $"n {n}: piece {piece.When}");
        }
    }

    private static bool HasLoop(Piece piece) => piece.Terms.Any(t => t.Description.StartsWith("loop over", StringComparison.Ordinal));

    private InterfaceModel Extract(string source)
    {
        InterfaceModel model = Extraction.Extract(source);
        _output.WriteLine(model.Dump());
        return model;
    }
}
