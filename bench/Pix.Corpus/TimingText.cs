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
        // own_*: with bottom-up summaries, the method's own summary computation without the nested ones (empty otherwise).
        w.WriteLine("method\trun1_ms\trun1_gc_ms\trun1_mb\trun2_ms\trun2_gc_ms\trun2_mb\trun1_own_ms\trun1_own_gc_ms\trun1_own_mb\trun2_own_ms\trun2_own_gc_ms\trun2_own_mb");
        foreach (MethodOutcome outcome in first.OrderBy(o => o.Target.Key, System.StringComparer.Ordinal))
        {
            secondByKey.TryGetValue(outcome.Target.Key, out MethodOutcome? other);
            string again = other is null ? "\t\t" : Columns(other);
            w.WriteLine($"{outcome.Target.Key}\t{Columns(outcome)}\t{again}\t{Own(outcome.OwnSummary)}\t{Own(other?.OwnSummary)}");
        }
    }

    private static string Columns(MethodOutcome o) => Columns(new WorkCost(o.Elapsed, o.GcPause, o.AllocatedBytes));

    private static string Own(WorkCost? own) => own is { } cost ? Columns(cost) : "\t\t";

    private static string Columns(WorkCost c) => string.Join(
        "\t",
        c.Elapsed.TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture),
        c.GcPause.TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture),
        (c.AllocatedBytes / 1e6).ToString("F3", CultureInfo.InvariantCulture));
}
