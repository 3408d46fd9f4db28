using System.IO;
using System.Linq;
using Pix.Serialization;

namespace Pix.Cli.Tests.Baseline;

/// <summary><c>pix baseline update</c> on a real (tiny) project: it builds it with the SDK, so each test takes seconds.</summary>
public sealed class BaselineUpdateProjectTests
{
    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = PixCommandLine.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Writes_every_annotated_method_deterministically()
    {
        using var project = new TempProject();

        var first = Run("baseline", "update", project.ProjectFile);
        Assert.True(first.Exit == ExitCodes.Success, first.Err);
        byte[] written = File.ReadAllBytes(project.BaselinePath);
        var second = Run("baseline", "update", project.Directory);
        Assert.True(second.Exit == ExitCodes.Success, second.Err);

        Assert.Equal(written, File.ReadAllBytes(project.BaselinePath));
        Assert.Contains("added      M:Sample.Checks.Sum(System.Int32[])", first.Out);
        Assert.Contains("up to date", second.Out);

        string text = File.ReadAllText(project.BaselinePath);
        BaselineReadResult read = BaselineReader.Read(text, project.BaselinePath);
        Assert.Empty(read.Errors);
        Assert.Equal(new[] { "M:Sample.Checks.Pick(System.Int32[],System.Boolean)", "M:Sample.Checks.Sum(System.Int32[])" }, read.Baseline.Entries.Select(e => e.MethodId));
        Assert.Equal(text, BaselineWriter.Write(read.Baseline));
        BaselineEntry sum = read.Baseline.Find("M:Sample.Checks.Sum(System.Int32[])")!;
        Assert.Equal("Checks.cs", sum.Source.File);
        Assert.Contains(sum.Interface.Quantities, q => q.Name == "data.Length");
        // Nothing names this machine's directories.
        Assert.DoesNotContain(project.Directory, text);
    }

    [Fact]
    public void Default_output_is_the_projects_PixBaselineFile()
    {
        using var project = new TempProject();
        Directory.CreateDirectory(Path.Combine(project.Directory, "perf"));

        var (exit, output, err) = Run("baseline", "update", project.ProjectFile, "-p", "PixBaselineFile=perf/custom.json");

        Assert.True(exit == ExitCodes.Success, err);
        Assert.True(File.Exists(Path.Combine(project.Directory, "perf", "custom.json")), output);
        Assert.False(File.Exists(project.BaselinePath));
    }

    [Fact]
    public void Malformed_existing_baseline_is_left_alone_unless_forced()
    {
        using var project = new TempProject();
        const string Broken = "{ \"schema\": \"pix.baseline\", \"version\": 1, \"methods\": { \"M:X\": 3 } }\n";
        File.WriteAllText(project.BaselinePath, Broken);

        var refused = Run("baseline", "update", project.ProjectFile);

        Assert.Equal(ExitCodes.Failure, refused.Exit);
        Assert.Contains("cannot be read", refused.Err);
        Assert.Contains("--force", refused.Err);
        Assert.Equal(Broken, File.ReadAllText(project.BaselinePath));

        var forced = Run("baseline", "update", project.ProjectFile, "--force");

        Assert.True(forced.Exit == ExitCodes.Success, forced.Err);
        Assert.Empty(BaselineReader.Read(File.ReadAllText(project.BaselinePath), project.BaselinePath).Errors);
    }

    [Fact]
    public void Build_failure_shows_the_compiler_error_and_writes_nothing()
    {
        using var project = new TempProject("public static class Broken { public static int F() => undefined; }");

        var (exit, _, err) = Run("baseline", "update", project.ProjectFile, "-o", Path.Combine(project.Directory, "out.json"));

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("failed", err);
        Assert.Contains("CS0103", err);
        Assert.False(File.Exists(Path.Combine(project.Directory, "out.json")));
    }

    [Fact]
    public void Prints_what_changed_against_the_previous_file()
    {
        using var project = new TempProject();
        Assert.Equal(ExitCodes.Success, Run("baseline", "update", project.ProjectFile).Exit);
        File.WriteAllText(Path.Combine(project.Directory, "Checks.cs"), TempProject.Checks
            .Replace("s += data[i];", "for (int j = 0; j < data.Length; j++) s += data[j];")
            .Replace("[PerformanceInterface]\n    public static int Pick", "public static int Pick"));

        var (exit, output, err) = Run("baseline", "update", project.ProjectFile);

        Assert.True(exit == ExitCodes.Success, err);
        Assert.Contains("REGRESSED", output);
        Assert.Contains("O(n) → O(n²) in data.Length", output);
        Assert.Contains("removed          M:Sample.Checks.Pick", output);
    }
}
