using System;
using System.IO;
using System.Linq;

namespace Pix.Cli.Tests;

public sealed class ValidateCommandTests : CliTestBase
{
    private static readonly string ThisAssembly = typeof(ValidateCommandTests).Assembly.Location;

    [Fact]
    public void A_missing_assembly_is_an_error()
    {
        var (exit, _, err) = Run("validate", Path.Combine(Directory, "nope.dll"));

        Assert.Equal(1, exit);
        Assert.Contains("nope.dll' does not exist", err);
    }

    [Fact]
    public void A_file_that_is_not_an_assembly_is_an_error()
    {
        string path = WriteFile("text.dll", "this is not a PE file");

        var (exit, _, err) = Run("validate", path);

        Assert.Equal(1, exit);
        Assert.Contains("pix validate: error:", err);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void An_unreadable_profile_fails_and_overwrites_nothing()
    {
        string profile = WriteFile("bad.pixhw.json", "{ \"schema\": 1, ");
        string report = WriteFile("report.md", "previous report");

        var (exit, _, err) = Run("validate", ThisAssembly, "--profile", profile, "--out", report, "--sizes", "1,2", "--warmup", "0");

        Assert.Equal(1, exit);
        Assert.Contains("bad.pixhw.json: line 1", err);
        Assert.Equal("previous report", File.ReadAllText(report));
        Assert.False(File.Exists(Path.ChangeExtension(report, ".svg")));
    }

    [Fact]
    public void A_missing_project_is_refused_before_measuring_and_overwrites_nothing()
    {
        string report = WriteFile("report.md", "previous report");

        var (exit, _, err) = Run("validate", ThisAssembly, "--project", Path.Combine(Directory, "no-such-project"), "--out", report, "--warmup", "0");

        Assert.Equal(1, exit);
        Assert.Contains("no-such-project' not found", err);
        Assert.DoesNotContain("   at ", err);
        Assert.Equal("previous report", File.ReadAllText(report));
    }

    [Theory]
    [InlineData("0,16")]
    [InlineData("16,abc")]
    [InlineData(",")]
    public void Bad_sizes_are_refused(string sizes)
    {
        var (exit, _, err) = Run("validate", ThisAssembly, "--sizes", sizes);

        Assert.NotEqual(0, exit);
        Assert.Contains("--sizes", err);
    }

    /// <summary>A directory as the report was found only after every method was measured, as File.Move's "already exists".</summary>
    [Fact]
    public void A_report_path_that_is_a_directory_is_refused_before_measuring()
    {
        var (exit, output, err) = Run("validate", ThisAssembly, "--method", "SumSpan", "--sizes", "4", "--warmup", "0", "--out", Directory);

        Assert.Equal(1, exit);
        Assert.Contains($"cannot write '{Directory}': it is a directory", err);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public void A_missing_report_directory_is_refused_before_measuring()
    {
        var (exit, _, err) = Run("validate", ThisAssembly, "--out", Path.Combine(Directory, "no", "r.md"));

        Assert.Equal(1, exit);
        Assert.Contains("does not exist", err);
    }

    [Fact]
    public void A_filter_that_matches_nothing_is_an_error()
    {
        var (exit, _, err) = Run("validate", ThisAssembly, "--method", "NoSuchMethod");

        Assert.Equal(1, exit);
        Assert.Contains("no [PerformanceInterface] methods matching 'NoSuchMethod'", err);
    }

    [Fact]
    public void Validates_methods_with_inputs_and_lists_the_others()
    {
        // Structural only: the sample methods run at two tiny sizes; no assertion on timings.
        string report = Path.Combine(Directory, "accuracy.md");

        var (exit, output, err) = Run("validate", ThisAssembly, "--sizes", "4,8", "--warmup", "0", "--out", report);

        Assert.True(exit == 0, err);
        Assert.Contains("Pix.Cli.Tests.SampleTargets.SumSpan: MAPE", output);
        Assert.Contains("Pix.Cli.Tests.Scaler.InstanceScale: MAPE", output);
        Assert.Contains("SampleNoInputs: not validated (no [PerformanceInputs] factory)", output);
        Assert.Contains("SampleMissingLatency: not validated (no generated LatencyOf_SampleMissingLatency", output);
        Assert.Contains("predicted 14.0 ns", err); // SumSpan at size 4 on the reference profile: 10 + 4 x 1 ns
        Assert.Contains("Measured as:      the latency of one call (each call fenced off from the next with LFENCE", output);

        string markdown = File.ReadAllText(report);
        Assert.Contains("| `Pix.Cli.Tests.SampleTargets.SumSpan` | 2 |", markdown);
        Assert.Contains("Measured: the latency of one call", markdown);
        Assert.Contains("## Not validated", markdown);
        Assert.Contains("![predicted vs measured](accuracy.svg)", markdown);
        string svg = File.ReadAllText(Path.ChangeExtension(report, ".svg"));
        Assert.StartsWith("<svg ", svg);
        Assert.Contains("SumSpan predicted", svg);
    }

    [Fact]
    public void The_first_size_is_measured_twice_and_only_the_second_kept()
    {
        // Structural only: the method's first measurement is announced as dropped, once, and the
        // report still has one row per size.
        string report = Path.Combine(Directory, "first-size.md");

        var (exit, _, err) = Run("validate", ThisAssembly, "--sizes", "4,8", "--warmup", "0", "--method", "SumSpan", "--out", report);

        Assert.True(exit == 0, err);
        string[] sizeFour = err.Split('\n').Where(l => l.Contains("SumSpan, size 4:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, sizeFour.Length);
        Assert.EndsWith("(the method's first measurement, not kept)", sizeFour[0].TrimEnd());
        Assert.DoesNotContain("not kept", sizeFour[1]);
        Assert.DoesNotContain("size 8: measured", err.Split('\n').Where(l => l.Contains("not kept", StringComparison.Ordinal)).Single());
        Assert.Contains("| `Pix.Cli.Tests.SampleTargets.SumSpan` | 2 |", File.ReadAllText(report));
    }

    [Fact]
    public void A_second_pass_measures_every_size_again()
    {
        // Structural only: pass 2 is announced for each size, and a third pass only for sizes whose
        // measurements disagreed (which depends on the machine, so only its form is checked).
        var (exit, _, err) = Run("validate", ThisAssembly, "--sizes", "4,8", "--warmup", "0", "--method", "SumSpan", "--passes", "2");

        Assert.True(exit == 0, err);
        Assert.Contains("SumSpan, size 4, pass 2: measured", err);
        Assert.Contains("SumSpan, size 8, pass 2: measured", err);
        Assert.DoesNotContain("pass 4", err);
        Assert.All(
            err.Split('\n').Where(l => l.Contains("pass 3", StringComparison.Ordinal)),
            l => Assert.Contains("(measurements disagreed)", l));
    }

    [Fact]
    public void One_pass_measures_each_size_once()
    {
        var (exit, _, err) = Run("validate", ThisAssembly, "--sizes", "4,8", "--warmup", "0", "--method", "SumSpan", "--passes", "1");

        Assert.True(exit == 0, err);
        Assert.DoesNotContain(", pass ", err);
    }

    [Fact]
    public void The_machines_state_is_printed_per_method_and_in_the_reports_table()
    {
        // Structural only: the probe's figures are timings; what is checked is that they are there, per method and in the table.
        string report = Path.Combine(Directory, "machine.md");

        var (exit, output, err) = Run("validate", ThisAssembly, "--sizes", "4", "--warmup", "0", "--method", "SumSpan", "--passes", "1", "--out", report);

        Assert.True(exit == 0, err);
        string[] lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        int method = Array.FindIndex(lines, l => l.StartsWith("Pix.Cli.Tests.SampleTargets.SumSpan: MAPE", StringComparison.Ordinal));
        Assert.StartsWith("Machine before: factor ", lines[method + 1]);
        Assert.StartsWith("Machine after:  factor ", lines[method + 2]);
        Assert.Contains("chase 256 KiB ", lines[method + 1]);
        Assert.Contains(Commands.ValidateCommand.MachineStateLegend, lines);

        string markdown = File.ReadAllText(report);
        Assert.Contains("| median CV | machine before -> after |", markdown);
        Assert.Matches(@"\| `Pix\.Cli\.Tests\.SampleTargets\.SumSpan` \| 1 \|.*\| \d+\.\d\d \(\d+\.\d\d–\d+\.\d\d\) -> \d+\.\d\d \(\d+\.\d\d–\d+\.\d\d\) \|", markdown);
        Assert.Contains("Machine before the sweep: factor ", markdown);
        Assert.Contains(Commands.ValidateCommand.MachineStateLegend, markdown);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("two")]
    public void Bad_passes_are_refused(string passes)
    {
        var (exit, _, err) = Run("validate", ThisAssembly, "--passes", passes);

        Assert.NotEqual(0, exit);
        Assert.Contains("--passes takes a whole number from 1 to 5", err);
    }

    [Fact]
    public void Throughput_times_calls_back_to_back_and_says_so()
    {
        string report = Path.Combine(Directory, "throughput.md");

        var (exit, output, err) = Run("validate", ThisAssembly, "--sizes", "4,8", "--warmup", "0", "--method", "SumSpan", "--throughput", "--out", report);

        Assert.True(exit == 0, err);
        Assert.Contains("Measured as:      calls back to back, as BenchmarkDotNet times them", output);
        string markdown = File.ReadAllText(report);
        Assert.Contains("Measured: calls back to back", markdown);
        Assert.Contains("--throughput`", markdown);
    }

    [Fact]
    public void Without_sizes_the_default_sweep_runs()
    {
        var (exit, _, err) = Run("validate", ThisAssembly, "--warmup", "0", "--method", "SumSpan");

        Assert.True(exit == 0, err);
        Assert.Contains("SumSpan, size 16:", err);
        Assert.Contains("SumSpan, size 65536:", err);
        Assert.DoesNotContain("accuracy claims want", err);
    }

    [Fact]
    public void A_method_that_throws_is_reported_and_the_sweep_goes_on()
    {
        var (exit, output, _) = Run("validate", ThisAssembly, "--sizes", "4,8", "--warmup", "0", "--method", "Throws");

        Assert.Equal(0, exit);
        Assert.Contains("SampleTargets.Throws: not validated (Throws threw InvalidOperationException at size 8: too long)", output);
    }

    [Fact]
    public void A_factory_returning_too_few_values_is_reported_per_method()
    {
        var (exit, output, _) = Run("validate", ThisAssembly, "--sizes", "4", "--warmup", "0", "--method", "BrokenFactory");

        Assert.Equal(0, exit);
        Assert.Contains("not validated (BrokenInputs returned 0 values; BrokenFactory needs 1)", output);
    }

    [Fact]
    public void A_factory_of_several_input_sets_is_called_in_turn_and_predicted_by_their_mean()
    {
        var (exit, output, err) = Run("validate", ThisAssembly, "--sizes", "4", "--warmup", "0", "--method", "FindFirst");

        Assert.True(exit == 0, err);
        Assert.Contains("Pix.Cli.Tests.SampleTargets.FindFirst: MAPE", output);
        Assert.Contains("FindFirst, size 4: predicted 20.0 ns", err);
        Assert.Contains("2 input sets called in a random order", err);
    }
}
