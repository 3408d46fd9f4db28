using Pix.Extraction;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// Review of MethodAnalyzer.ExceptionalPaths.cs: the walk (which ways it skips) and FindEarlyExit (which
/// throws leave a loop) must agree, so that a throw the walk skips adds no trip-count PCV.
/// </summary>
public sealed class ExceptionalPathReviewTests
{
    private static InterfaceModel Loop(string check) => Extraction.Extract(@"static class C { public static long M(int[] data, int n) {
            long s = 0;
            for (int i = 0; i < data.Length; i++)
            {
                " + check + @"
                s += data[i];
            }
            return s;
        } }");

    [Theory]
    [InlineData("switch (data[i]) { case -1: throw new InvalidOperationException(); case -2: throw new ArgumentException(); }")]
    [InlineData("switch (data[i]) { case -1: { n++; throw new InvalidOperationException(); } default: n--; break; }")]
    [InlineData("switch (data[i]) { case -1: throw new InvalidOperationException(); case -2: throw new ArgumentException(); default: n--; break; }")]
    [InlineData("if (data[i] == -1) throw new InvalidOperationException(); else if (data[i] == -2) throw new ArgumentException(); else n--;")]
    [InlineData("if (data[i] < 0) { if (data[i] == -1) throw new InvalidOperationException(); n++; }")]
    [InlineData("n = data[i] >= 0 ? data[i] : throw new InvalidOperationException();")]
    [InlineData("n = data[i] switch { -1 => throw new InvalidOperationException(), _ => 1 };")]
    [InlineData("n = (data[i] == 0 ? null : (int?)data[i]) ?? throw new InvalidOperationException();")]
    [InlineData("if (data[i] < 0) System.Diagnostics.Debug.Fail(\"negative\"); else n++;")]
    public void A_throw_the_walk_skips_is_no_loop_exit(string check)
    {
        InterfaceModel model = Loop(check);

        Assert.Empty(model.Pcvs);
    }

    [Theory]
    [InlineData("if (data[i] == -1) throw new InvalidOperationException(); else throw new ArgumentException();")]
    [InlineData("switch (data[i]) { case -1: throw new InvalidOperationException(); default: throw new ArgumentException(); }")]
    public void A_throw_on_every_way_still_leaves_the_loop(string check)
    {
        InterfaceModel model = Loop(check);

        Assert.Single(model.Pcvs);
    }

    [Theory]
    [InlineData("try { n += data[i] / n; } catch (DivideByZeroException) { throw; }")]
    [InlineData("try { n += data[i] / n; } catch (DivideByZeroException e) when (n == 0) { throw new InvalidOperationException(\"zero\", e); }")]
    public void A_throw_in_a_catch_handler_is_no_loop_exit(string check)
    {
        // The walk never enters a handler (a call that returns took none): its throw leaves the loop on no such call.
        InterfaceModel model = Loop(check);

        Assert.Empty(model.Pcvs);
    }

    [Fact]
    public void Debug_Fail_without_DEBUG_returns_so_its_way_is_walked()
    {
        // Debug.Fail is [DoesNotReturn] but also [Conditional("DEBUG")]: where the compiler removes it, the way
        // it ends returns (and costs nothing), so it is a way of the interface like an empty one.
        InterfaceModel model = Extraction.Extract(@"static class C { public static long M(int[] data, int kind) {
            long s = 0;
            if (kind == 0) System.Diagnostics.Debug.Fail(""kind 0"");
            else { for (int i = 0; i < data.Length; i++) s += data[i]; }
            return s;
        } }", options: ExtractionOptions.Default with { DefaultResolution = 0 });

        Assert.Equal(2, model.Pieces.Count);
        Assert.True(model.Ns(("data.Length", 1000), ("kind", 0)) * 10 < model.Ns(("data.Length", 1000), ("kind", 1)));
    }

    [Fact]
    public void A_skipped_throw_inside_try_finally_is_no_loop_exit()
    {
        InterfaceModel model = Loop("try { if (data[i] < 0) throw new InvalidOperationException(); n++; } finally { n--; }");

        Assert.Empty(model.Pcvs);
    }
}
