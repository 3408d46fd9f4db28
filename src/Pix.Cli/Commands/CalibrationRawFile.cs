using System.Linq;
using Pix.Json;

namespace Pix.Cli.Commands;

/// <summary>
/// <c>pix calibrate --raw F</c>: every probe's timing in every pass (<see cref="CalibrationResult.Passes"/>),
/// so that two calibrations can be compared kernel by kernel, not only class by class.
/// </summary>
/// <remarks>
/// One JSON object: the profile's machine and JIT settings, the issue rate of each pass, the highest rate probed, the
/// passes on a core of their own, the passes run past the budget waiting for one and whether the ceiling was reached, and a
/// <c>passes</c> array in the order the probes ran, each with its batches per unit (iteration, link
/// or byte) and the collections inside them.
/// </remarks>
internal static class CalibrationRawFile
{
    public static void Write(string path, CalibrationResult result)
    {
        var json = new JsonWriter().WriteStartObject()
            .WriteNumber("schema", 1)
            .WriteString("machine", result.Profile.Machine.Cpu)
            .WriteString("runtime", result.Profile.Machine.Runtime)
            .WriteString("jitSettings", result.Profile.Machine.JitSettings)
            .WriteNumber("seconds", result.Duration.TotalSeconds);

        json.WritePropertyName("issueRates").WriteStartArray();
        foreach (double rate in result.IssueRates)
        {
            json.WriteNumberValue(rate);
        }

        json.WriteEndArray();
        json.WriteNumber("quietIssueRate", result.QuietIssueRate);
        json.WriteNumber("highestIssueRate", result.HighestIssueRate);
        json.WritePropertyName("quietPasses").WriteStartArray();
        foreach (int pass in result.QuietPasses)
        {
            json.WriteNumberValue(pass);
        }

        json.WriteEndArray()
            .WriteNumber("waitingPasses", result.WaitingPasses)
            .WriteBoolean("ceilingReached", result.CeilingReached);
        json.WritePropertyName("passes").WriteStartArray();
        foreach (KernelPass pass in result.Passes)
        {
            json.WriteStartObject()
                .WriteString("name", pass.Name)
                .WriteString("kind", pass.Kind)
                .WriteNumber("pass", pass.Pass)
                .WriteNumber("units", pass.Units)
                .WriteNumber("callsPerBatch", pass.CallsPerBatch)
                .WriteNumber("medianNs", pass.MedianNs)
                .WriteNumber("gen0Collections", pass.Gen0Collections);
            json.WritePropertyName("batchNs").WriteStartArray();
            foreach (double ns in pass.BatchNs.Select(RoundForHumans))
            {
                json.WriteNumberValue(ns);
            }

            json.WriteEndArray().WriteEndObject();
        }

        json.WriteEndArray().WriteEndObject();
        AtomicFile.WriteAllText(path, json.ToString());
    }

    // Six significant digits: far below the batches' own spread, and a file a person can read.
    private static double RoundForHumans(double ns) => double.Parse(ns.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
}
