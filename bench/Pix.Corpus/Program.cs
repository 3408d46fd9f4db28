using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Corpus;
using Pix.Extraction;

// Corpus harness: annotate-all extraction, generation and analysis over real code. Usage (see docs/robustness.md):
//   dotnet run -c Release --project bench/Pix.Corpus -- [--package Id@Version]… [--source folder]… [--limit N] [--out report.md] [--work dir]
//       [--no-generator] [--no-analyzers] [--only text]
// --only keeps the methods whose documentation ID contains the text (to replay one failure).
// --only-file keeps the methods whose key (the first column of --times: documentation ID, file, line) is a line of the file
//   (to replay a run's tail alone, for example under a profiler).
// --repeat N runs the second (warm) timed run N times, each on a fresh compilation, and reports the last: under a profiler the
//   samples of a short selection then add up to something readable, without the first run's JIT.
// --max-call-depth sets ExtractionOptions.MaxCallDepth for the timed runs (to measure what following callees costs);
// --max-operations sets ExtractionOptions.MaxOperations for them (to measure how the budget bounds time);
// --max-pieces sets ExtractionOptions.MaxPieces for them (to measure what carrying guarded paths costs).
// --compare-reuse adds a third timed run with ExtractionOptions.ReuseCalleeSummaries off, whose models must equal the first run's.
// --dump-models writes the first run's models as text (to diff two builds of the extractor).
// --times writes each method's time, GC pause and allocation in both timed runs (tab-separated; to find the tail); with
//   --bottom-up also those of the method's own summary computation, without the nested summaries it triggered (SummaryMeter).
// --alloc-types writes which types the process allocated, by the runtime's allocation samples (AllocationSampler; the
//   decompilation and compilation included): to put the extraction's bytes on the types that make them.
// --alloc-sites writes the timed runs' bytes by the site that allocated them: the operation kind the walk was in, or a phase
//   (binding, callee summary, substitution, model assembly; AllocationSites, self bytes), for all methods and for the tail
//   (those allocating at or above the run's p99): counted with GC.GetAllocatedBytesForCurrentThread, not sampled.
// --nullable-analysis on binds the timed runs' bodies with the compiler's nullable analysis (ExtractionOptions.SkipNullableAnalysis
//   off; default off, as the extractor does): to measure what skipping it saves and to check that models do not change.
// --keystrokes N adds the IDE's case: the generator's first pass, then N edits (one statement inserted in a method body,
//   spread over the corpus, chained), each followed by an incremental generator pass, timed (KeystrokeRun).
//   With --bottom-up the generator runs with PixBottomUpSummaries=true (else false), as a project that sets it.
// --verify-reuse (with --keystrokes) compares every model the cross-compilation cache served, or the generator kept from the
//   pass before, after an edit with a fresh extraction in the same compilation; a difference counts as an error (slow on big
//   corpora: one extraction per served or kept model).
// --prebind binds every body of each timed run's compilation before timing it (through the extractor's shared semantic
//   models), so that the run times the analysis alone: the difference to a run without it is what binding cost each method.
// --bottom-up composes callee summaries bottom-up for the timed runs (ExtractionOptions.BottomUpSummaries: one summary per
//   method per compilation, no call depth, the operation budget per method), to measure it against the depth-bounded analysis;
//   --max-callee-terms N sets its size limit (ExtractionOptions.MaxCalleeTerms), --max-cycle-members N the largest
//   call cycle summarised as a whole (ExtractionOptions.MaxCycleMembers), --max-callee-reach N the most methods a callee
//   may reach for a caller to take its summary (ExtractionOptions.MaxCalleeReach; more: an opaque call).
// --retain-runs keeps each timed run's compilation reachable until the corpus is done, as the harness did before the
//   twenty-seventh session (its outcomes held the targets' symbols): to measure what a second run pays for the first's heap.
// --live-heap forces a full compacting collection after each timed run (outside its timing) and prints the heap that survives
//   it: what the run leaves alive for the next one. It changes the next run's collections, so time nothing with it.
// --limit bounds the methods the timed extraction runs visit; the generator and analyzers always see the whole corpus.
var packages = new List<string>();
var folders = new List<string>();
int limit = int.MaxValue;
string? outFile = null;
string work = Path.Combine(Path.GetTempPath(), "pix-corpus");
bool generate = true, analyze = true, compareReuse = false, prebind = false;
string? only = null, onlyFile = null, dumpModels = null, timesFile = null, allocTypes = null, allocSites = null;
int? maxCallDepth = null, maxOperations = null, maxPieces = null, maxCalleeTerms = null, maxCycleMembers = null, maxCalleeReach = null;
int keystrokes = 0, repeat = 1;
bool verifyReuse = false, bottomUp = false;
bool? nullableAnalysis = null;
for (int i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--package": packages.Add(Value()); break;
        case "--source": folders.Add(Value()); break;
        case "--limit": limit = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--out": outFile = Value(); break;
        case "--work": work = Value(); break;
        case "--no-generator": generate = false; break;
        case "--only": only = Value(); break;
        case "--only-file": onlyFile = Value(); break;
        case "--repeat": repeat = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--max-call-depth": maxCallDepth = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--no-analyzers": analyze = false; break;
        case "--max-operations": maxOperations = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--max-pieces": maxPieces = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--compare-reuse": compareReuse = true; break;
        case "--retain-runs": TimedRuns.Retained = new List<Compilation>(); break;
        case "--live-heap": TimedRuns.MeasureLiveHeap = true; break;
        case "--prebind": prebind = true; break;
        case "--dump-models": dumpModels = Value(); break;
        case "--times": timesFile = Value(); break;
        case "--alloc-types": allocTypes = Value(); break;
        case "--alloc-sites": allocSites = Value(); ExtractionRun.MeasureAllocationSites = true; break;
        case "--keystrokes": keystrokes = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--verify-reuse": verifyReuse = true; break;
        case "--bottom-up": bottomUp = true; break;
        case "--max-callee-terms": maxCalleeTerms = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--max-cycle-members": maxCycleMembers = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--max-callee-reach": maxCalleeReach = int.Parse(Value(), System.Globalization.CultureInfo.InvariantCulture); break;
        case "--nullable-analysis":
        {
            string mode = Value();
            if (mode is not ("on" or "off"))
            {
                Console.Error.WriteLine($"--nullable-analysis expects on or off, got '{mode}'");
                return 2;
            }

            nullableAnalysis = mode == "on";
            break;
        }
        default:
            Console.Error.WriteLine($"unknown argument '{args[i]}'. Usage: --package Id@Version | --source folder | --limit N | --out file | --work dir | --no-generator | --no-analyzers | --only text | --only-file file | --repeat N | --max-call-depth N | --max-operations N | --max-pieces N | --compare-reuse | --retain-runs | --live-heap | --prebind | --dump-models file | --times file | --alloc-types file | --alloc-sites file | --keystrokes N | --verify-reuse | --bottom-up | --max-callee-terms N | --max-cycle-members N | --max-callee-reach N | --nullable-analysis on|off");
            return 2;
    }
}

if (packages.Count == 0 && folders.Count == 0)
{
    Console.Error.WriteLine("nothing to do: give at least one --package Id@Version or --source folder");
    return 2;
}

using AllocationSampler? sampler = allocTypes is null ? null : new AllocationSampler();
var report = new StringWriter();
report.WriteLine($"Machine: {MachineText.Describe()}");
report.WriteLine($"Command: pix-corpus {string.Join(' ', args)}");
report.WriteLine();
int exceptions = 0, nondeterministic = 0, generatedErrors = 0, staleReuses = 0;
try
{
    var corpora = folders.Select(f => (Name: Path.GetFileName(Path.GetFullPath(f).TrimEnd('/')), Folder: f, Dependencies: (IReadOnlyList<string>)[]))
        .Concat(packages.Select(p => PrepareDecompiled(p, work)))
        .ToList();
    foreach (var corpus in corpora)
    {
        ExtractionOptions extraction = CorpusCompilation.Extraction;
        extraction = maxCallDepth is { } depth ? extraction with { MaxCallDepth = depth } : extraction;
        extraction = maxOperations is { } budget ? extraction with { MaxOperations = budget } : extraction;
        extraction = maxPieces is { } pieces ? extraction with { MaxPieces = pieces } : extraction;
        extraction = nullableAnalysis is { } on ? extraction with { SkipNullableAnalysis = !on } : extraction;
        extraction = bottomUp ? extraction with { BottomUpSummaries = true } : extraction;
        extraction = maxCalleeTerms is { } terms ? extraction with { MaxCalleeTerms = terms } : extraction;
        extraction = maxCycleMembers is { } members ? extraction with { MaxCycleMembers = members } : extraction;
        extraction = maxCalleeReach is { } reach ? extraction with { MaxCalleeReach = reach } : extraction;
        var selection = new MethodSelection(only, onlyFile is null ? null : File.ReadAllLines(onlyFile).Where(l => l.Length > 0));
        CorpusResult result = Measure(corpus.Name, corpus.Folder, corpus.Dependencies, limit, selection, repeat, extraction, generate, analyze, compareReuse, prebind);
        TimedRuns.Retained?.Clear();
        if (dumpModels is not null)
        {
            ModelText.Write(result.First, corpora.Count == 1 ? dumpModels : dumpModels + "." + corpora.IndexOf(corpus));
        }

        if (timesFile is not null)
        {
            TimingText.Write(result.First, result.Second, corpora.Count == 1 ? timesFile : timesFile + "." + corpora.IndexOf(corpus));
        }

        if (allocSites is not null)
        {
            AllocationSiteText.Write(result.First, result.Second, corpora.Count == 1 ? allocSites : allocSites + "." + corpora.IndexOf(corpus));
        }

        exceptions += result.First.Concat(result.Second).Count(o => o.Failed)
            + (result.Generated?.Exception is null ? 0 : 1) + (result.Analyzed?.Crashes.Count ?? 0);
        nondeterministic += CorpusReport.Differences(result).Count + CorpusReport.GeneratedDifferences(result).Count;
        generatedErrors += result.Generated?.GeneratedErrors.Count ?? 0;
        CorpusReport.Write(result, report);
        if (keystrokes > 0)
        {
            Console.Error.WriteLine($"{corpus.Name}: {keystrokes} keystrokes…");
            var sources = PartialCorpus.Rewrite(CorpusCompilation.ReadSources(corpus.Folder), CorpusCompilation.ParseOptions);
            var typed = KeystrokeRun.Run(CorpusCompilation.Create("Corpus", sources, corpus.Dependencies, isolation: 2), keystrokes, CancellationToken.None, verifyReuse, bottomUp);
            exceptions += typed.Exceptions;
            staleReuses += typed.Mismatches.Count;
            KeystrokeReport.Write(corpus.Name, typed, report);
        }

        Console.Write(report.ToString());
        if (outFile is not null)
        {
            File.WriteAllText(outFile, report.ToString());
        }

        report.GetStringBuilder().Clear();
    }
}
catch (CorpusInputException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

Console.WriteLine($"TOTAL: {exceptions} exceptions (extractor, generator, AD0001, PIX0006), {nondeterministic} nondeterministic outputs, {generatedErrors} errors in generated code"
    + (verifyReuse ? $", {staleReuses} reused models unequal to a fresh extraction" : ""));
if (sampler is not null && allocTypes is not null)
{
    sampler.Write(allocTypes);
}

return exceptions == 0 && nondeterministic == 0 && generatedErrors == 0 && staleReuses == 0 ? 0 : 1;

static (string Name, string Folder, IReadOnlyList<string> Dependencies) PrepareDecompiled(string spec, string work)
{
    string[] parts = spec.Split('@', 2);
    if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
    {
        throw new CorpusInputException($"--package expects Id@Version (for example Newtonsoft.Json@13.0.4), got '{spec}'");
    }

    Console.Error.WriteLine($"restoring and decompiling {parts[0]} {parts[1]}…");
    RestoredPackage package = PackageSource.Restore(parts[0], parts[1], work);
    string folder = Decompilation.Decompile(package, work, Console.Error);
    return ($"{package.Id} {package.Version} (decompiled)", folder, package.Dependencies);
}

static CorpusResult Measure(string name, string folder, IReadOnlyList<string> dependencies, int limit, MethodSelection selection, int repeat, ExtractionOptions extraction, bool generate, bool analyze, bool compareReuse, bool prebind)
{
    if (!Directory.Exists(folder))
    {
        throw new CorpusInputException($"source folder '{folder}' does not exist");
    }

    // Every class, struct and record partial, so that annotate-all can give every method a companion.
    var sources = PartialCorpus.Rewrite(CorpusCompilation.ReadSources(folder), CorpusCompilation.ParseOptions);
    Console.Error.WriteLine($"{name}: {sources.Count} files; compiling and extracting…");
    // Each timed run makes its compilation in its own frame (TimedRun) and keeps only outcomes without symbols: a run's
    // compilation is unreachable once the run is over, so the next run's heap does not carry it (docs/robustness.md,
    // "Twenty-seventh session: what a second run's heap holds").
    TimedRunResult firstRun = TimedRun(name, "first", sources, dependencies, selection, limit, reverse: false, extraction, prebind, census: true);
    TimedRuns.ReportLiveHeap(name, "first");

    // Determinism: a fresh compilation (new trees, new semantic caches) visited in reverse order must
    // give equal models; any hidden dependence on visiting order or cache state shows up here.
    TimedRunResult secondRun = TimedRun(name, "second", sources, dependencies, selection, limit, reverse: true, extraction, prebind, census: false);
    TimedRuns.ReportLiveHeap(name, "second");
    for (int round = 2; round <= repeat; round++)
    {
        // Each round on a fresh compilation, as the second run: nothing bound or summarised before it.
        secondRun = TimedRun(name, $"round {round}", sources, dependencies, selection, limit, reverse: true, extraction, prebind: false, census: false);
        Console.Error.WriteLine($"{name}: round {round} of {repeat}: {secondRun.Outcomes.Sum(o => o.Elapsed.TotalMilliseconds):F0} ms");
    }

    // Reuse of callee summaries must not change a model: the same targets, in the first run's order, on a
    // fresh compilation, with reuse off.
    List<MethodOutcome>? withoutReuse = compareReuse
        ? TimedRun(name, "third", sources, dependencies, selection, limit, reverse: false, extraction with { ReuseCalleeSummaries = false }, prebind: false, census: false, meterSummaries: false).Outcomes
        : null;

    // The generator in annotate-all mode over the whole corpus, twice on independent compilations
    // (byte-identical output), then the analyzers over the first result.
    GenerationResult? generated = null, regenerated = null;
    AnalyzerResult? analyzed = null;
    if (generate)
    {
        Console.Error.WriteLine($"{name}: generating (annotate-all)…");
        generated = GenerationRun.Run(CorpusCompilation.Create("Corpus", sources, dependencies), CancellationToken.None);
        regenerated = GenerationRun.Run(CorpusCompilation.Create("Corpus", sources, dependencies, isolation: 1), CancellationToken.None);
        string generatedFolder = Path.Combine(Path.GetTempPath(), "pix-corpus", "generated", string.Concat(name.Split(Path.GetInvalidFileNameChars())));
        Directory.CreateDirectory(generatedFolder);
        foreach (var file in generated.Sources)
        {
            File.WriteAllText(Path.Combine(generatedFolder, file.Key), file.Value);
        }

        Console.Error.WriteLine($"{name}: generated files written to {generatedFolder}");
        if (analyze)
        {
            Console.Error.WriteLine($"{name}: analysing (annotate-all)…");
            analyzed = AnalyzerRun.Run(generated.Output, CancellationToken.None);
        }
    }

    int lines = sources.Sum(s => s.Text.Count(c => c == '\n'));
    return new CorpusResult(name, sources.Count, lines, firstRun.CompileErrors, firstRun.Outcomes, secondRun.Outcomes, firstRun.Census!, generated, regenerated, analyzed, withoutReuse, firstRun.Summaries, secondRun.Summaries);
}

// One timed run on a fresh compilation of the corpus, in its own frame: nothing here is reachable once it returns
// but the outcomes (MethodKey, not symbols), so the compilation and what Pix keeps per compilation can be collected.
// With bottom-up summaries (unless meterSummaries is false) each summary's own cost is metered (SummaryMeter) and kept by name.
[System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
static TimedRunResult TimedRun(string name, string which, IReadOnlyList<(string Path, string Text)> sources, IReadOnlyList<string> dependencies, MethodSelection selection, int limit, bool reverse, ExtractionOptions extraction, bool prebind, bool census, bool meterSummaries = true)
{
    SummaryMeter? meter = meterSummaries && extraction.BottomUpSummaries ? new SummaryMeter() : null;
    Compilation compilation = CorpusCompilation.Create("Corpus", sources, dependencies);
    TimedRuns.Retained?.Add(compilation);
    int errors = census ? compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error) : 0;
    var allTargets = MethodTargets.Find(compilation, CancellationToken.None);
    var targets = allTargets.Where(t => selection.Keeps(t.Key)).Take(limit).ToList();
    if (reverse)
    {
        targets.Reverse();
    }

    if (prebind)
    {
        Console.Error.WriteLine($"{name}: every body bound before the {which} run in {Prebinding.Run(compilation, extraction, CancellationToken.None):F0} ms");
    }

    var outcomes = ExtractionRun.Run(targets, compilation, extraction, CancellationToken.None, meter);
    if (census && extraction.BottomUpSummaries)
    {
        // How large the call cycles are decides what ExtractionOptions.MaxCycleMembers bounds (the store is the unmerged models').
        int[] cycleSizes = Pix.Extraction.Caching.ComposedSummaryStore.For(compilation, extraction with { DefaultResolution = 0 }).CallGraph.CyclesKnown
            .Select(c => c.Count).OrderByDescending(n => n).ToArray();
        Console.Error.WriteLine($"{name}: {cycleSizes.Length} call cycles, {cycleSizes.Sum()} members; the largest {string.Join(", ", cycleSizes.Take(10))}");
    }

    return new TimedRunResult(outcomes, errors, census ? TargetCensus.Of(allTargets) : null, meter?.Detach());
}

/// <summary>
/// What <c>TimedRun</c> keeps of a run: outcomes without symbols, for the first run its compile errors and census, with
/// bottom-up summaries their own costs by name.
/// </summary>
internal sealed record TimedRunResult(List<MethodOutcome> Outcomes, int CompileErrors, TargetCensus? Census, SummaryCosts? Summaries);

/// <summary>With <c>--retain-runs</c>, every timed run's compilation, kept reachable on purpose (to measure what that costs).</summary>
internal static class TimedRuns
{
    public static List<Compilation>? Retained { get; set; }

    /// <summary>Set by <c>--live-heap</c>.</summary>
    public static bool MeasureLiveHeap { get; set; }

    /// <summary>
    /// With <c>--live-heap</c>, the heap a full compacting collection leaves after a run: the run's compilation is gone
    /// unless something still holds it (<c>--retain-runs</c>, or a cache), so this is what the run keeps for the next.
    /// </summary>
    public static void ReportLiveHeap(string name, string which)
    {
        if (!MeasureLiveHeap)
        {
            return;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GCMemoryInfo info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        Console.Error.WriteLine($"{name}: live heap after the {which} run {info.HeapSizeBytes / 1e6:F1} MB (a forced full collection; {info.PauseDurations[0].TotalMilliseconds:F0} ms)");
    }
}
