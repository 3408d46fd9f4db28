using System.Linq;
using Pix.Serialization;

namespace Pix.Extractor.Tests.Serialization;

public sealed class BaselineReaderErrorTests
{
    private static string Valid => BaselineWriter.Write(BaselineRoundTripTests.Sample());

    [Theory]
    [InlineData("", "")]
    [InlineData("not json", "")]
    [InlineData("[]", "object")]
    [InlineData("{\"schema\":\"pix.baseline\",\"version\":2,\"methods\":{}}", "version 2")]
    [InlineData("{\"schema\":\"other\",\"version\":1,\"methods\":{}}", "not a Pix baseline")]
    [InlineData("{\"schema\":\"pix.baseline\",\"version\":1}", "methods")]
    public void A_broken_file_gives_one_located_error_and_no_entries(string text, string expected)
    {
        BaselineReadResult read = BaselineReader.Read(text, "pix.baseline.json");
        BaselineError error = Assert.Single(read.Errors);
        Assert.Contains(expected, error.Message);
        Assert.Empty(read.Baseline.Entries);
    }

    [Fact]
    public void A_truncated_file_is_an_error_at_its_end()
    {
        string text = Valid;
        BaselineReadResult read = BaselineReader.Read(text.Substring(0, text.Length / 2), "pix.baseline.json");
        BaselineError error = Assert.Single(read.Errors);
        Assert.True(error.Line > 1);
    }

    [Fact]
    public void One_bad_entry_is_reported_at_its_position_and_the_others_are_read()
    {
        string text = Valid.Replace("\"kind\": \"Path\"", "\"kind\": \"Sideways\"");
        BaselineReadResult read = BaselineReader.Read(text, "pix.baseline.json");
        Assert.Equal(2, read.Errors.Count);
        Assert.All(read.Errors, e => Assert.Contains("Sideways", e.Message));
        int line = text.Split('\n').ToList().FindIndex(l => l.Contains("Sideways")) + 1;
        Assert.Equal(line, read.Errors[0].Line);

        string oneBad = Valid;
        int second = oneBad.LastIndexOf("\"kind\": \"Path\"", System.StringComparison.Ordinal);
        oneBad = oneBad.Substring(0, second) + "\"kind\": 7" + oneBad.Substring(second + "\"kind\": \"Path\"".Length);
        BaselineReadResult partial = BaselineReader.Read(oneBad, "pix.baseline.json");
        Assert.Single(partial.Errors);
        Assert.Single(partial.Baseline.Entries);
    }

    [Fact]
    public void Hostile_files_are_errors_not_crashes()
    {
        string deep = "{\"schema\":\"pix.baseline\",\"version\":1,\"methods\":{\"M:X\":{\"source\":{},\"interface\":{\"count\":"
            + new string('[', 100_000) + new string(']', 100_000) + "}}}}";
        Assert.Single(BaselineReader.Read(deep, "deep.json").Errors);

        string huge = "{\"schema\":\"pix.baseline\",\"version\":1,\"methods\":{\"M:X\":\"" + new string('x', 20_000_000) + "\"}}";
        Assert.Single(BaselineReader.Read(huge, "huge.json").Errors);

        string nan = Valid.Replace("\"resolution\": 0.05", "\"resolution\": 1e999");
        Assert.NotEmpty(BaselineReader.Read(nan, "nan.json").Errors);

        string badOperator = Valid.Replace("\"log2\"", "\"exp\"");
        Assert.All(BaselineReader.Read(badOperator, "op.json").Errors, e => Assert.Contains("'exp'", e.Message));

        string noOtherwise = Valid.Replace("\"when\": true", "\"when\": [\"<\", 1, 2]");
        Assert.NotEmpty(BaselineReader.Read(noOtherwise, "last.json").Errors);
    }
}
