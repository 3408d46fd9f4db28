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
    /// What <paramref name="model"/>, the model kept for <paramref name="method"/> under
    /// <paramref name="compilation"/>'s declarations, depends on as last recorded or checked; null when the cache
    /// keeps another model or none (one that met code with errors is never kept). While these hold unchanged
    /// (<see cref="SourceDependencies.UnchangedIn"/>), <see cref="TryGet"/> serves this very model as it is.
    /// </summary>
    public static SourceDependencies? DependenciesOf(Compilation compilation, IMethodSymbol method, ExtractionOptions options, InterfaceModel model) =>
        StableId.Of(method) is string id
        && s_store.TryGet(DeclarationFingerprint.Of(compilation), new Key(id, options), out Entry? entry)
        && ReferenceEquals(entry!.Model, model)
            ? entry.Dependencies
            : null;

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
