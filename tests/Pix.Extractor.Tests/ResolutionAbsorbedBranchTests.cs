using System.Linq;
using Pix.Extraction;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// A branch on data whose arms' difference stays within the resolution of every piece is no gap at that
/// resolution, and still one at resolution 0 (docs/extractor.md, "Branches within the resolution"). The
/// methods share a fixed block of work (about 12 ns on the reference profile) that the branches are measured against.
/// </summary>
public sealed class ResolutionAbsorbedBranchTests
{
    private static readonly ExtractionOptions NoMerging = ExtractionOptions.Default with { DefaultResolution = 0 };
    private static readonly ExtractionOptions FivePercent = ExtractionOptions.Default with { DefaultResolution = 0.05 };

    private const string Work = @"
            long a = d[0] * d[1] + d[2] * d[3] + d[4] * d[5] + d[6] * d[7];
            long b = d[8] * d[9] + d[10] * d[11] + d[12] * d[13] + d[14] * d[15];
            long c = a / (b | 1) + b / (a | 1);
";

    private static string Method(string body) =>
        "static class C { public static long M(long[] d, int n) {" + Work + body + " return c; } }";

    private static int DataBranchGaps(InterfaceModel model) => model.Gaps.Count(g => g.Kind == GapKind.DataDependentBranch);

    [Fact]
    public void Arms_a_multiply_apart_are_no_gap_at_five_percent_and_a_gap_at_zero()
    {
        string source = Method("if (c > 0) c += d[16] * 3; else c -= 2;");

        InterfaceModel unmerged = Extraction.Extract(source, options: NoMerging);
        InterfaceModel merged = Extraction.Extract(source, options: FivePercent);

        Assert.Equal(1, DataBranchGaps(unmerged));
        Assert.InRange(unmerged.BranchSlack!.Value, 0.001, 0.05);
        Assert.Empty(merged.Gaps);
        Assert.Equal(unmerged.Gaps, merged.GapsWithinResolution);
        Assert.Null(merged.BranchSlack);
        // The costlier arm is still what is priced: absorbing a branch removes its gap, nothing else.
        Assert.Equal(unmerged.Pieces, merged.Pieces);
    }

    [Fact]
    public void A_resolution_below_the_slack_keeps_the_gap()
    {
        string source = Method("if (c > 0) c += d[16] * 3; else c -= 2;");
        double slack = Extraction.Extract(source, options: NoMerging).BranchSlack!.Value;

        InterfaceModel below = Extraction.Extract(source, options: ExtractionOptions.Default with { DefaultResolution = slack * 0.9 });

        Assert.Equal(1, DataBranchGaps(below));
        Assert.Empty(below.GapsWithinResolution);
    }

    [Fact]
    public void The_same_branch_in_a_loop_whose_other_work_is_small_stays_a_gap()
    {
        // The branch of the first test: outside the loop the fixed work absorbs its difference; run once per
        // element, the difference is paid per element against an iteration that costs little more.
        string source = Method("for (int i = 0; i < d.Length; i++) { if (d[i] > 0) c += d[16] * 3; else c -= 2; }");

        InterfaceModel model = Extraction.Extract(source, options: FivePercent);

        Assert.Equal(1, DataBranchGaps(model));
        Assert.True(Extraction.Extract(source, options: NoMerging).BranchSlack > 0.05);
    }

    [Fact]
    public void Two_branches_each_within_the_resolution_but_not_together_stay_gaps()
    {
        string one = Method("if (c > 0) c += d[16] * 3; else c -= 2;");
        string two = Method("if (c > 0) c += d[16] * 3; else c -= 2; if (c > 5) c += d[17] * 3; else c -= 2;");

        Assert.Empty(Extraction.Extract(one, options: FivePercent).Gaps);
        InterfaceModel model = Extraction.Extract(two, options: FivePercent);

        Assert.Equal(2, DataBranchGaps(model));
        Assert.InRange(Extraction.Extract(two, options: NoMerging).BranchSlack!.Value, 0.05, 0.1);
    }

    [Theory]
    [InlineData("")] // a small leaf: inlined into the caller's block
    [InlineData("for (int j = 0; j < 4; j++) c += d[j];")] // a loop: its summary substituted at the call
    public void A_callee_branch_is_counted_once_per_iteration_of_the_callers_loop(string more)
    {
        // Much of the small callee's cost: a gap in its own interface. Called once, the caller's fixed work absorbs
        // it; called once per element, the difference is paid per element against the same fixed work.
        string callee = "static long F(long[] d, int i) { long c = d[i]; if (c > 0) c += d[i + 1]; else c -= 2; " + more + " return c; }";
        string once = "static class C { " + callee + " public static long M(long[] d) {" + Work + " c += F(d, 0); return c; } }";
        string inLoop = "static class C { " + callee + " public static long M(long[] d) {" + Work +
            " for (int i = 0; i < d.Length; i++) c += F(d, i); return c; } }";

        Assert.Equal(1, DataBranchGaps(Extraction.Extract(once, method: "F", options: FivePercent)));
        InterfaceModel calledOnce = Extraction.Extract(once, options: FivePercent);
        InterfaceModel calledPerElement = Extraction.Extract(inLoop, options: FivePercent);

        Assert.Empty(calledOnce.Gaps);
        Assert.Single(calledOnce.GapsWithinResolution);
        Assert.Equal(1, DataBranchGaps(calledPerElement));
    }

    [Fact]
    public void An_arm_costlier_at_64_but_not_at_every_sample_stays_a_gap_at_any_resolution()
    {
        // log2(n) additions against two divides: the loop is cheaper at n = 64, the costlier from some n on.
        string source = Method("if (c > 0) { for (int j = 1; j < n; j *= 2) c += j; } else c = c / 7 + c / 9;");

        InterfaceModel model = Extraction.Extract(source, options: ExtractionOptions.Default with { DefaultResolution = 0.99 });

        Assert.Equal(1, DataBranchGaps(model));
        Assert.Null(Extraction.Extract(source, options: NoMerging).BranchSlack);
    }

    [Fact]
    public void Both_new_members_survive_a_baseline_file()
    {
        string source = Method("if (c > 0) c += d[16] * 3; else c -= 2;");
        foreach (InterfaceModel model in new[] { Extraction.Extract(source, options: NoMerging), Extraction.Extract(source, options: FivePercent) })
        {
            var entry = new Pix.Serialization.BaselineEntry(model, new Pix.Serialization.SourceInfo("C.cs", 0, 1, 1, 1, Pix.Serialization.SourceInfo.HashOf("x")));
            string text = Pix.Serialization.BaselineWriter.Write(Pix.Serialization.Baseline.Create(new[] { entry }));

            var read = Pix.Serialization.BaselineReader.Read(text, "pix.baseline.json");

            Assert.Empty(read.Errors);
            Assert.Equal(model, Assert.Single(read.Baseline.Entries).Interface);
        }

        Assert.NotNull(Extraction.Extract(source, options: NoMerging).BranchSlack);
        Assert.NotEmpty(Extraction.Extract(source, options: FivePercent).GapsWithinResolution);
    }
}
