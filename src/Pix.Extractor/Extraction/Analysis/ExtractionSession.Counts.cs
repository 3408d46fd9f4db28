using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Pix.Extraction.Analysis;

internal sealed partial class ExtractionSession
{
    /// <summary>
    /// Measurement only (the corpus harness, tests): counts what depth-bounded sessions did with each summary they
    /// needed (memoised, replayed, analysed) and what the replay checks cost, so that work can be compared between two
    /// builds by counts, which do not move with the machine's load as times do. Null outside measurements;
    /// process-wide, extractions measured one at a time.
    /// </summary>
    internal static SessionCounts? CountsForMeasurement { get; set; }
}

/// <summary>What depth-bounded sessions did, summed since the counts were made (<see cref="ExtractionSession.CountsForMeasurement"/>).</summary>
internal sealed class SessionCounts
{
    private readonly HashSet<IMethodSymbol> _analysed = new(SymbolEqualityComparer.Default);

    /// <summary>Operations the walk visited within the budget (replayed ones not included).</summary>
    public long OperationsWalked { get; private set; }

    /// <summary>Operations a replayed record added to the budget instead of being walked.</summary>
    public long OperationsReplayed { get; private set; }

    /// <summary>Summaries taken from the session's memo.</summary>
    public long Memoised { get; private set; }

    /// <summary>Summaries taken by replaying a record of an earlier session (nested callees' records not counted).</summary>
    public long Replayed { get; private set; }

    /// <summary>Methods analysed (their body walked) for a summary.</summary>
    public long Analysed { get; private set; }

    /// <summary>Of <see cref="Analysed"/>, methods analysed before, in this or an earlier session: the walk repeated.</summary>
    public long AnalysedAgain { get; private set; }

    /// <summary>Of <see cref="Analysed"/>, those whose record was not kept (the budget ran out, or a callee had none).</summary>
    public long NotRecorded { get; private set; }

    /// <summary>Records checked for a replay (each <c>ReplayCheck.Holds</c> at the top), and of them those that did not hold.</summary>
    public long ReplayChecks { get; private set; }

    public long ReplayChecksFailed { get; private set; }

    /// <summary>Events the replay checks read, nested callees' records included.</summary>
    public long ReplayCheckEvents { get; private set; }

    /// <summary>Replay checks that failed, by the kind of the first event whose answer differed (a callee's, for a nested record).</summary>
    public Dictionary<string, long> FailedOn { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Reads the bytes the current thread allocated so far (the extractor's target cannot), set by the harness; or null.</summary>
    public System.Func<long>? AllocatedBytes { get; set; }

    /// <summary>Bytes allocated by the outermost summaries (the extracted method's walk with its callees, binding included).</summary>
    public long BytesInSummaries { get; private set; }

    internal long BytesSoFar() => AllocatedBytes?.Invoke() ?? 0;

    internal void SummaryAllocated(long bytes) => BytesInSummaries += bytes;

    internal void FailedAt(SessionEvent e, bool callee)
    {
        string key = (callee ? "callee " : "") + e.GetType().Name + (e is SummarisedEvent s ? (s.Record is null ? " (no record)" : " (other summary memoised)") : "");
        FailedOn.TryGetValue(key, out long n);
        FailedOn[key] = n + 1;
    }

    internal void Walked() => OperationsWalked++;

    internal void AddReplayedOperations(int count) => OperationsReplayed += count;

    internal void TookMemoised() => Memoised++;

    internal void TookReplayed() => Replayed++;

    internal void AnalysedMethod(IMethodSymbol method, bool recorded)
    {
        Analysed++;
        if (!_analysed.Add(method))
        {
            AnalysedAgain++;
        }

        if (!recorded)
        {
            NotRecorded++;
        }
    }

    internal void Checked(bool held)
    {
        ReplayChecks++;
        if (!held)
        {
            ReplayChecksFailed++;
        }
    }

    internal void ReadEvent() => ReplayCheckEvents++;
}
