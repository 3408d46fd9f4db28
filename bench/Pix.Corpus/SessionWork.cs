using System.Globalization;
using System.Linq;
using Pix.Extraction.Analysis;

namespace Pix.Corpus;

/// <summary>
/// What one extraction's depth-bounded session did, by count (<see cref="SessionCounts"/>): operations walked and
/// replayed, summaries memoised, replayed and analysed (again), replay checks and the events they read. Counts do not
/// move with the machine's load, so two builds compare by them first.
/// </summary>
internal readonly record struct SessionWork(
    long Walked, long ReplayedOperations, long Memoised, long Replayed, long Analysed, long AnalysedAgain, long NotRecorded,
    long Checks, long ChecksFailed, long CheckEvents)
{
    public static readonly string[] Names =
        ["walked_ops", "replayed_ops", "memoised", "replayed", "analysed", "analysed_again", "not_recorded", "checks", "checks_failed", "check_events"];

    public static SessionWork Of(SessionCounts c) => new(
        c.OperationsWalked, c.OperationsReplayed, c.Memoised, c.Replayed, c.Analysed, c.AnalysedAgain, c.NotRecorded,
        c.ReplayChecks, c.ReplayChecksFailed, c.ReplayCheckEvents);

    public static SessionWork operator -(SessionWork a, SessionWork b) => new(
        a.Walked - b.Walked, a.ReplayedOperations - b.ReplayedOperations, a.Memoised - b.Memoised, a.Replayed - b.Replayed,
        a.Analysed - b.Analysed, a.AnalysedAgain - b.AnalysedAgain, a.NotRecorded - b.NotRecorded, a.Checks - b.Checks,
        a.ChecksFailed - b.ChecksFailed, a.CheckEvents - b.CheckEvents);

    public string Columns() => string.Join(
        "\t",
        new[] { Walked, ReplayedOperations, Memoised, Replayed, Analysed, AnalysedAgain, NotRecorded, Checks, ChecksFailed, CheckEvents }
            .Select(v => v.ToString(CultureInfo.InvariantCulture)));
}
