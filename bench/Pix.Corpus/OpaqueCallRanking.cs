using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Pix.Model;

namespace Pix.Corpus;

/// <summary>
/// Ranks the calls Pix prices as opaque terms (no model, no source body: the BCL, interfaces of other
/// assemblies) by what a model of each would buy: the methods whose interface the call leaves incomplete,
/// and the methods it alone leaves incomplete (every gap they have is that call), which a model of that
/// call would make complete. This is the list that says which library model to write next.
/// </summary>
internal static class OpaqueCallRanking
{
    private const string CallTo = "call to ";

    public static void Write(IReadOnlyList<InterfaceModel> models, TextWriter w, int top = 15)
    {
        var rows = Rank(models.Select(m => (IReadOnlyList<Gap>)m.Gaps)).Take(top).ToList();
        w.WriteLine($"| top {top} opaque calls (OpaqueCall gap) | methods | complete if modelled alone |");
        w.WriteLine("|---|---:|---:|");
        foreach (Row row in rows)
        {
            w.WriteLine($"| {row.Target.Replace("|", "\\|")} | {row.Methods:N0} | {row.Alone:N0} |");
        }

        w.WriteLine();
    }

    /// <summary>The ranking over each method's gaps: by methods completed, then by methods touched.</summary>
    public static IEnumerable<Row> Rank(IEnumerable<IReadOnlyList<Gap>> methodGaps)
    {
        var methods = new Dictionary<string, int>(StringComparer.Ordinal);
        var alone = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (IReadOnlyList<Gap> gaps in methodGaps)
        {
            var targets = gaps.Select(TargetOf).Distinct(StringComparer.Ordinal).ToList();
            foreach (string target in targets.OfType<string>())
            {
                methods[target] = methods.GetValueOrDefault(target) + 1;
            }

            if (targets is [{ } only])
            {
                alone[only] = alone.GetValueOrDefault(only) + 1;
            }
        }

        return methods
            .Select(p => new Row(p.Key, p.Value, alone.GetValueOrDefault(p.Key)))
            .OrderByDescending(r => r.Alone).ThenByDescending(r => r.Methods).ThenBy(r => r.Target, StringComparer.Ordinal);
    }

    /// <summary>The called API of an opaque-call gap, or null for any other gap (which no model removes).</summary>
    private static string? TargetOf(Gap gap) =>
        gap.Kind == GapKind.OpaqueCall && gap.Construct.StartsWith(CallTo, StringComparison.Ordinal) ? gap.Construct[CallTo.Length..] : null;

    internal sealed record Row(string Target, int Methods, int Alone);
}
