using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;

namespace Quickstart;

/// <summary>
/// The interfaces as the generator wrote them: the build copies the generated files to
/// <c>interfaces/</c> beside the program (see Quickstart.csproj), and this reads the summary of each
/// <c>LatencyOf_X</c>, which states its formula on the reference profile.
/// </summary>
internal sealed class GeneratedInterfaces
{
    private readonly string[] _lines;

    private GeneratedInterfaces(string[] lines) => _lines = lines;

    /// <summary>Where the build put the generated files.</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "interfaces");

    /// <summary>Reads every generated file; empty when the build copied none.</summary>
    public static GeneratedInterfaces Load() =>
        new(System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "*.cs").OrderBy(f => f, StringComparer.Ordinal).SelectMany(File.ReadLines).ToArray()
            : Array.Empty<string>());

    /// <summary>
    /// The text of the <c>/// &lt;summary&gt;</c> above <paramref name="companion"/> (e.g.
    /// <c>LatencyOf_Fnv1a</c>), e.g. <c>≈ 12 ns + 1.1 ns × data.Length on the reference profile</c>.
    /// </summary>
    public string? Summary(string companion)
    {
        int declaration = Declaration(companion);
        if (declaration < 0)
        {
            return null;
        }

        int end = Array.FindLastIndex(_lines, declaration, l => l.Trim() == "/// </summary>");
        int start = end < 0 ? -1 : Array.FindLastIndex(_lines, end, l => l.Trim() == "/// <summary>");
        if (start < 0)
        {
            return null;
        }

        string text = string.Join(" ", _lines[(start + 1)..end].Select(l => l.Trim().TrimStart('/').Trim()));

        // "Predicted latency of <see cref="M"/>: formula." → "formula"
        int colon = text.IndexOf("/>: ", StringComparison.Ordinal);
        text = colon >= 0 ? text[(colon + 4)..] : text;
        return WebUtility.HtmlDecode(text.TrimEnd('.'));
    }

    /// <summary>The performance-critical variables documented on <paramref name="companion"/>, in parameter order.</summary>
    public IEnumerable<string> Pcvs(string companion)
    {
        const string Marker = "Performance-critical variable: ";
        int declaration = Declaration(companion);
        int summary = declaration < 0 ? -1 : Array.FindLastIndex(_lines, declaration, l => l.Trim() == "/// <summary>");
        for (int i = Math.Max(summary, 0); i < declaration; i++)
        {
            // /// <param name="matchIndex">Performance-critical variable: what it counts; bound: …</param>
            string line = _lines[i];
            int at = line.IndexOf(Marker, StringComparison.Ordinal);
            int name = line.IndexOf("<param name=\"", StringComparison.Ordinal);
            if (at >= 0 && name >= 0)
            {
                name += "<param name=\"".Length;
                string parameter = line[name..line.IndexOf('"', name)];
                yield return parameter + ": " + WebUtility.HtmlDecode(line[(at + Marker.Length)..].Replace("</param>", "").TrimEnd('.'));
            }
        }
    }

    /// <summary>The line declaring <paramref name="companion"/> (not a comment mentioning it), or -1.</summary>
    private int Declaration(string companion) =>
        Array.FindIndex(_lines, l => l.Contains(" " + companion + "(", StringComparison.Ordinal) && !l.TrimStart().StartsWith("//", StringComparison.Ordinal));
}
