using System.Linq;
using Pix.Cli.BaselineUpdate;

namespace Pix.Cli.Tests.Baseline;

/// <summary>
/// What <c>pix baseline update</c> repeats of a failed build. A user trial (docs/user-trial.md) got the JSON pix asks
/// MSBuild for, eighteen lines of it, above the one line that said what was wrong (NU1101: the package source was
/// missing): the build's error lines come first now.
/// </summary>
public sealed class BuildFailureTextTests
{
    private const string RestoreFailure = """
        {
          "Properties": {
            "MSBuildProjectFullPath": "/tmp/app/App.csproj",
            "PixResolution": ""
          },
          "Items": {
            "Compile": [],
            "ReferencePath": []
          }
        }
          /tmp/app/App.csproj : error NU1101: Unable to find package Pix. No packages exist with this id in source(s): nuget.org
        """;

    [Fact]
    public void The_build_errors_are_given_without_the_item_list()
    {
        string text = ProjectBuild.FailureText(RestoreFailure);

        Assert.Equal(
            "  /tmp/app/App.csproj : error NU1101: Unable to find package Pix. No packages exist with this id in source(s): nuget.org",
            text);
    }

    [Fact]
    public void An_error_MSBuild_prints_twice_is_given_once()
    {
        const string output = """
            Work.cs(13,39): error CS1002: ; expected [/tmp/app/App.csproj]
            Build FAILED.
            Work.cs(13,39): error CS1002: ; expected [/tmp/app/App.csproj]
                0 Warning(s)
                1 Error(s)
            """;

        Assert.Equal("  Work.cs(13,39): error CS1002: ; expected [/tmp/app/App.csproj]", ProjectBuild.FailureText(output));
    }

    [Fact]
    public void Without_an_error_line_the_last_lines_are_given()
    {
        string output = string.Join("\n", Enumerable.Range(1, 30).Select(i => "line " + i));

        string text = ProjectBuild.FailureText(output);

        Assert.StartsWith("  line 11", text);
        Assert.EndsWith("  line 30", text);
    }
}
