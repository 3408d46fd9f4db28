using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Pix.Corpus;

/// <summary>
/// Every method's extraction time, GC pause and allocation in both timed runs as tab-separated text
/// (<c>--times</c>): to see which methods make the tail of the distribution and whether their time is
/// pauses or work, and to compare two builds of the extractor method by method.
/// </summary>
internal static class TimingText
{
    public static void Write(IReadOnlyList<MethodOutcome> first, IReadOnlyList<MethodOutcome> second, string path)
    {
        var secondByKey = second.ToDictionary(o => o.Target.Key, System.StringComparer.Ordinal);
        using var w = new StreamWriter(path);
        w.WriteLine("method\trun1_ms\trun1_gc_ms\trun1_mb\trun2_ms\trun2_gc_ms\trun2_mb");
        foreach (MethodOutcome outcome in first.OrderBy(o => o.Target.Key, System.StringComparer.Ordinal))
        {
            string again = secondByKey.TryGetValue(outcome.Target.Key, out MethodOutcome? other) ? Columns(other) : "\t\t";
            w.WriteLine($"{outcome.Target.Key}\t{Columns(outcome)}\t{again}");
        }
    }

    private static string Columns(MethodOutcome o) => string.Join(
        "\t",
        o.Elapsed.TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture),
        o.GcPause.TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture),
        (o.AllocatedBytes / 1e6).ToString("F3", CultureInfo.InvariantCulture));
}
