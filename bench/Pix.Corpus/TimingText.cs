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
        // bind_*: the compiler's binding of the bodies the extraction read, all readers (BindingMeter), and of them the throw-helper
        // rule's (throwbind_ms) and the call graph's (graphbind_ms); jit_*: what the JIT compiled during it, every thread (JitWork:
        // its ms overlap the binding's and include background re-compilations); gcs, gen1s, gen2s: collections during it (gen 0 and up,
        // gen 1 and up, gen 2), blocking2s: 1 when a full blocking collection fell into it (GcState). ms less bind_ms less gc_ms is Pix's analysis with its share of the JIT. The last columns count what the
        // depth-bounded session did (SessionWork): operations walked and replayed, summaries memoised, replayed, analysed.
        w.WriteLine("method\trun1_ms\trun1_gc_ms\trun1_mb\trun2_ms\trun2_gc_ms\trun2_mb\trun1_own_ms\trun1_own_gc_ms\trun1_own_mb\trun2_own_ms\trun2_own_gc_ms\trun2_own_mb"
            + "\t" + Attribution("run1") + "\t" + Attribution("run2") + "\t" + Counted("run1") + "\t" + Counted("run2"));
        foreach (MethodOutcome outcome in first.OrderBy(o => o.Target.Key, System.StringComparer.Ordinal))
        {
            secondByKey.TryGetValue(outcome.Target.Key, out MethodOutcome? other);
            string again = other is null ? "\t\t" : Columns(other);
            w.WriteLine($"{outcome.Target.Key}\t{Columns(outcome)}\t{again}\t{Own(outcome.OwnSummary)}\t{Own(other?.OwnSummary)}"
                + $"\t{Attribution(outcome)}\t{(other is null ? string.Concat(Enumerable.Repeat("\t", 10)) : Attribution(other))}"
                + $"\t{outcome.Session.Columns()}\t{(other is null ? string.Concat(Enumerable.Repeat("\t", SessionWork.Names.Length - 1)) : other.Session.Columns())}");
        }
    }

    private static string Columns(MethodOutcome o) => Columns(new WorkCost(o.Elapsed, o.GcPause, o.AllocatedBytes));

    private static string Own(WorkCost? own) => own is { } cost ? Columns(cost) : "\t\t";

    private static string Attribution(string run) =>
        string.Join("\t", new[] { "bind_ms", "bind_gc_ms", "bind_mb", "throwbind_ms", "graphbind_ms", "jit_methods", "jit_ms", "gcs", "gen1s", "gen2s", "blocking2s" }.Select(c => run + "_" + c));

    private static string Counted(string run) => string.Join("\t", SessionWork.Names.Select(c => run + "_" + c));

    private static string Attribution(MethodOutcome o) => string.Join(
        "\t",
        Columns(o.Binding.Total),
        Ms(o.Binding.ThrowRule.Elapsed),
        Ms(o.Binding.CallGraph.Elapsed),
        o.Jit.Methods.ToString(CultureInfo.InvariantCulture),
        Ms(o.Jit.Time),
        o.Collections.All.ToString(CultureInfo.InvariantCulture),
        o.Collections.Gen1.ToString(CultureInfo.InvariantCulture),
        o.Collections.Gen2.ToString(CultureInfo.InvariantCulture),
        o.Collections.FullBlocking.ToString(CultureInfo.InvariantCulture));

    private static string Ms(System.TimeSpan t) => t.TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture);

    private static string Columns(WorkCost c) => string.Join(
        "\t",
        c.Elapsed.TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture),
        c.GcPause.TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture),
        (c.AllocatedBytes / 1e6).ToString("F3", CultureInfo.InvariantCulture));
}
