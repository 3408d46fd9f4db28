using System.Collections.Generic;
using System.Globalization;

namespace Pix.Samples.NetworkFunctions.Driver;

/// <summary>
/// How <c>measure</c> prints the machine's state around a workload's timed replays (<see cref="PerPacketResult.StateBefore"/>,
/// <see cref="PerPacketResult.StateAfter"/>): a column with the two factors, and under the row one line per probe with
/// every kernel's ratio and quartiles, which bench/accuracy-scoring/nf_table.py reads back.
/// </summary>
public static class MachineStateReport
{
    /// <summary>What the column and the lines under each row mean, for the table's preamble.</summary>
    public const string Legend =
        "machine = the machine's state against the profile just before -> just after the timed replays (MachineState.Probe): the calibration's chain kernels timed now "
        + "over what the profile prices them, geometric mean; 1.00 = as priced, 1.30 = 30% slower. Under each row, every kernel's ratio (quartiles over the probe's rounds). Reported, never applied";

    /// <summary>The column: "1.04->1.10" ("-" for a probe without a factor); "-" when the state was not probed.</summary>
    public static string Column(PerPacketResult result) =>
        result.StateBefore is null && result.StateAfter is null ? "-" : Factor(result.StateBefore) + "->" + Factor(result.StateAfter);

    /// <summary>The lines under the row: "    machine before: factor 1.08 (1.05–1.11) over 9 rounds: alu chain 1.00 (0.99–1.02), …" and the same after.</summary>
    public static IEnumerable<string> Lines(PerPacketResult result)
    {
        if (result.StateBefore is { } before)
        {
            yield return "    machine before: " + before;
        }

        if (result.StateAfter is { } after)
        {
            yield return "    machine after:  " + after;
        }
    }

    private static string Factor(MachineState? state) =>
        state?.Factor is { } factor ? factor.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
