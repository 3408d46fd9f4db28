using System;
using System.Collections.Generic;
using System.IO;
using Pix.Calibration;
using Pix.Cli.Commands;

namespace Pix.Cli.Tests;

/// <summary>
/// <c>pix calibrate</c>'s child processes (<see cref="PlacementProcesses"/>): each child's timings are read back and
/// averaged; a child that fails, times out, writes something else or ran in another deployment is named on stderr and
/// left out; with no usable child the calibration keeps its in-process figures (null), never a crash.
/// </summary>
public sealed class PlacementProcessesTests
{
    private const string Runtime = ".NET 10.0.0 (X64)";
    private const string Jit = "TieredCompilation=0, TieredPGO=1 (default)";

    private static string Line(double append, double exit, double alu, string jit = Jit) =>
        ProcessSampleJson.Write(new ProcessSample(new[] { append, append }, new[] { exit, exit }, new[] { alu, alu }, Runtime, jit));

    private static (ProcessAverage? Average, string Log) Run(params ChildRun[] children)
    {
        var queue = new Queue<ChildRun>(children);
        var log = new StringWriter();
        ProcessAverage? average = PlacementProcesses.Run(children.Length, () => queue.Dequeue(), Runtime, Jit, log);
        return (average, log.ToString());
    }

    [Fact]
    public void The_children_s_figures_are_averaged()
    {
        (ProcessAverage? average, string log) = Run(
            new ChildRun(0, Line(2.0, 8.0, 4.4), "", TimedOut: false, Seconds: 0.8),
            new ChildRun(0, Line(2.4, 7.0, 6.2), "", TimedOut: false, Seconds: 0.8));

        Assert.NotNull(average);
        Assert.Equal(2, average!.Processes);
        Assert.Equal(2.2, average.AppendNs, 12);
        Assert.Equal(7.5, average.LoopExitDifferenceNs, 12);
        Assert.Equal(5.3, average.AluChainNs, 12);
        Assert.DoesNotContain("left out", log);
    }

    [Fact]
    public void A_failing_child_is_named_and_left_out_and_the_others_count()
    {
        (ProcessAverage? average, string log) = Run(
            new ChildRun(0, Line(2.0, 8.0, 4.4), "", TimedOut: false, Seconds: 0.8),
            new ChildRun(134, "", "Unhandled exception. System.OutOfMemoryException", TimedOut: false, Seconds: 0.3),
            new ChildRun(null, "", "", TimedOut: true, Seconds: 10),
            new ChildRun(0, "hello", "", TimedOut: false, Seconds: 0.5),
            new ChildRun(0, Line(9.0, 9.0, 9.0, jit: "TieredCompilation=1 (default), TieredPGO=1 (default)"), "", TimedOut: false, Seconds: 0.8));

        Assert.Equal(1, average!.Processes);
        Assert.Equal(4.4, average.AluChainNs, 12);
        Assert.Contains("child 2 of 5 left out: it exited with code 134 (Unhandled exception. System.OutOfMemoryException)", log);
        Assert.Contains("child 3 of 5 left out: it did not finish", log);
        Assert.Contains("child 4 of 5 left out: its last line is not JSON", log);
        Assert.Contains("child 5 of 5 left out: it ran with TieredCompilation=1 (default)", log);
    }

    [Fact]
    public void With_no_usable_child_the_calibration_keeps_its_in_process_figures_and_says_so()
    {
        (ProcessAverage? average, string log) = Run(
            new ChildRun(null, "", "", TimedOut: false, Seconds: 0, StartError: "no such file"),
            new ChildRun(1, "", "", TimedOut: false, Seconds: 0.1));

        Assert.Null(average);
        Assert.Contains("child 1 of 2 left out: it could not be started (no such file)", log);
        Assert.Contains("timed in this process alone", log);
    }

    [Fact]
    public void A_child_that_cannot_be_started_is_a_failed_child_not_an_exception()
    {
        ChildRun run = ChildProcess.Run(Path.Combine(Path.GetTempPath(), "pix-no-such-program-" + Guid.NewGuid().ToString("N")), Array.Empty<string>(), TimeSpan.FromSeconds(5));

        Assert.NotNull(run.StartError);
        Assert.Null(run.ExitCode);
    }

    [Fact]
    public void A_child_that_runs_too_long_is_stopped_at_its_timeout()
    {
        ChildRun run = ChildProcess.Run("/bin/sleep", new[] { "30" }, TimeSpan.FromMilliseconds(300));

        Assert.True(run.TimedOut);
        Assert.True(run.Seconds < 10, $"took {run.Seconds} s");
    }

    [Fact]
    public void The_hidden_subcommand_is_not_listed_in_help()
    {
        var output = new StringWriter();
        PixCommandLine.Run(new[] { "--help" }, output, new StringWriter());

        Assert.DoesNotContain(CalibrateKernelsCommand.Name, output.ToString());
        Assert.Contains("calibrate", output.ToString());
    }
}
