using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Pix.Model;

namespace Pix.Corpus;

/// <summary>Everything measured on one corpus.</summary>
internal sealed record CorpusResult(
    string Name,
    int Files,
    int Lines,
    int CompileErrors,
    IReadOnlyList<MethodOutcome> First,
    IReadOnlyList<MethodOutcome> Second,
    TargetCensus Census,
    GenerationResult? Generated,
    GenerationResult? Regenerated,
    AnalyzerResult? Analyzed,
    IReadOnlyList<MethodOutcome>? WithoutReuse = null,
    SummaryCosts? FirstSummaries = null,
    SummaryCosts? SecondSummaries = null);

/// <summary>Writes a corpus result as Markdown (the format docs/robustness.md quotes).</summary>
internal static class CorpusReport
{
    public static void Write(CorpusResult r, TextWriter w)
    {
        w.WriteLine($"### {r.Name}");
        w.WriteLine();
        w.WriteLine($"- source: {r.Files:N0} files, {r.Lines:N0} lines; compile errors in the corpus itself: {r.CompileErrors:N0}");
        w.WriteLine($"- methods with a body: {r.First.Count:N0} ({string.Join(", ", r.First.GroupBy(o => o.Target.Kind).OrderByDescending(g => g.Count()).Select(g => $"{g.Count():N0} {g.Key}"))})");

        var failures = r.First.Concat(r.Second).Where(o => o.Failed).ToList();
        w.WriteLine($"- extractor exceptions: **{failures.Count}** (both runs; escaped, or caught by the extractor and shown as PIX0006)");
        foreach (var site in failures.GroupBy(SiteOf).OrderByDescending(g => g.Count()))
        {
            w.WriteLine($"  - {site.Count():N0} × {site.Key}");
        }

        foreach (MethodOutcome f in failures.Take(3))
        {
            w.WriteLine($"  - `{f.Target.Key}`: ```{f.Failure?.ToString() ?? f.Model!.Gaps.First(g => g.Kind == GapKind.InternalError).Reason + "\n" + PixFrames(f.InternalErrorStack)}```");
        }

        var models = r.First.Where(o => o.Model is not null).Select(o => o.Model!).ToList();
        int complete = models.Count(m => m.IsComplete);
        w.WriteLine($"- complete interfaces: **{complete:N0} of {models.Count:N0} ({Percent(complete, models.Count)})**; incomplete: {models.Count - complete:N0}");
        int budget = models.Count(m => m.Gaps.Any(g => g.Kind == GapKind.BudgetExceeded));
        w.WriteLine($"- methods that hit the analysis budget (BudgetExceeded gap): {budget:N0}");
        w.WriteLine($"- determinism (model equality, second run on a fresh compilation in reverse order): **{Differences(r).Count} differing models**");
        foreach (string d in Differences(r).Take(3))
        {
            w.WriteLine($"  - {d}");
        }

        w.WriteLine($"- time per method, first run (cold JIT, cold compilation): {Timing(r.First)}");
        if (r.FirstSummaries is { } firstSummaries)
        {
            w.WriteLine($"- own time per summary, first run (each summary's computation without the nested ones it triggered): {SummaryTiming(firstSummaries)}");
        }

        w.WriteLine($"- time per method, second run (fresh compilation, warm JIT): {Timing(r.Second)}");
        if (r.SecondSummaries is { } secondSummaries)
        {
            w.WriteLine($"- own time per summary, second run: {SummaryTiming(secondSummaries)}");
        }
        if (r.WithoutReuse is { } without)
        {
            w.WriteLine($"- time per method, third run without callee summary reuse (fresh compilation, warm JIT): {Timing(without)}");
            var differences = Differences(r.First, without);
            w.WriteLine($"- callee summary reuse changes nothing (first run vs third run, model equality): **{differences.Count} differing models**");
            foreach (string d in differences.Take(3))
            {
                w.WriteLine($"  - {d}");
            }
        }

        w.WriteLine("- slowest methods, first run (time, of it GC pauses, allocated): " + Slowest(r.First));
        w.WriteLine("- slowest methods, second run: " + Slowest(r.Second));
        WriteGeneration(r, w);
        w.WriteLine();
        WriteGapTable(models, w);
        OpaqueCallRanking.Write(models, w);
    }

    private static void WriteGeneration(CorpusResult r, TextWriter w)
    {
        TargetCensus census = r.Census;
        w.WriteLine($"- annotate-all targets (ordinary methods of partial types): {census.ImplicitTargets:N0} of {census.Methods:N0} methods with a body; "
            + "no companion: " + string.Join(", ", census.Skipped.Select(p => $"{p.Value:N0} {p.Key}")));
        if (r.Generated is not { } g)
        {
            w.WriteLine("- generator: not run (--no-generator)");
            return;
        }

        w.WriteLine($"- generator (annotate-all): {g.Companions:N0} companions in {g.Sources.Count:N0} files, {g.Elapsed.TotalSeconds:F1} s; "
            + $"exception: **{(g.Exception is null ? "none" : g.Exception.GetType().Name + ": " + g.Exception.Message)}**");
        w.WriteLine($"- errors in generated code: **{g.GeneratedErrors.Count:N0}**; change in errors in the corpus's own files with the generated code added: {g.NewErrorsElsewhere:+#,0;-#,0;0}");
        foreach (var error in g.GeneratedErrors.GroupBy(e => e.Id).OrderByDescending(e => e.Count()))
        {
            w.WriteLine($"  - {error.Count():N0} × {error.Key}, e.g. `{error.First()}`");
        }

        w.WriteLine($"- generated code, two runs on independent compilations: **{GeneratedDifferences(r).Count} differing files** (byte comparison)");
        foreach (string file in GeneratedDifferences(r).Take(3))
        {
            w.WriteLine($"  - {file}");
        }

        if (r.Analyzed is not { } a)
        {
            w.WriteLine("- analyzers: not run (--no-analyzers)");
            return;
        }

        w.WriteLine($"- analyzers (gap, method support, constant time; annotate-all), {a.Elapsed.TotalSeconds:F1} s: **{a.Crashes.Count(d => d.Id == "AD0001")} AD0001, {a.Crashes.Count(d => d.Id == "PIX0006")} PIX0006**; "
            + "reported: " + string.Join(", ", a.CountsById.Select(p => $"{p.Value:N0} {p.Key}")));
        foreach (Microsoft.CodeAnalysis.Diagnostic crash in a.Crashes.Take(5))
        {
            w.WriteLine($"  - `{crash}`");
        }
    }

    /// <summary>Generated files whose text differs between the two generator runs.</summary>
    public static List<string> GeneratedDifferences(CorpusResult r) =>
        r.Generated is { } a && r.Regenerated is { } b ? GenerationRun.Differences(a, b) : new List<string>();

    private static void WriteGapTable(IReadOnlyList<InterfaceModel> models, TextWriter w)
    {
        w.WriteLine("| gap kind | methods |");
        w.WriteLine("|---|---:|");
        foreach (var kind in models.SelectMany(m => m.Gaps.Select(g => g.Kind).Distinct()).GroupBy(k => k).OrderByDescending(g => g.Count()))
        {
            w.WriteLine($"| {kind.Key} | {kind.Count():N0} |");
        }

        w.WriteLine();
        w.WriteLine("| top 10 gap reasons (by construct) | methods |");
        w.WriteLine("|---|---:|");
        foreach (var reason in models.SelectMany(m => m.Gaps.Select(ReasonOf).Distinct()).GroupBy(k => k).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(10))
        {
            w.WriteLine($"| {reason.Key.Replace("|", "\\|")} | {reason.Count():N0} |");
        }

        w.WriteLine();
    }

    /// <summary>Exception type and the innermost Pix frame: where the bug is.</summary>
    private static string SiteOf(MethodOutcome outcome)
    {
        string type = outcome.Failure?.GetType().Name ?? outcome.Model!.Gaps.First(g => g.Kind == GapKind.InternalError).Construct;
        string stack = outcome.Failure?.StackTrace ?? outcome.InternalErrorStack ?? "";
        string frame = stack.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("at Pix.", StringComparison.Ordinal) && !l.StartsWith("at Pix.Corpus", StringComparison.Ordinal)) ?? "(no Pix frame)";
        int inFile = frame.IndexOf(" in ", StringComparison.Ordinal);
        return $"`{type}` {(inFile > 0 ? frame[..inFile] : frame)}";
    }

    /// <summary>The Pix frames of a stack, innermost first.</summary>
    private static string PixFrames(string? stack) =>
        string.Join("\n", (stack ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("at Pix.", StringComparison.Ordinal)).Take(12));

    /// <summary>A gap's construct with call targets and names folded, so that reasons group by construct.</summary>
    public static string ReasonOf(Gap gap)
    {
        string construct = gap.Construct;
        int cut = construct.IndexOfAny(['\'', '`', '(', '"']);
        if (cut > 0)
        {
            construct = construct[..cut].TrimEnd();
        }

        return $"{gap.Kind}: {construct}";
    }

    public static List<string> Differences(CorpusResult r) =>
        Differences(r.First, r.Second).Concat(r.WithoutReuse is { } without ? Differences(r.First, without) : []).ToList();

    private static List<string> Differences(IReadOnlyList<MethodOutcome> one, IReadOnlyList<MethodOutcome> two)
    {
        var second = two.Where(o => o.Model is not null).ToDictionary(o => o.Target.Key, o => o.Model!);
        var differences = new List<string>();
        foreach (MethodOutcome first in one.Where(o => o.Model is not null))
        {
            if (!second.TryGetValue(first.Target.Key, out InterfaceModel? other) || !other.Equals(first.Model))
            {
                differences.Add($"`{first.Target.Key}`");
            }
        }

        return differences;
    }

    private static string Slowest(IReadOnlyList<MethodOutcome> outcomes) =>
        string.Join("; ", outcomes.OrderByDescending(o => o.Elapsed).Take(5).Select(o =>
            $"`{o.Target.Display}` {o.Elapsed.TotalMilliseconds:F1} ms ({o.GcPause.TotalMilliseconds:F1} ms GC, {o.AllocatedBytes / 1e6:F1} MB)"));

    private static string Timing(IReadOnlyList<MethodOutcome> outcomes)
    {
        double[] ms = outcomes.Select(o => o.Elapsed.TotalMilliseconds).OrderBy(x => x).ToArray();
        if (ms.Length == 0)
        {
            return "no methods";
        }

        double[] mb = outcomes.Select(o => o.AllocatedBytes / 1e6).OrderBy(x => x).ToArray();
        // Time with the GC pauses taken out: what the method's own work cost, whatever it was charged for earlier allocations.
        double[] unpaused = outcomes.Select(o => (o.Elapsed - o.GcPause).TotalMilliseconds).OrderBy(x => x).ToArray();
        double paused = outcomes.Sum(o => o.GcPause.TotalMilliseconds);
        return $"p50 {Quantile(ms, 0.50):F3} ms, p99 {Quantile(ms, 0.99):F2} ms, max {ms[^1]:F1} ms, total {ms.Sum() / 1000:F1} s; "
            + $"allocated p50 {Quantile(mb, 0.50):F3} MB, p99 {Quantile(mb, 0.99):F1} MB, max {mb[^1]:F0} MB, total {mb.Sum() / 1000:F2} GB; "
            + $"GC pauses {paused / 1000:F1} s ({100 * paused / Math.Max(ms.Sum(), 1e-9):F0}%), without them p99 {Quantile(unpaused, 0.99):F2} ms, max {unpaused[^1]:F1} ms; "
            // The run's first extraction also compiles (JIT) the extractor's and Roslyn's code paths.
            + $"first method {outcomes[0].Elapsed.TotalMilliseconds:F1} ms, max of the others {outcomes.Skip(1).Select(o => o.Elapsed.TotalMilliseconds).DefaultIfEmpty(0).Max():F1} ms; "
            + JitWork.Describe(outcomes.Select(o => o.Jit).ToList(), TimeSpan.FromMilliseconds(ms.Sum())) + "; "
            + Binding(outcomes, ms.Sum());
    }

    /// <summary>
    /// "binding 26.6 s (36%), 71 MB; 512 GCs (31 gen 1+)": what the compiler's binding of the bodies read took of the run
    /// (all readers; its time includes the JIT of Roslyn's binder on the first run), and how many collections ran.
    /// </summary>
    private static string Binding(IReadOnlyList<MethodOutcome> outcomes, double totalMs)
    {
        double bindMs = outcomes.Sum(o => o.Binding.Total.Elapsed.TotalMilliseconds);
        double bindMb = outcomes.Sum(o => o.Binding.Total.AllocatedBytes) / 1e6;
        double throwRuleMs = outcomes.Sum(o => o.Binding.ThrowRule.Elapsed.TotalMilliseconds);
        double graphMs = outcomes.Sum(o => o.Binding.CallGraph.Elapsed.TotalMilliseconds);
        return $"binding {bindMs / 1000:F1} s ({100 * bindMs / Math.Max(totalMs, 1e-9):F0}%; of it the throw-helper rule's {throwRuleMs / 1000:F1} s, the call graph's {graphMs / 1000:F1} s), {bindMb:F0} MB; "
            + $"{outcomes.Sum(o => o.Collections.All):N0} GCs ({outcomes.Sum(o => o.Collections.Gen1):N0} of gen 1 or 2, {outcomes.Sum(o => o.Collections.Gen2):N0} of gen 2, {outcomes.Sum(o => o.Collections.FullBlocking):N0} methods with a full blocking one); GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}";
    }

    private static string SummaryTiming(SummaryCosts meter)
    {
        List<WorkCost> costs = meter.Summaries.Select(s => s.Cost).ToList();
        if (costs.Count == 0)
        {
            return "no summaries";
        }

        double[] ms = costs.Select(c => c.Elapsed.TotalMilliseconds).OrderBy(x => x).ToArray();
        double[] unpaused = costs.Select(c => (c.Elapsed - c.GcPause).TotalMilliseconds).OrderBy(x => x).ToArray();
        double[] mb = costs.Select(c => c.AllocatedBytes / 1e6).OrderBy(x => x).ToArray();
        var slowest = meter.Summaries.OrderByDescending(s => s.Cost.Elapsed).First();
        double[] walks = meter.Walks.Select(w => w.Cost.Elapsed.TotalMilliseconds).OrderBy(x => x).ToArray();
        var longestWalk = meter.Walks.OrderByDescending(w => w.Cost.Elapsed).FirstOrDefault();
        return $"{costs.Count:N0} summaries, p50 {Quantile(ms, 0.50):F3} ms, p99 {Quantile(ms, 0.99):F2} ms, max {ms[^1]:F1} ms, total {ms.Sum() / 1000:F1} s; "
            + $"without GC pauses p99 {Quantile(unpaused, 0.99):F2} ms, max {unpaused[^1]:F1} ms; "
            + $"allocated p50 {Quantile(mb, 0.50):F3} MB, p99 {Quantile(mb, 0.99):F2} MB, max {mb[^1]:F1} MB, total {mb.Sum() / 1000:F2} GB; "
            + $"slowest `{slowest.Method}` {slowest.Cost.Elapsed.TotalMilliseconds:F1} ms ({slowest.Cost.AllocatedBytes / 1e6:F1} MB); "
            + (walks.Length == 0
                ? "no call-graph walks"
                : $"call-graph walks {walks.Length:N0}, p99 {Quantile(walks, 0.99):F2} ms, max {walks[^1]:F1} ms "
                    + $"(from `{longestWalk.Method}`, {longestWalk.Cost.AllocatedBytes / 1e6:F1} MB), total {walks.Sum() / 1000:F2} s, "
                    + $"allocated {meter.Walks.Sum(w => w.Cost.AllocatedBytes) / 1e6:F0} MB");
    }

    /// <summary>Nearest-rank quantile of sorted data.</summary>
    public static double Quantile(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Percent(int part, int whole) => whole == 0 ? "n/a" : $"{100.0 * part / whole:F1}%";
}
