using System.IO;
using System.Linq;
using Pix.Serialization;

namespace Pix.Cli.Tests.Baseline;

/// <summary>
/// Two projects of one solution that share one baseline file (a Directory.Build.props setting
/// <c>PixBaselineFile</c> for all of them): updating it from one project must not drop the other's entries.
/// </summary>
public sealed class SharedBaselineTests : CliTestBase
{
    private const string Other = """
        using Pix;

        namespace Other;

        public static partial class Hashing
        {
            [PerformanceInterface]
            public static int Mix(int[] data)
            {
                int h = 17;
                for (int i = 0; i < data.Length; i++) h = h * 31 + data[i];
                return h;
            }
        }
        """;

    private const string SumId = "M:Sample.Checks.Sum(System.Int32[])";
    private const string PickId = "M:Sample.Checks.Pick(System.Int32[],System.Boolean)";
    private const string MixId = "M:Other.Hashing.Mix(System.Int32[])";

    private static string[] MethodsIn(string path)
    {
        BaselineReadResult read = BaselineReader.Read(File.ReadAllText(path), path);
        Assert.Empty(read.Errors);
        return read.Baseline.Entries.Select(e => e.MethodId).ToArray();
    }

    [Fact]
    public void Updating_from_one_project_keeps_the_other_projects_entries()
    {
        using var first = new TempProject();
        using var second = new TempProject(Other);
        string shared = Path.Combine(first.Directory, "shared.baseline.json");

        var a = Run("baseline", "update", first.ProjectFile, "-o", shared);
        Assert.True(a.Exit == ExitCodes.Success, a.Err);
        var b = Run("baseline", "update", second.ProjectFile, "-o", shared);
        Assert.True(b.Exit == ExitCodes.Success, b.Err);

        Assert.Equal(new[] { MixId, PickId, SumId }, MethodsIn(shared));
        Assert.DoesNotContain("removed", b.Out);
        Assert.Contains("kept", b.Out);

        // The first project's own entries still follow its source: a method that lost its attribute goes.
        File.WriteAllText(Path.Combine(first.Directory, "Checks.cs"), TempProject.Checks
            .Replace("[PerformanceInterface]\n    public static int Pick", "public static int Pick"));
        var again = Run("baseline", "update", first.ProjectFile, "-o", shared);
        Assert.True(again.Exit == ExitCodes.Success, again.Err);

        Assert.Equal(new[] { MixId, SumId }, MethodsIn(shared));
        Assert.Contains("removed          " + PickId, again.Out);
    }

    /// <summary>One file has one cost model: another project's entries counted under an older one cannot be kept beside this build's.</summary>
    [Fact]
    public void Other_projects_entries_of_an_older_cost_model_are_dropped_with_a_warning()
    {
        using var first = new TempProject();
        using var second = new TempProject(Other);
        string shared = Path.Combine(first.Directory, "shared.baseline.json");
        Assert.Equal(ExitCodes.Success, Run("baseline", "update", second.ProjectFile, "-o", shared).Exit);
        string current = "\"costModel\": " + Pix.Serialization.Baseline.CurrentCostModel;
        Assert.Contains(current, File.ReadAllText(shared));
        File.WriteAllText(shared, File.ReadAllText(shared).Replace(current, "\"costModel\": 2"));

        var (exit, _, err) = Run("baseline", "update", first.ProjectFile, "-o", shared);

        Assert.True(exit == ExitCodes.Success, err);
        Assert.Contains("counted under cost model 2; they are dropped", err);
        Assert.Equal(new[] { PickId, SumId }, MethodsIn(shared));
    }
}
