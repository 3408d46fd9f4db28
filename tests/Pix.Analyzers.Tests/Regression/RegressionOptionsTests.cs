using Pix.Analyzers.Regression;

namespace Pix.Analyzers.Tests.Regression;

public sealed class RegressionOptionsTests
{
    [Theory]
    [InlineData(null, "/obj/pix/solver/", null)]
    [InlineData("", "/obj/pix/solver/", null)]
    [InlineData("false", "/obj/pix/solver/", null)]
    [InlineData("False", "/obj/pix/solver/", null)]
    [InlineData("true", "/obj/pix/solver/", "/obj/pix/solver/")]
    [InlineData("TRUE", null, null)]
    [InlineData("/tmp/queries", "/obj/pix/solver/", "/tmp/queries")]
    public void The_dump_folder_follows_the_package_properties(string? dump, string? directory, string? expected) =>
        Assert.Equal(expected, RegressionOptions.DumpFolderOf(dump, directory));

    [Theory]
    [InlineData("0.1", 0.1)]
    [InlineData("10%", 0.1)]
    [InlineData(" 25 % ", 0.25)]
    [InlineData("-1", null)]
    [InlineData("NaN", null)]
    public void Tolerance_accepts_fractions_and_percentages(string text, double? expected)
    {
        double? parsed = RegressionOptions.ParseTolerance(text);
        if (expected is null)
        {
            Assert.Null(parsed);
        }
        else
        {
            Assert.Equal(expected.Value, parsed!.Value, 12);
        }
    }
}
