using System.IO;

namespace Pix.Cli.Tests.Baseline;

/// <summary>Bad arguments stop <c>pix baseline update</c> before any build, with one clear line and exit code 1.</summary>
public sealed class BaselineUpdateArgumentTests : CliTestBase
{
    [Fact]
    public void Missing_project_is_reported()
    {
        var (exit, _, err) = Run("baseline", "update", Path.Combine(Directory, "Nope.csproj"));

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("not found", err);
    }

    /// <summary>The error line named the subcommand alone ("pix update: error:"), a command pix does not have.</summary>
    [Fact]
    public void The_error_line_names_the_command_as_typed()
    {
        var (_, _, err) = Run("baseline", "update", Path.Combine(Directory, "Nope.csproj"));

        Assert.StartsWith("pix baseline update: error: ", err);
    }

    [Fact]
    public void Directory_without_a_project_is_reported()
    {
        var (exit, _, err) = Run("baseline", "update", Directory);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("no *.csproj", err);
    }

    [Fact]
    public void Directory_with_two_projects_asks_for_one()
    {
        WriteFile("A.csproj", "<Project />");
        WriteFile("B.csproj", "<Project />");

        var (exit, _, err) = Run("baseline", "update", Directory);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("A.csproj, B.csproj", err);
    }

    [Fact]
    public void Property_without_a_value_is_refused()
    {
        string project = WriteFile("A.csproj", "<Project />");

        var (exit, _, err) = Run("baseline", "update", project, "-p", "PixLbVersion");

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("Name=Value", err);
    }

    [Fact]
    public void Output_in_a_missing_directory_is_refused_before_building()
    {
        string project = WriteFile("A.csproj", "<Project />");

        var (exit, _, err) = Run("baseline", "update", project, "-o", Path.Combine(Directory, "no", "such", "pix.baseline.json"));

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains("does not exist", err);
    }

    /// <summary>A directory where the file should be was refused only after the build, as "The file '…' already exists".</summary>
    [Fact]
    public void Output_that_is_a_directory_is_refused_before_building()
    {
        string project = WriteFile("A.csproj", "<Project />");
        string folder = Path.Combine(Directory, "perf");
        System.IO.Directory.CreateDirectory(folder);

        var (exit, _, err) = Run("baseline", "update", project, "-o", folder);

        Assert.Equal(ExitCodes.Failure, exit);
        Assert.Contains($"cannot write '{folder}': it is a directory", err);
        Assert.DoesNotContain("Building", err);
    }

    [Fact]
    public void Update_needs_a_project()
    {
        var (exit, _, _) = Run("baseline", "update");

        Assert.NotEqual(ExitCodes.Success, exit);
    }
}
