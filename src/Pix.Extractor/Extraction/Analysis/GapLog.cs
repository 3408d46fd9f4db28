using System.Collections.Generic;
using Pix.Model;

namespace Pix.Extraction.Analysis;

/// <summary>
/// The gaps a bottom-up summary's computation reported, its callees' included (<see cref="ComposedSummary.Gaps"/>), as
/// they were reported: its own gaps and, at each summary it took, that summary's log, by reference. A frame copied
/// every gap of every summary it took into its own list and key set, so a caller of large callees held all their gaps
/// again, and its caller again (a twentieth of Newtonsoft.Json's own analysis allocated). The list (each gap once by
/// kind, construct and place, the first report kept) is made only where it is read: keeping the first of each key of
/// the whole walk is what keeping the first at every level did, and a log met again in the walk adds nothing new.
/// </summary>
internal sealed class GapLog
{
    // A Gap or a GapLog, in the order reported.
    private readonly List<object> _entries = new();

    // The keys of the own gaps: one entry per gap, however often the analysis passes there (most reports are repeats).
    private HashSet<(GapKind Kind, string Construct, string FilePath, int Start, int Length)>? _ownKeys;

    public bool IsEmpty => _entries.Count == 0;

    /// <summary>A gap the computation itself reported (a repeat of an own gap is dropped here).</summary>
    public void Add(Gap gap)
    {
        if ((_ownKeys ??= new()).Add(KeyOf(gap)))
        {
            _entries.Add(gap);
        }
    }

    /// <summary>Every gap of <paramref name="taken"/>, a summary the computation took, reported here.</summary>
    public void Add(GapLog taken)
    {
        if (!taken.IsEmpty)
        {
            _entries.Add(taken);
        }
    }

    /// <summary>
    /// The gaps in the order first reported, with repeats where a repeat is cheaper to pass on than to find: a reader
    /// that keeps the first of each key (<see cref="Distinct"/>, the session's list) gets the same list as from a copy.
    /// </summary>
    public IEnumerable<Gap> InOrder()
    {
        var visited = new HashSet<GapLog>(SameInstance<GapLog>.Comparer) { this };

        // Depth first, each log's entries in order, without recursion (a chain of summaries can be deep).
        var pending = new Stack<(GapLog Log, int Next)>();
        pending.Push((this, 0));
        while (pending.Count > 0)
        {
            var (log, next) = pending.Pop();
            if (next >= log._entries.Count)
            {
                continue;
            }

            pending.Push((log, next + 1));
            switch (log._entries[next])
            {
                case Gap gap:
                    yield return gap;
                    break;
                case GapLog taken when visited.Add(taken):
                    pending.Push((taken, 0));
                    break;
            }
        }
    }

    /// <summary>Each gap once (by kind, construct and place), first report first.</summary>
    public IReadOnlyList<Gap> Distinct()
    {
        var keys = new HashSet<(GapKind Kind, string Construct, string FilePath, int Start, int Length)>();
        var gaps = new List<Gap>();
        foreach (Gap gap in InOrder())
        {
            if (keys.Add(KeyOf(gap)))
            {
                gaps.Add(gap);
            }
        }

        return gaps;
    }

    public static (GapKind Kind, string Construct, string FilePath, int Start, int Length) KeyOf(Gap gap) =>
        (gap.Kind, gap.Construct, gap.Where.FilePath, gap.Where.Start, gap.Where.Length);
}
