using System;
using System.Collections.Generic;
using Pix.Calibration;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>
/// The placement-sensitive kernels timed in several processes (<see cref="ProcessSample"/>): each process's figure is the
/// mean over its copies, the class's the mean over processes (<see cref="ProcessAverage"/>), and a process that ran in
/// another deployment than the calibrating one is not counted.
/// </summary>
public sealed class ProcessAverageTests
{
    private const string Runtime = ".NET 10.0.0 (X64)";
    private const string Jit = "TieredCompilation=1 (default), TieredPGO=1 (default)";

    private static ProcessSample Sample(double[] append, double[] exit, double[] alu) => new(append, exit, alu, Runtime, Jit);

    [Fact]
    public void Each_class_is_the_mean_over_processes_of_each_processs_mean_over_its_copies()
    {
        // Three processes: the second drew a slow append placement in two of its copies, the third the ALU chain's slow speed.
        ProcessSample[] samples =
        {
            Sample(new[] { 1.9, 1.9, 1.9, 1.9 }, new[] { 8.0, 8.2, 8.1, 7.9 }, new[] { 4.4, 4.4, 4.4, 4.4 }),
            Sample(new[] { 1.9, 2.5, 1.9, 2.5 }, new[] { 8.4, 1.0, 8.0, 8.2 }, new[] { 4.4, 4.5, 4.4, 4.5 }),
            Sample(new[] { 2.0, 2.0, 2.0, 2.0 }, new[] { 8.0, 8.0, 8.0, 8.0 }, new[] { 6.2, 6.2, 6.1, 6.3 }),
        };

        ProcessAverage average = ProcessAverage.Of(samples)!;

        Assert.Equal(3, average.Processes);
        Assert.Equal((1.9 + 2.2 + 2.0) / 3, average.AppendNs, 12);
        Assert.Equal((8.05 + 6.4 + 8.0) / 3, average.LoopExitDifferenceNs, 12);
        Assert.Equal((4.4 + 4.45 + 6.2) / 3, average.AluChainNs, 12);
    }

    [Fact]
    public void The_mean_not_the_median_of_processes_counts_a_slow_draw_at_its_share()
    {
        // One process in four slow: the median would price every user's code at the fast speed.
        var samples = new List<ProcessSample>();
        foreach (double alu in new[] { 4.4, 4.4, 4.4, 6.4 })
        {
            samples.Add(Sample(new[] { 2.0 }, new[] { 8.0 }, new[] { alu }));
        }

        Assert.Equal(4.9, ProcessAverage.Of(samples)!.AluChainNs, 12);
    }

    [Fact]
    public void No_process_is_no_average()
    {
        Assert.Null(ProcessAverage.Of(Array.Empty<ProcessSample>()));
    }

    [Fact]
    public void A_process_in_another_deployment_is_named_and_one_in_the_same_is_not()
    {
        ProcessSample sample = Sample(new[] { 2.0 }, new[] { 8.0 }, new[] { 4.4 });

        Assert.Null(sample.DeploymentDifference(Runtime, Jit));
        Assert.Contains("TieredCompilation=0", sample.DeploymentDifference(Runtime, "TieredCompilation=0, TieredPGO=1 (default)"));
        Assert.Contains(".NET 9", sample.DeploymentDifference(".NET 9.0.1 (X64)", Jit));
    }

    [Fact]
    public void The_child_protocol_reads_back_what_it_wrote()
    {
        ProcessSample sample = Sample(new[] { 1.93, 2.51 }, new[] { 8.1, -0.4 }, new[] { 4.36, 6.2 });

        Assert.True(ProcessSampleJson.TryParse(ProcessSampleJson.Write(sample), out ProcessSample? read, out string reason), reason);

        Assert.Equal(sample.AppendNs, read!.AppendNs);
        Assert.Equal(sample.LoopExitDifferenceNs, read.LoopExitDifferenceNs);
        Assert.Equal(sample.AluChainNs, read.AluChainNs);
        Assert.Equal(Runtime, read.Runtime);
        Assert.Equal(Jit, read.JitSettings);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("Unhandled exception. System.InvalidOperationException: boom", "not JSON")]
    [InlineData("{\"format\":\"something else\",\"version\":1}", "format")]
    [InlineData("{\"format\":\"pix-placement-kernels\",\"version\":2,\"runtime\":\"r\",\"jitSettings\":\"j\",\"appendNs\":[1],\"loopExitDifferenceNs\":[1],\"aluChainNs\":[1]}", "version")]
    [InlineData("{\"format\":\"pix-placement-kernels\",\"version\":1,\"runtime\":\"r\",\"jitSettings\":\"j\",\"appendNs\":[1],\"loopExitDifferenceNs\":[1]}", "aluChainNs")]
    [InlineData("{\"format\":\"pix-placement-kernels\",\"version\":1,\"runtime\":\"r\",\"jitSettings\":\"j\",\"appendNs\":[],\"loopExitDifferenceNs\":[1],\"aluChainNs\":[1]}", "appendNs")]
    [InlineData("{\"format\":\"pix-placement-kernels\",\"version\":1,\"runtime\":\"r\",\"jitSettings\":\"j\",\"appendNs\":[0],\"loopExitDifferenceNs\":[1],\"aluChainNs\":[1]}", "appendNs")]
    [InlineData("{\"format\":\"pix-placement-kernels\",\"version\":1,\"runtime\":\"r\",\"jitSettings\":\"j\",\"appendNs\":[1],\"loopExitDifferenceNs\":[\"x\"],\"aluChainNs\":[1]}", "loopExitDifferenceNs")]
    [InlineData("{\"format\":\"pix-placement-kernels\",\"version\":1,\"runtime\":\"r\",\"jitSettings\":\"j\",\"appendNs\":[1],\"loopExitDifferenceNs\":[1],\"aluChainNs\":[1e400]}", "1e400")]
    public void Bad_child_output_is_refused_with_a_reason_never_an_exception(string text, string reasonMentions)
    {
        Assert.False(ProcessSampleJson.TryParse(text, out ProcessSample? sample, out string reason));
        Assert.Null(sample);
        Assert.Contains(reasonMentions, reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_child_protocol_takes_the_last_line_so_runtime_chatter_before_it_does_not_break_it()
    {
        ProcessSample sample = Sample(new[] { 2.0 }, new[] { 8.0 }, new[] { 4.4 });
        string text = "Warning: something the runtime printed\n" + ProcessSampleJson.Write(sample) + "\n";

        Assert.True(ProcessSampleJson.TryParse(text, out ProcessSample? read, out string reason), reason);
        Assert.Equal(new[] { 4.4 }, read!.AluChainNs);
    }
}
