using System;
using System.Globalization;

namespace Pix.Corpus;

/// <summary>
/// The collector's counters at one moment: collections by generation and how many of them were full blocking ones. The
/// difference of two says which collections fell into a call (<see cref="MethodOutcome.Collections"/>): a pause of
/// 100 ms or more is a full blocking collection or an ephemeral one that promoted much, and which of the two tells
/// whether the heap the run keeps alive is what it pays for (docs/robustness.md, "Twenty-seventh session: what a second
/// run's heap holds").
/// </summary>
/// <param name="FullBlocking">
/// Of a moment, the index (among all collections) of the last full blocking one; of a difference, 1 when a full blocking
/// collection fell between the two moments and 0 otherwise (the runtime gives the last one's index, not a count).
/// </param>
internal readonly record struct GcState(int All, int Gen1, int Gen2, long FullBlocking)
{
    public static GcState Now() => new(
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetGCMemoryInfo(GCKind.FullBlocking).Index);

    public static GcState operator -(GcState a, GcState b) => new(a.All - b.All, a.Gen1 - b.Gen1, a.Gen2 - b.Gen2, a.FullBlocking != b.FullBlocking ? 1 : 0);

    /// <summary>
    /// One line for a run's end: its collections by generation and the heap as the last collection left it (what it
    /// kept alive: the run's compilation and anything earlier runs left reachable).
    /// </summary>
    public static string Describe(GcState during)
    {
        GCMemoryInfo last = GC.GetGCMemoryInfo(GCKind.Any);
        GCMemoryInfo full = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        GCMemoryInfo background = GC.GetGCMemoryInfo(GCKind.Background);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"gc: {during.All} collections, {during.Gen1} of gen 1 or 2, {during.Gen2} of gen 2 ({(during.FullBlocking == 0 ? "none" : "at least one")} full blocking); "
            + $"heap after the last (gen {last.Generation}) {last.HeapSizeBytes / 1e6:F0} MB, {last.PromotedBytes / 1e6:F0} MB promoted by it; "
            + $"the last gen 2: background left {background.HeapSizeBytes / 1e6:F0} MB (#{background.Index}), full blocking left {full.HeapSizeBytes / 1e6:F0} MB (#{full.Index}, "
            + $"paused {full.PauseDurations[0].TotalMilliseconds:F1} ms)");
    }
}
