using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Model;

namespace Pix.Extraction.Caching;

/// <summary>
/// Models kept from one compilation to the next: the IDE makes a new compilation on every keystroke,
/// and the compiler server builds the same project again and again, while nearly every method's
/// model stays what it was. An entry is found by the compilation's <see cref="DeclarationFingerprint"/>,
/// the method's documentation ID and the options, and is used only if the files it read still have
/// the same text (<see cref="SourceDependencies"/>); otherwise the method is extracted again.
/// </summary>
/// <remarks>
/// Bounded: entries are grouped by fingerprint, and only the <see cref="MaxGenerations"/> most
/// recently used fingerprints are kept (a declaration edit starts a new one; several projects built
/// by one compiler server each have theirs). Models that met code with errors are never stored.
/// </remarks>
internal static class CrossCompilationCache
{
    /// <summary>Fingerprints whose entries are kept.</summary>
    public const int MaxGenerations = 8;

    /// <summary>Entries per fingerprint beyond which that fingerprint's entries are dropped and refilled.</summary>
    public const int MaxEntriesPerGeneration = 100_000;

    private static readonly object s_gate = new();
    private static readonly Dictionary<string, Generation> s_generations = new(StringComparer.Ordinal);
    private static long s_clock;

    /// <summary>A model extracted earlier for <paramref name="method"/> that holds in <paramref name="compilation"/>.</summary>
    public static bool TryGet(Compilation compilation, IMethodSymbol method, ExtractionOptions options, CancellationToken ct, out InterfaceModel? model)
    {
        model = null;
        if (IdOf(method) is not string id || GenerationOf(DeclarationFingerprint.Of(compilation), create: false) is not Generation generation)
        {
            return false;
        }

        if (!generation.Entries.TryGetValue(new Key(id, options), out Entry? entry) || !entry.Dependencies.HoldIn(compilation, ct))
        {
            return false;
        }

        model = entry.Model;
        return true;
    }

    /// <summary>Keeps <paramref name="model"/> for later compilations.</summary>
    public static void Add(Compilation compilation, IMethodSymbol method, ExtractionOptions options, InterfaceModel model, SourceDependencies dependencies)
    {
        if (IdOf(method) is not string id)
        {
            return;
        }

        Generation generation = GenerationOf(DeclarationFingerprint.Of(compilation), create: true)!;
        if (generation.Entries.Count >= MaxEntriesPerGeneration)
        {
            generation.Entries.Clear();
        }

        generation.Entries[new Key(id, options)] = new Entry(model, dependencies);
    }

    /// <summary>Tests only: forgets everything.</summary>
    internal static void Clear()
    {
        lock (s_gate)
        {
            s_generations.Clear();
        }
    }

    /// <summary>Tests only: how many fingerprints have entries.</summary>
    internal static int GenerationCount
    {
        get
        {
            lock (s_gate)
            {
                return s_generations.Count;
            }
        }
    }

    // Only a method's own definition has a stable identity across compilations; constructed generic
    // methods and local functions are extracted afresh (they are rarely extracted on their own).
    private static string? IdOf(IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(method, method.OriginalDefinition) && method.MethodKind != MethodKind.LocalFunction
            ? method.GetDocumentationCommentId()
            : null;

    private static Generation? GenerationOf(string fingerprint, bool create)
    {
        lock (s_gate)
        {
            if (s_generations.TryGetValue(fingerprint, out Generation? generation))
            {
                generation.LastUsed = ++s_clock;
                return generation;
            }

            if (!create)
            {
                return null;
            }

            if (s_generations.Count >= MaxGenerations)
            {
                string oldest = "";
                long oldestUse = long.MaxValue;
                foreach (KeyValuePair<string, Generation> pair in s_generations)
                {
                    if (pair.Value.LastUsed < oldestUse)
                    {
                        (oldest, oldestUse) = (pair.Key, pair.Value.LastUsed);
                    }
                }

                s_generations.Remove(oldest);
            }

            generation = new Generation { LastUsed = ++s_clock };
            s_generations.Add(fingerprint, generation);
            return generation;
        }
    }

    private sealed class Generation
    {
        public ConcurrentDictionary<Key, Entry> Entries { get; } = new();

        public long LastUsed { get; set; }
    }

    private sealed record Entry(InterfaceModel Model, SourceDependencies Dependencies);

    private readonly record struct Key(string MethodId, ExtractionOptions Options);
}
