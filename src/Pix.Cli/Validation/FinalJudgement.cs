using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Pix.Cli.Output;

namespace Pix.Cli.Validation;

/// <summary>One size of a sweep as the final judgement sees it: every measurement taken of it, and how to measure it again.</summary>
internal sealed class SweptSize
{
    public SweptSize(string method, int size, Action call)
    {
        Method = method;
        Size = size;
        Call = call;
    }

    /// <summary>The method's name, for the progress lines.</summary>
    public string Method { get; }

    public int Size { get; }

    /// <summary>The timed call the sweep measured this size with (the same inputs, the same rotation).</summary>
    public Action Call { get; }

    /// <summary>Every measurement of the size, in the order taken (passes, then those of the final judgement).</summary>
    public List<MeasurementResult> Measurements { get; } = new();

    /// <summary>Whether no measurement of the size had a core of its own (and one at least was probed).</summary>
    public bool OnlyShared => Measurements.Count > 0 && Measurements.All(m => m.CoreShared) && Measurements.Any(m => m.IssueRate > 0);
}

/// <summary>
/// The end of a <c>pix validate</c> run: every measurement judged again against the quiet rate known then
/// (<see cref="CoreMonitor.Reference"/>), and the sizes none of whose measurements then had a core of its own measured
/// again, at most <see cref="RetriesPerSize"/> times each and while the time spent stays under a cap; a size still shared
/// after that is kept, and marked, as before.
/// </summary>
/// <remarks>
/// Why at the end: a measurement is judged against the quiet rate known when it ran, built from the readings so far, and
/// when the sibling hardware thread is busy from the start of a process the busy rate is that reference: the
/// twenty-second session's TC=0 sweep probed 3.9–4.1 in its early cluster and 4.7 later, flagged nothing, and measured
/// <c>ClosestPair</c> at 2x and <c>Multiply</c> 16–43% off; the next sweep, with the same predictions, scored 6.4% where
/// this one scored 15.3% (docs/accuracy.md). By the end of the run the reference has every reading of the process.
/// </remarks>
internal static class FinalJudgement
{
    /// <summary>
    /// How many times a size judged shared is measured again. A busy episode of the sibling thread lasts seconds to a
    /// whole sweep (docs/accuracy.md): two tries a few seconds apart catch a quiet moment when there is one soon, and do
    /// not keep a run waiting for one that is not coming.
    /// </summary>
    public const int RetriesPerSize = 2;

    /// <summary>
    /// Measuring again stops once it has taken this fraction of the sweep's own time: on a machine busy for the whole
    /// run it would otherwise grow the run by up to <see cref="RetriesPerSize"/> times, for measurements as shared as the first.
    /// </summary>
    public const double TimeCapFraction = 0.5;

    /// <summary>
    /// Judges <paramref name="sizes"/> (in place: their measurements are replaced by ones judged again and added to) and
    /// measures again those only shared; <paramref name="measure"/> measures a call (null when it failed),
    /// <paramref name="elapsed"/> is the time since the judgement began, compared with <paramref name="cap"/> before each measurement.
    /// </summary>
    public static FinalJudgementLog Run(IReadOnlyList<SweptSize> sizes, CoreMonitor core, Func<Action, MeasurementResult?> measure, Func<TimeSpan> elapsed, TimeSpan cap, TextWriter progress)
    {
        HashSet<SweptSize> sharedBefore = sizes.Where(s => s.OnlyShared).ToHashSet();
        var probedRate = new Dictionary<SweptSize, double>();
        var times = new Dictionary<SweptSize, int>();
        bool capReached = false;
        List<SweptSize>? judgedShared = null;
        List<SweptSize>? judgedOwn = null;
        for (int retry = 1; retry <= RetriesPerSize && !capReached; retry++)
        {
            JudgeAll(sizes, core.Reference);
            judgedShared ??= sizes.Where(s => s.OnlyShared && !sharedBefore.Contains(s)).ToList();
            judgedOwn ??= sizes.Where(s => !s.OnlyShared && sharedBefore.Contains(s)).ToList();
            foreach (SweptSize size in sizes.Where(s => s.OnlyShared).ToList())
            {
                if (elapsed() >= cap)
                {
                    capReached = true;
                    break;
                }

                if (!probedRate.ContainsKey(size))
                {
                    probedRate[size] = size.Measurements.Max(m => m.IssueRate);
                }

                if (measure(size.Call) is not { } again)
                {
                    continue;
                }

                size.Measurements.Add(again.JudgedAgainst(core.Reference));
                times[size] = times.GetValueOrDefault(size) + 1;
                progress.WriteLine($"  {size.Method}, size {size.Size}, measured again (shared against the quiet rate {Format.IssueRate(core.Reference)}, try {retry}): measured {again}, issue rate {Format.IssueRate(again.IssueRate)}");
            }
        }

        double quietRate = core.Reference;
        JudgeAll(sizes, quietRate);
        var remeasured = sizes.Where(times.ContainsKey)
            .Select(s => new Remeasurement(s, probedRate[s], times[s], s.OnlyShared))
            .ToList();
        return new FinalJudgementLog(quietRate, judgedShared ?? [], judgedOwn ?? [], remeasured, capReached);
    }

    private static void JudgeAll(IReadOnlyList<SweptSize> sizes, double quietRate)
    {
        foreach (SweptSize size in sizes)
        {
            for (int i = 0; i < size.Measurements.Count; i++)
            {
                size.Measurements[i] = size.Measurements[i].JudgedAgainst(quietRate);
            }
        }
    }
}

/// <summary>A size the final judgement measured again.</summary>
/// <param name="Swept">The size.</param>
/// <param name="ProbedRate">The best issue rate among its measurements before: under 90% of the quiet rate.</param>
/// <param name="Times">How many times it was measured again.</param>
/// <param name="StillShared">Whether every measurement, the new ones too, ran on a shared core (kept, and marked).</param>
internal sealed record Remeasurement(SweptSize Swept, double ProbedRate, int Times, bool StillShared)
{
    public int Size => Swept.Size;
}

/// <summary>What <see cref="FinalJudgement.Run"/> did.</summary>
/// <param name="QuietRate">The quiet rate at the end, every measurement's final judge.</param>
/// <param name="SizesJudgedShared">Sizes that had a measurement on a core of its own when measured and none against the quiet rate at the end.</param>
/// <param name="SizesJudgedOwn">Sizes whose every measurement was flagged shared when measured, and one is not against the quiet rate at the end.</param>
/// <param name="Remeasured">The sizes measured again.</param>
/// <param name="CapReached">Whether measuring again stopped at the time cap with sizes still to measure.</param>
internal sealed record FinalJudgementLog(double QuietRate, IReadOnlyList<SweptSize> SizesJudgedShared, IReadOnlyList<SweptSize> SizesJudgedOwn, IReadOnlyList<Remeasurement> Remeasured, bool CapReached)
{
    /// <summary>The part of the log about <paramref name="sizes"/> (one method's).</summary>
    public FinalJudgementLog For(IReadOnlyCollection<SweptSize> sizes) => this with
    {
        SizesJudgedShared = SizesJudgedShared.Where(sizes.Contains).ToList(),
        SizesJudgedOwn = SizesJudgedOwn.Where(sizes.Contains).ToList(),
        Remeasured = Remeasured.Where(r => sizes.Contains(r.Swept)).ToList(),
    };

    /// <summary>
    /// One line for a method's report: "judged at the end against the quiet rate 4.70/cycle: sizes 8, 16 (measured as own
    /// core, shared against it) measured again: 8 once, on a core of its own; 16 twice, still shared"; null when nothing changed.
    /// </summary>
    public string? Note()
    {
        if (SizesJudgedShared.Count == 0 && SizesJudgedOwn.Count == 0 && Remeasured.Count == 0)
        {
            return null;
        }

        var parts = new List<string>();
        if (SizesJudgedShared.Count > 0)
        {
            parts.Add($"sizes {Sizes(SizesJudgedShared)} passed as a core of their own when measured and are shared against it");
        }

        if (SizesJudgedOwn.Count > 0)
        {
            parts.Add($"sizes {Sizes(SizesJudgedOwn)} were flagged shared when measured and are not against it");
        }

        if (Remeasured.Count > 0)
        {
            parts.Add("measured again: " + string.Join("; ", Remeasured.Select(r =>
                $"{r.Size} (probed {Format.IssueRate(r.ProbedRate)}) {r.Times}x, {(r.StillShared ? "still shared, kept and marked" : "on a core of its own")}")));
        }

        return $"judged at the end against the quiet rate {Format.IssueRate(QuietRate)}: " + string.Join("; ", parts)
            + (CapReached ? $" (measuring again stopped at its time cap, {Format.Number(FinalJudgement.TimeCapFraction, "0.##")} of the sweep's time)" : string.Empty);
    }

    private static string Sizes(IEnumerable<SweptSize> sizes) => string.Join(", ", sizes.Select(s => s.Size));
}
