using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Model;

namespace Pix.Extraction.Caching;

/// <summary>
/// Models kept from one compilation to the next: the IDE makes a new compilation on every keystroke,
/// and the compiler server builds the same project again and again, while nearly every method's
/// model stays what it was. An entry is found by the compilation's <see cref="DeclarationFingerprint"/>,
/// the method's documentation ID and the options, and is used only if the declarations whose bodies
/// it read still have the same text (<see cref="SourceDependencies"/>), relocated when they moved
/// (<see cref="ModelRelocation"/>); otherwise the method is extracted again.
/// Models that met code with errors are never stored (the caller's rule).
/// </summary>
internal static class CrossCompilationCache
{
    private static readonly FingerprintedStore<Key, Entry> s_store = new();

    // Models that met code with errors are not served: half-typed code is about to change, and the analyzers'
    // compilation has Pix's output (a call to a LatencyOf_X binds there) while the generator's does not. Their
    // dependencies are kept beside the model, as long as it lives, for DependenciesOf.
    private static readonly ConditionalWeakTable<InterfaceModel, SourceDependencies> s_unserved = new();

    /// <summary>Fingerprints with models (tests).</summary>
    internal static int GenerationCount => s_store.GenerationCount;

    /// <summary>
    /// A model extracted earlier for <paramref name="method"/> that holds in <paramref name="compilation"/>,
    /// relocated when the declarations it depends on moved; <paramref name="relocated"/> says so.
    /// </summary>
    public static bool TryGet(Compilation compilation, IMethodSymbol method, ExtractionOptions options, CancellationToken ct, out InterfaceModel? model, out bool relocated)
    {
        model = null;
        relocated = false;
        if (StableId.Of(method) is not string id)
        {
            return false;
        }

        string fingerprint = DeclarationFingerprint.Of(compilation);
        var key = new Key(id, options);
        if (!s_store.TryGet(fingerprint, key, out Entry? entry))
        {
            return false;
        }

        DependencyCheck check = entry!.Dependencies.CheckIn(compilation, ct);
        if (!check.HoldsIn
            || ModelRelocation.TryRelocate(entry.Model, check.Moves, compilation, ct) is not { } found)
        {
            return false;
        }

        if (check.Updated is { } updated)
        {
            // Kept as it is now, so the next compilation compares with this one's text and places.
            s_store.Set(fingerprint, key, new Entry(found, updated));
        }

        model = found;
        relocated = !ReferenceEquals(found, entry.Model);
        return true;
    }

    /// <summary>
    /// What <paramref name="model"/>, the model extracted for <paramref name="method"/> under
    /// <paramref name="compilation"/>'s declarations, depends on as last recorded or checked; null when the cache
    /// knows another model or none. While these hold unchanged (<see cref="SourceDependencies.UnchangedIn"/>),
    /// <see cref="TryGet"/> serves this very model as it is. For a model that met code with errors
    /// (<see cref="AddUnserved"/>) they are what a fresh extraction would read in a compilation without Pix's
    /// output, and only a caller that sees no other kind (the generator) may keep the model on them.
    /// </summary>
    public static SourceDependencies? DependenciesOf(Compilation compilation, IMethodSymbol method, ExtractionOptions options, InterfaceModel model)
    {
        if (StableId.Of(method) is string id
            && s_store.TryGet(DeclarationFingerprint.Of(compilation), new Key(id, options), out Entry? entry)
            && ReferenceEquals(entry!.Model, model))
        {
            return entry.Dependencies;
        }

        return s_unserved.TryGetValue(model, out SourceDependencies? dependencies) ? dependencies : null;
    }

    /// <summary>
    /// Keeps the dependencies of <paramref name="model"/>, which met code with errors, for
    /// <see cref="DependenciesOf"/>; the model itself is never served (see the remarks). Nothing is kept when
    /// <paramref name="compilation"/> holds Pix's output: code that calls a companion binds differently with and
    /// without it, and the declaration fingerprint leaves that output out.
    /// </summary>
    public static void AddUnserved(Compilation compilation, InterfaceModel model, SourceDependencies dependencies)
    {
        if (!DeclarationFingerprint.HoldsPixOutput(compilation))
        {
            _ = s_unserved.GetValue(model, _ => dependencies);
        }
    }

    /// <summary>Keeps <paramref name="model"/> for later compilations.</summary>
    public static void Add(Compilation compilation, IMethodSymbol method, ExtractionOptions options, InterfaceModel model, SourceDependencies dependencies)
    {
        if (StableId.Of(method) is string id)
        {
            s_store.Set(DeclarationFingerprint.Of(compilation), new Key(id, options), new Entry(model, dependencies));
        }
    }

    private sealed record Entry(InterfaceModel Model, SourceDependencies Dependencies);

    private readonly record struct Key(string MethodId, ExtractionOptions Options);
}
