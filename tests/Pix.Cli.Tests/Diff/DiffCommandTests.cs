using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using Pix.Cli.BaselineUpdate;
using Pix.Cli.Commands;
using Pix.Serialization;
using Pix.Testing;

namespace Pix.Cli.Tests.Diff;

/// <summary><c>pix diff</c> on baselines extracted from two versions of a method.</summary>
public sealed class DiffCommandTests : CliTestBase
{
    private const string Linear = """
        using Pix;

        public static partial class Checks
        {
            [PerformanceInterface]
            public static int Sum(int[] data)
            {
                int s = 0;
                for (int i = 0; i < data.Length; i++) s += data[i];
                return s;
            }
        }
        """;

    private static readonly string Quadratic = Linear.Replace("s += data[i];", "for (int j = 0; j < data.Length; j++) s += data[j];");

    private const string SumId = "M:Checks.Sum(System.Int32[])";

    /// <summary>The baseline file <c>pix baseline update</c> would write for <paramref name="source"/>.</summary>
    private string BaselineFile(string name, string source)
    {
        var compilation = TestCompilation.Create(new[] { source });
        var project = new ProjectInputs("Test.csproj", Directory, new List<string>(), new List<string>(), "latest", new List<string>(), false, true, null, null);
        return WriteFile(name, BaselineWriter.Write(BaselineBuilder.Build(project, compilation, CancellationToken.None)));
    }

    [Fact]
    public void Regression_exits_with_2_and_shows_witness_and_complexity()
    {
        string before = BaselineFile("old.json", Linear);
        string after = BaselineFile("new.json", Quadratic);

        var (exit, output, _) = Run("diff", before, after);

        Assert.Equal(DiffCommand.RegressionExitCode, exit);
        string row = output.Split('\n').Single(l => l.StartsWith(SumId));
        Assert.Contains("REGRESSED", row);
        Assert.Contains("data.Length = ", row);
        Assert.Contains("O(n) → O(n²) in data.Length", row);
        Assert.Contains("1 method(s) regressed.", output);
    }

    [Fact]
    public void Improvement_is_not_a_regression()
    {
        string before = BaselineFile("old.json", Quadratic);
        string after = BaselineFile("new.json", Linear);

        var (exit, output, _) = Run("diff", before, after);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("faster", output);
        Assert.Contains("No regressions.", output);
    }

    [Fact]
    public void Entries_written_at_different_resolutions_are_named_not_compared()
    {
        // At 0 and at 0.95 one method's interfaces differ even for unchanged code (a merged piece carries the
        // dearest path's terms), so a comparison would report a regression or an improvement that is not there.
        string before = BaselineFile("old.json", Linear);
        string text = File.ReadAllText(before);
        Assert.Contains("\"resolution\": 0.05", text);
        string after = WriteFile("new.json", text.Replace("\"resolution\": 0.05", "\"resolution\": 0.95"));

        var (exit, output, _) = Run("diff", before, after);
        var (_, json, _) = Run("diff", before, after, "--format", "json");

        Assert.Equal(ExitCodes.Success, exit);
        string row = output.Split('\n').Single(l => l.StartsWith(SumId));
        Assert.Contains("not compared", row);
        Assert.Contains("written at resolution 0.05 and 0.95", row);
        Assert.Contains("1 method(s) not compared", output);
        JsonElement method = JsonDocument.Parse(json).RootElement.GetProperty("methods")[0];
        Assert.Equal("not compared", method.GetProperty("status").GetString());
        Assert.Contains("0.95", method.GetProperty("note").GetString());
    }

    [Fact]
    public void Identical_baselines_are_unchanged()
    {
        string before = BaselineFile("old.json", Linear);
        string after = BaselineFile("new.json", Linear);

        var (exit, output, _) = Run("diff", before, after);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("unchanged", output.Split('\n').Single(l => l.StartsWith(SumId)));
    }

    [Fact]
    public void Json_format_lists_each_method_with_its_witness()
    {
        string before = BaselineFile("old.json", Linear);
        string after = WriteFile("new.json", File.ReadAllText(BaselineFile("tmp.json", Quadratic)));

        var (exit, output, _) = Run("diff", before, after, "--format", "json");

        Assert.Equal(DiffCommand.RegressionExitCode, exit);
        using JsonDocument json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.True(root.GetProperty("regressed").GetBoolean());
        Assert.Equal(0.1, root.GetProperty("tolerance").GetDouble());
        JsonElement method = root.GetProperty("methods").EnumerateArray().Single();
        Assert.Equal(SumId, method.GetProperty("method").GetString());
        Assert.Equal("REGRESSED", method.GetProperty("status").GetString());
        JsonElement slower = method.GetProperty("slower");
        Assert.True(slower.GetProperty("currentNs").GetDouble() > 1.1 * slower.GetProperty("baselineNs").GetDouble());
        Assert.True(slower.GetProperty("witness").GetProperty("data.Length").GetDouble() >= 0);
        JsonElement growth = method.GetProperty("complexity").EnumerateArray().Single();
        Assert.Equal("data.Length", growth.GetProperty("quantity").GetString());
    }

    [Fact]
    public void Added_and_removed_methods_are_listed()
    {
        string before = BaselineFile("old.json", Linear);
        string after = BaselineFile("new.json", Linear.Replace("Sum(", "Total("));

        var (exit, output, _) = Run("diff", before, after);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("added", output.Split('\n').Single(l => l.StartsWith("M:Checks.Total")));
        Assert.Contains("removed", output.Split('\n').Single(l => l.StartsWith(SumId)));
    }

    [Fact]
    public void Unreadable_baseline_is_an_error_with_its_position()
    {
        string before = BaselineFile("old.json", Linear);
        string broken = WriteFile("new.json", "{ \"schema\": \"pix.baseline\", \"version\": 2, \"methods\": {} }");

        var (exit, _, err) = Run("diff", before, broken);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("new.json", err);
        Assert.Contains("line 1", err);
    }

    [Fact]
    public void A_missing_baseline_or_a_directory_is_named_as_such()
    {
        string before = BaselineFile("old.json", Linear);
        string missing = Path.Combine(Directory, "missing.json");

        var (exit, _, err) = Run("diff", before, missing);
        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains($"baseline '{missing}' does not exist", err);

        (exit, _, err) = Run("diff", Directory, before);
        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("is a directory", err);
    }

    [Fact]
    public void A_file_too_large_to_be_a_baseline_is_refused_before_it_is_read()
    {
        string before = BaselineFile("old.json", Linear);

        // Sparse: the size is claimed, not written. Read whole, it would be a 2 GiB string before the JSON
        // reader's length limit refused it.
        string huge = Path.Combine(Directory, "huge.json");
        using (var file = new FileStream(huge, FileMode.CreateNew))
        {
            file.SetLength(1L << 30);
        }

        var (exit, _, err) = Run("diff", before, huge);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("1,073,741,824 bytes; a baseline is at most", err);
    }

    [Fact]
    public void Bad_tolerance_and_format_are_refused()
    {
        string before = BaselineFile("old.json", Linear);

        Assert.Equal(ExitCodes.Failure, Run("diff", before, before, "--tolerance", "-5%").Exit);
        Assert.Equal(ExitCodes.Failure, Run("diff", before, before, "--format", "xml").Exit);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("NaN%")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    public void A_tolerance_that_is_not_a_finite_number_is_refused(string tolerance)
    {
        // NaN compares false with every change, so every method read as within it: "No regressions".
        string before = BaselineFile("old.json", Linear);
        string after = BaselineFile("new.json", Quadratic);

        var (exit, _, err) = Run("diff", before, after, "--tolerance", tolerance);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains($"tolerance '{tolerance}'", err);
    }

    [Fact]
    public void A_question_the_solver_cannot_settle_is_undecided_not_within_tolerance()
    {
        Pix.Serialization.Baseline Of(string source)
        {
            var project = new ProjectInputs("Test.csproj", Directory, new List<string>(), new List<string>(), "latest", new List<string>(), false, true, null, null);
            return BaselineBuilder.Build(project, TestCompilation.Create(new[] { source }), CancellationToken.None);
        }

        var rows = DiffCommand.Compare(Of(Linear), Of(Quadratic), 0.10, new UndecidedEngine());
        var sameCode = DiffCommand.Compare(Of(Linear), Of(Linear), 0.10, new UndecidedEngine());

        DiffCommand.Row row = rows.Single();
        // The complexity class is decided without the solver: growth is still a regression.
        Assert.Equal("REGRESSED", row.Status);
        Assert.Equal(UndecidedEngine.Reason, row.Comparison!.SlowerOpen);
        Assert.Equal("unchanged", sameCode.Single().Status);

        var withinOrder = DiffCommand.Compare(Of(Linear), Of(Linear.Replace("s += data[i];", "s += data[i] * 3;")), 0.10, new UndecidedEngine());
        Assert.Equal("undecided", withinOrder.Single().Status);
    }
}
