using System.IO;

namespace Pix.Cli.Tests;

public sealed class CommandLineTests : CliTestBase
{
    [Fact]
    public void No_command_is_an_error()
    {
        var (exit, _, err) = Run();
        Assert.NotEqual(0, exit);
        Assert.NotEmpty(err);
    }

    [Fact]
    public void Unknown_command_is_an_error()
    {
        var (exit, _, err) = Run("frobnicate");
        Assert.NotEqual(0, exit);
        Assert.Contains("frobnicate", err);
    }

    [Fact]
    public void Help_lists_every_command()
    {
        var (exit, output, _) = Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("calibrate", output);
        Assert.Contains("show", output);
        Assert.Contains("validate", output);
    }

    [Fact]
    public void Show_prints_the_reference_profile()
    {
        var (exit, output, err) = Run("show", "reference");

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, err);
        Assert.Contains("IntegerDivide", output);
        Assert.Contains("8.000", output);
        Assert.Matches(@"256 KiB\s+4\.000", output);
    }

    [Fact]
    public void Show_of_a_saved_profile_round_trips()
    {
        string path = Path.Combine(Directory, "m.pixhw.json");
        HardwareProfile.Reference.Save(path);

        var (exit, output, _) = Run("show", path);

        Assert.Equal(0, exit);
        Assert.Contains("Profile  reference", output);
    }

    [Fact]
    public void Show_of_a_missing_file_fails_with_its_name()
    {
        string path = Path.Combine(Directory, "missing.pixhw.json");
        var (exit, output, err) = Run("show", path);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("pix show: error:", err);
        Assert.Contains("missing.pixhw.json", err);
        Assert.DoesNotContain("   at ", err); // no stack trace
    }

    [Fact]
    public void Show_of_a_malformed_file_reports_line_and_column()
    {
        string path = WriteFile("bad.pixhw.json", "{\n  \"schema\": 1,\n  \"name\" \"x\"\n}");

        var (exit, _, err) = Run("show", path);

        Assert.Equal(1, exit);
        Assert.Contains("line 3, column 10: expected ':' after property name 'name'", err);
    }

    [Fact]
    public void Show_of_a_profile_with_a_bad_cost_names_the_field()
    {
        string json = HardwareProfile.Reference.ToJson().Replace("\"latencyNs\": 8,", "\"latencyNs\": -8,");
        string path = WriteFile("neg.pixhw.json", json);

        var (exit, _, err) = Run("show", path);

        Assert.Equal(1, exit);
        Assert.Contains("costs.IntegerDivide.latencyNs: must be a non-negative number; found -8", err);
    }

    [Fact]
    public void Calibrate_refuses_a_missing_output_directory_before_measuring()
    {
        var (exit, _, err) = Run("calibrate", "-o", Path.Combine(Directory, "no", "such", "m.pixhw.json"));

        Assert.Equal(1, exit);
        Assert.Contains("does not exist", err);
    }

    [Fact]
    public void Calibrate_refuses_a_raw_file_in_a_missing_directory_before_measuring()
    {
        string profile = Path.Combine(Directory, "raw-check.pixhw.json");
        var (exit, _, err) = Run("calibrate", "-o", profile, "--raw", Path.Combine(Directory, "no", "such", "raw.json"));

        Assert.Equal(1, exit);
        Assert.Contains("raw.json", err);
        Assert.Contains("does not exist", err);
        Assert.False(File.Exists(profile));
    }

    [Fact]
    public void Calibrate_refuses_a_raw_file_at_the_profile_s_path_before_measuring()
    {
        // The raw timings are written after the profile: at the same path they would replace it.
        string profile = Path.Combine(Directory, "same.pixhw.json");
        File.WriteAllText(profile, "kept");
        var (exit, _, err) = Run("calibrate", "-o", profile, "--raw", Path.Combine(Directory, ".", "same.pixhw.json"));

        Assert.Equal(1, exit);
        Assert.Contains("--raw another path", err);
        Assert.Equal("kept", File.ReadAllText(profile));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-5")]
    [InlineData("NaN")]
    [InlineData("abc")]
    public void Calibrate_refuses_a_bad_budget(string seconds)
    {
        var (exit, _, err) = Run("calibrate", "--seconds", seconds);

        Assert.NotEqual(0, exit);
        Assert.Contains("seconds", err);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("abc")]
    public void Calibrate_refuses_a_bad_ceiling(string ceiling)
    {
        var (exit, _, err) = Run("calibrate", "-o", Path.Combine(Directory, "ceiling.pixhw.json"), "--ceiling", ceiling);

        Assert.NotEqual(0, exit);
        Assert.Contains("--ceiling takes a number of seconds, at least 3", err);
    }

    /// <summary>A number of seconds no <see cref="System.TimeSpan"/> holds was an OverflowException and its stack, not a message.</summary>
    [Theory]
    [InlineData("calibrate", "--seconds", "1e308")]
    [InlineData("calibrate", "--seconds", "1e12")]
    [InlineData("calibrate", "--ceiling", "1e308")]
    [InlineData("validate", "--warmup", "1e308")]
    public void A_duration_too_long_is_refused_with_a_message(string command, string option, string seconds)
    {
        string[] args = command == "validate"
            ? new[] { "validate", typeof(CommandLineTests).Assembly.Location, "--method", "SumSpan", "--sizes", "4", option, seconds }
            : new[] { "calibrate", "-o", Path.Combine(Directory, "long.pixhw.json"), option, seconds };

        var (exit, _, err) = Run(args);

        Assert.Equal(1, exit);
        Assert.DoesNotContain("Exception", err);
        Assert.Contains($"{option} takes a number of seconds, at least", err);
        Assert.Contains("at most", err);
        Assert.False(File.Exists(Path.Combine(Directory, "long.pixhw.json")));
    }

    [Fact]
    public void Calibrate_refuses_a_ceiling_shorter_than_its_budget_before_measuring()
    {
        string profile = Path.Combine(Directory, "ceiling.pixhw.json");
        var (exit, _, err) = Run("calibrate", "-o", profile, "--seconds", "10", "--ceiling", "8");

        Assert.Equal(1, exit);
        Assert.Contains("--ceiling (8 s) cannot be shorter than --seconds (10 s)", err);
        Assert.False(File.Exists(profile));
    }

    [Fact]
    public void Calibrate_does_not_touch_an_existing_profile_when_it_fails()
    {
        string path = WriteFile("keep.pixhw.json", "old content");
        var (exit, _, _) = Run("calibrate", "-o", path, "--seconds", "0");

        Assert.NotEqual(0, exit);
        Assert.Equal("old content", File.ReadAllText(path));
    }
}
