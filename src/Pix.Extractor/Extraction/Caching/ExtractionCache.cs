using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Pix.Model;

namespace Pix.Extraction.Caching;

/// <summary>
/// Interfaces already extracted in one compilation, so that the analyzers that need the same
/// method's interface (gaps, regression) extract it once. Keyed by the compilation object (held
/// weakly: the cache dies with it), then by method and options. Results are exact: a compilation is
/// immutable, so the same method with the same options always yields the same model.
/// </summary>
/// <remarks>
/// The generator runs on the compilation before generated sources are added and the analyzers on
/// the one after, so the two do not share entries; sharing across compilations (the IDE's
/// keystroke-by-keystroke case) would need a dependency-aware key and is not attempted here.
/// </remarks>
internal static class ExtractionCache
{
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<Key, InterfaceModel>> s_byCompilation = new();

    public static bool TryGet(Compilation compilation, IMethodSymbol method, ExtractionOptions options, out InterfaceModel? model)
    {
        model = null;
        return s_byCompilation.TryGetValue(compilation, out ConcurrentDictionary<Key, InterfaceModel>? models)
            && models.TryGetValue(new Key(method, options), out model);
    }

    /// <summary>
    /// Stores <paramref name="model"/>; when another thread stored one first, returns that one so
    /// every caller sees the same instance (they are equal anyway).
    /// </summary>
    public static InterfaceModel Add(Compilation compilation, IMethodSymbol method, ExtractionOptions options, InterfaceModel model) =>
        s_byCompilation.GetValue(compilation, static _ => new ConcurrentDictionary<Key, InterfaceModel>())
            .GetOrAdd(new Key(method, options), model);

    private readonly struct Key : System.IEquatable<Key>
    {
        private readonly IMethodSymbol _method;
        private readonly ExtractionOptions _options;

        public Key(IMethodSymbol method, ExtractionOptions options)
        {
            _method = method;
            _options = options;
        }

        public bool Equals(Key other) =>
            SymbolEqualityComparer.Default.Equals(_method, other._method) && _options.Equals(other._options);

        public override bool Equals(object? obj) => obj is Key other && Equals(other);

        public override int GetHashCode() =>
            unchecked(SymbolEqualityComparer.Default.GetHashCode(_method) * 397 ^ _options.GetHashCode());
    }
}
