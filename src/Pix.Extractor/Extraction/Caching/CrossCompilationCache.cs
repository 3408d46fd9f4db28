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
/// Models that met code with errors are never stored (the caller's rule).
/// </summary>
internal static class CrossCompilationCache
{
    private static readonly FingerprintedStore<Key, Entry> s_store = new();

    /// <summary>Fingerprints with models (tests).</summary>
    internal static int GenerationCount => s_store.GenerationCount;

    /// <summary>A model extracted earlier for <paramref name="method"/> that holds in <paramref name="compilation"/>.</summary>
    public static bool TryGet(Compilation compilation, IMethodSymbol method, ExtractionOptions options, CancellationToken ct, out InterfaceModel? model)
    {
        model = null;
        if (StableId.Of(method) is not string id
            || !s_store.TryGet(DeclarationFingerprint.Of(compilation), new Key(id, options), out Entry? entry)
            || !entry!.Dependencies.HoldIn(compilation, ct))
        {
            return false;
        }

        model = entry.Model;
        return true;
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
