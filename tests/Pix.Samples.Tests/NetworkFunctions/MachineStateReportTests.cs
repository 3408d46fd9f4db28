using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Pix.Samples.NetworkFunctions.Driver;
using Pix.Samples.NetworkFunctions.Workloads;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>Redirects the process's console: no other test may run beside it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console";
}

/// <summary>
/// The driver's <c>measure</c> reports the machine's state around each workload's timed replays: a column with the two
/// factors and a line per probe under the row (what bench/accuracy-scoring/nf_table.py reads). Structure only: no
/// assertion on a timing.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class MachineStateReportTests
{
    private static readonly Regex Column = new(@"^\d+\.\d\d->\d+\.\d\d$");

    [Fact]
    public void A_measurement_asked_for_the_state_probes_it_before_and_after_the_replays()
    {
        PerPacketResult result = PerPacketMeasurement.Run(ScenarioCatalog.Create("policer", "typical"), TimeSpan.Zero, 1, stateAgainst: HardwareProfile.Reference);

        Assert.NotNull(result.StateBefore);
        Assert.NotNull(result.StateAfter);
        Assert.Matches(Column, MachineStateReport.Column(result));
        string[] lines = MachineStateReport.Lines(result).ToArray();
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("    machine before: factor ", lines[0]);
        Assert.StartsWith("    machine after:  factor ", lines[1]);
        Assert.Contains("chase 2 MiB ", lines[0]);
        Assert.Contains("alu chain ", lines[1]);
    }

    [Fact]
    public void A_measurement_not_asked_for_the_state_reports_none()
    {
        PerPacketResult result = PerPacketMeasurement.Run(ScenarioCatalog.Create("policer", "typical"), TimeSpan.Zero, 1);

        Assert.Null(result.StateBefore);
        Assert.Equal("-", MachineStateReport.Column(result));
        Assert.Empty(MachineStateReport.Lines(result));
    }

    [Fact]
    public void Measure_prints_the_state_in_its_row_and_the_kernels_under_it()
    {
        TextWriter console = Console.Out;
        var output = new StringWriter();
        int exit;
        try
        {
            Console.SetOut(output);
            exit = (int)typeof(MachineStateReport).Assembly.EntryPoint!.Invoke(null, new object[] { new[] { "measure", "policer", "typical", "--warmup-ms", "0", "--repetitions", "1" } })!;
        }
        finally
        {
            Console.SetOut(console);
        }

        string[] lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal(0, exit);
        Assert.Contains(MachineStateReport.Legend, lines);
        Assert.Contains(lines, l => l.StartsWith("nf ", StringComparison.Ordinal) && l.Contains(" shared machine ", StringComparison.Ordinal));
        int row = Array.FindIndex(lines, l => l.StartsWith("policer   typical", StringComparison.Ordinal));
        Assert.True(row >= 0, output.ToString());
        Assert.Matches(@" \d/1 \d+\.\d\d->\d+\.\d\d ", lines[row]);
        Assert.StartsWith("    machine before: factor ", lines[row + 1]);
        Assert.StartsWith("    machine after:  factor ", lines[row + 2]);
    }
}
