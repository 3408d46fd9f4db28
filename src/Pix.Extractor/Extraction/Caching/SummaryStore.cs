using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Analysis;

namespace Pix.Extraction.Caching;

/// <summary>
/// Recorded analyses of methods (<see cref="SummaryRecord"/>), kept per compilation and options so
/// that a callee analysed for one caller is not analysed again for the next: in a generator run
/// every method of a project is extracted, and the same helpers are callees of many of them. The
/// compilation is held weakly (the store dies with it); a compilation is immutable, so a record
/// stays true for it, and whether it applies to a given session is decided when it is replayed.
/// </summary>
internal static class SummaryStore
{
    // A method met in several contexts (call depths, recursion, callees memoised from other records) keeps a record
    // for each, up to this many. Four dropped the fifth and later contexts' records, and each later meeting in them
    // analysed the method again: on Newtonsoft.Json 1,273 look-ups found four records and 486 more than four once
    // the cap was 16 (docs/robustness.md, "Eighteenth session"); a look-up walks them until one replays.
    private const int MaxRecordsPerMethod = 16;

    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<ExtractionOptions, ConcurrentDictionary<IMethodSymbol, SummaryRecord[]>>> s_byCompilation = new();

    public static IReadOnlyList<SummaryRecord> Find(Compilation compilation, ExtractionOptions options, IMethodSymbol method) =>
        s_byCompilation.TryGetValue(compilation, out var byOptions)
        && byOptions.TryGetValue(options, out var records)
        && records.TryGetValue(method, out SummaryRecord[]? found)
            ? found
            : System.Array.Empty<SummaryRecord>();

    public static void Add(Compilation compilation, ExtractionOptions options, IMethodSymbol method, SummaryRecord record)
    {
        var records = s_byCompilation.GetValue(compilation, static _ => new())
            .GetOrAdd(options, static _ => new ConcurrentDictionary<IMethodSymbol, SummaryRecord[]>(SymbolEqualityComparer.Default));
        records.AddOrUpdate(
            method,
            _ => new[] { record },
            (_, existing) => existing.Length >= MaxRecordsPerMethod ? existing : [.. existing, record]);
    }
}
