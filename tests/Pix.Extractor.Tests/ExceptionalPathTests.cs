using System.Linq;
using Pix.Extraction;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// An interface describes the calls that return: a way of a branch that ends by throwing is not walked
/// (MethodAnalyzer.ExceptionalPaths.cs). Each method below is compared with its twin without the throw.
/// </summary>
public sealed class ExceptionalPathTests
{
    private static readonly ExtractionOptions NoMerging = ExtractionOptions.Default with { DefaultResolution = 0 };

    [Fact]
    public void An_argument_check_that_throws_forks_no_piece_and_leaves_no_gap()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static long M(int[] data, int n) {
            if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, $""{n} is negative."");
            long s = 0; for (int i = 0; i < n; i++) s += data[i]; return s;
        } }", options: NoMerging);
        InterfaceModel twin = Extraction.Extract(@"static class C { public static long M(int[] data, int n) {
            long s = 0; for (int i = 0; i < n; i++) s += data[i]; return s;
        } }", options: NoMerging);

        Assert.Empty(model.Gaps);
        Assert.Single(model.Pieces);
        // The check's compare and branch, and nothing of the exception.
        double check = model.Ns(("n", 100)) - twin.Ns(("n", 100));
        Assert.InRange(check, 0.01, 1.0);
    }

    [Fact]
    public void A_loop_left_only_by_a_throw_runs_its_whole_range()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static long M(int[] data) {
            long s = 0;
            for (int i = 0; i < data.Length; i++)
            {
                if (data[i] < 0) { throw new InvalidOperationException(""negative at "" + i); }
                s += data[i];
            }
            return s;
        } }");

        Assert.Empty(model.Gaps);
        Assert.Empty(model.Pcvs);
        Assert.True(model.Ns(("data.Length", 2000)) > 1.9 * model.Ns(("data.Length", 1000)));
    }

    [Fact]
    public void A_return_after_a_skipped_throw_is_still_the_loop_exit()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(int[] data, int value) {
            for (int i = 0; i < data.Length; i++)
            {
                if (data[i] < 0) throw new InvalidOperationException();
                if (data[i] == value) return i;
            }
            return -1;
        } }");

        Assert.Single(model.Pcvs);
        Assert.Empty(model.Gaps);
    }

    [Fact]
    public void Throw_expressions_take_the_value()
    {
        InterfaceModel coalesce = Extraction.Extract(@"static class C { public static int M(string s) =>
            (s ?? throw new ArgumentNullException(nameof(s), ""Need a string: "" + nameof(s))).Length; }");
        InterfaceModel conditional = Extraction.Extract(@"static class C { public static int M(int n) =>
            n >= 0 ? n * 3 : throw new ArgumentOutOfRangeException(nameof(n), n, string.Format(""{0} < 0"", n)); }");

        Assert.Empty(coalesce.Gaps);
        Assert.Empty(conditional.Gaps);
        Assert.Single(conditional.Pieces);
    }

    [Fact]
    public void Switch_sections_that_throw_get_no_piece_and_keep_their_values_from_the_others()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static long M(int kind, int n) {
            long s = 0;
            switch (kind)
            {
                case 0: for (int i = 0; i < n; i++) s += i; break;
                case 1: throw new NotSupportedException(kind.ToString());
                case 2: s = n; break;
                default: throw new ArgumentOutOfRangeException(nameof(kind));
            }
            return s;
        } }", options: NoMerging);

        Assert.Empty(model.Gaps);
        Assert.Equal(2, model.Pieces.Count);
        Assert.True(model.Ns(("kind", 0), ("n", 1000)) > 10 * model.Ns(("kind", 2), ("n", 1000)));
    }

    [Fact]
    public void A_switch_expression_arm_that_throws_is_not_the_costliest()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(int[] data) => data[0] switch
        {
            0 => 1,
            1 => 2,
            _ => throw new ArgumentException(""unknown tag "" + data[0].ToString(System.Globalization.CultureInfo.InvariantCulture)),
        }; }");

        Assert.Empty(model.Gaps);
    }

    [Fact]
    public void A_call_to_a_DoesNotReturn_helper_ends_its_way_like_a_throw()
    {
        InterfaceModel model = Extraction.Extract(@"
            static class Throw { [System.Diagnostics.CodeAnalysis.DoesNotReturn] public static void Null(string name) => throw new ArgumentNullException(name, ""missing: "" + name); }
            static class C { public static int M(int[] data) {
                if (data is null) Throw.Null(nameof(data));
                int s = 0; for (int i = 0; i < data.Length; i++) s ^= data[i]; return s;
            } }", options: NoMerging);

        Assert.Empty(model.Gaps);
        Assert.Single(model.Pieces);
    }

    [Fact]
    public void Where_every_way_throws_the_code_is_analysed_as_it_runs()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static int M(int n) {
            if (n > 0) throw new TimeoutException(""positive: "" + n);
            else throw new ArgumentOutOfRangeException(nameof(n), ""not positive: "" + n);
        } }");

        // Constructors the library does not model, so that each arm's shows as a gap.
        Assert.Contains(model.Gaps, g => g.Kind == GapKind.OpaqueCall && g.Construct.Contains("TimeoutException"));
        Assert.Contains(model.Gaps, g => g.Kind == GapKind.OpaqueCall && g.Construct.Contains("ArgumentOutOfRangeException"));
    }

    [Fact]
    public void An_arm_that_throws_either_way_of_a_nested_if_is_an_arm_that_throws()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static long M(int[] data, int n) {
            if (n < 0)
            {
                if (n == -1) throw new ArgumentException(""minus one: "" + n);
                else throw new ArgumentOutOfRangeException(nameof(n), n, ""negative"");
            }

            long s = 0; for (int i = 0; i < n; i++) s += data[i]; return s;
        } }", options: NoMerging);

        Assert.Empty(model.Gaps);
        Assert.Single(model.Pieces);
    }

    [Fact]
    public void In_a_loop_a_nested_if_that_throws_either_way_is_no_exit()
    {
        InterfaceModel model = Extraction.Extract(@"static class C { public static long M(int[] data) {
            long s = 0;
            for (int i = 0; i < data.Length; i++)
            {
                if (data[i] < 0)
                {
                    if (data[i] == -1) throw new InvalidOperationException(""minus one at "" + i);
                    else throw new ArgumentException(""negative at "" + i);
                }

                s += data[i];
            }

            return s;
        } }");

        Assert.Empty(model.Gaps);
        Assert.Empty(model.Pcvs);
    }
}
