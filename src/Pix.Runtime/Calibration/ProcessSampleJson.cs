using System;
using System.Collections.Generic;
using System.Linq;
using Pix.Json;

namespace Pix.Calibration;

/// <summary>
/// The child protocol of <c>pix calibrate</c>: a child (<c>pix calibrate-kernels</c>) writes its <see cref="ProcessSample"/> as
/// one line of JSON on standard output, the last line it writes; the parent reads it back. Reading never throws: output
/// that is not such a line (a crash's stack trace, a truncated line, a figure that is not a positive finite number) is
/// refused with a reason, and the parent falls back to its own figure.
/// </summary>
internal static class ProcessSampleJson
{
    /// <summary>The protocol's name, first in every line.</summary>
    public const string Format = "pix-placement-kernels";

    /// <summary>Its version: a parent refuses another (a child of another pix build).</summary>
    public const int Version = 1;

    /// <summary>The sample as one line of JSON (no line break inside).</summary>
    public static string Write(ProcessSample sample)
    {
        var w = new JsonWriter();
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteNumber("version", Version);
        w.WriteString("runtime", sample.Runtime);
        w.WriteString("jitSettings", sample.JitSettings);
        WriteArray(w, "appendNs", sample.AppendNs);
        WriteArray(w, "loopExitDifferenceNs", sample.LoopExitDifferenceNs);
        WriteArray(w, "aluChainNs", sample.AluChainNs);
        w.WriteEndObject();
        // One line: the writer indents, and a quoted string holds no raw line break, so joining its lines is safe.
        return string.Concat(w.ToString().Split('\n').Select(l => l.TrimStart()));
    }

    /// <summary>Reads the last non-empty line of <paramref name="output"/> as a sample; false, with a reason, when it is not one.</summary>
    public static bool TryParse(string output, out ProcessSample? sample, out string reason)
    {
        sample = null;
        string line = LastLine(output ?? string.Empty);
        if (line.Length == 0)
        {
            reason = "it wrote nothing (empty output)";
            return false;
        }

        try
        {
            JsonFields root = JsonFields.Root(JsonReader.Parse(line, "child output", new JsonReaderOptions { MaxLength = 64 * 1024, MaxDepth = 4 }), "child output", "the child's timings");
            if (root.OptionalString("format") != Format)
            {
                reason = $"its last line is not of the format {Format}: {Shorten(line)}";
                return false;
            }

            long version = root.RequireInteger("version");
            if (version != Version)
            {
                reason = $"it speaks version {version} of {Format}, this pix {Version}";
                return false;
            }

            sample = new ProcessSample(
                Figures(root, "appendNs", positive: true),
                Figures(root, "loopExitDifferenceNs", positive: false),
                Figures(root, "aluChainNs", positive: true),
                root.RequireString("runtime"),
                root.RequireString("jitSettings"));
            reason = string.Empty;
            return true;
        }
        catch (JsonFormatException e)
        {
            reason = $"its last line is not JSON of {Format} ({e.Reason}): {Shorten(line)}";
            return false;
        }
    }

    private static void WriteArray(JsonWriter w, string name, IReadOnlyList<double> values)
    {
        w.WritePropertyName(name).WriteStartArray();
        foreach (double v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    /// <summary>A non-empty array of finite numbers (positive ones when <paramref name="positive"/>): one figure a copy.</summary>
    private static double[] Figures(JsonFields root, string name, bool positive)
    {
        JsonArray array = root.RequireArray(name);
        if (array.Items.Count == 0)
        {
            throw root.Error(array, name, "no figure (an empty array)");
        }

        var figures = new double[array.Items.Count];
        for (int i = 0; i < figures.Length; i++)
        {
            if (array.Items[i] is not JsonNumber { Value: var v } || double.IsNaN(v) || double.IsInfinity(v) || (positive && v <= 0))
            {
                throw root.Error(array.Items[i], $"{name}[{i}]", positive ? "not a positive finite number" : "not a finite number");
            }

            figures[i] = v;
        }

        return figures;
    }

    private static string LastLine(string output)
    {
        string[] lines = output.Split('\n');
        for (int i = lines.Length - 1; i >= 0; i--)
        {
            string line = lines[i].Trim();
            if (line.Length > 0)
            {
                return line;
            }
        }

        return string.Empty;
    }

    private static string Shorten(string line) => line.Length <= 120 ? line : line.Substring(0, 117) + "...";
}
