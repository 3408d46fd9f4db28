using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Pix.Testing;

/// <summary>
/// Analyzer-config options with global entries only, as a project gives them to the generator and the
/// analyzers: its <c>CompilerVisibleProperty</c> items (<c>build_property.X</c>) and its
/// <c>.globalconfig</c> keys. No file has options of its own.
/// </summary>
public sealed class GlobalAnalyzerConfig : AnalyzerConfigOptionsProvider
{
    private readonly Options _global;

    /// <summary>Global options given by their full keys (<c>build_property.PixResolution</c>, <c>pix_constant_time_balanced_branches</c>…).</summary>
    public GlobalAnalyzerConfig(IEnumerable<KeyValuePair<string, string>> globalOptions) =>
        _global = new Options(globalOptions.ToImmutableDictionary());

    /// <summary>
    /// The options of a project that sets the given MSBuild properties; a null value means the project
    /// does not set that property (its key is absent, as with a property the project never defines).
    /// </summary>
    public static GlobalAnalyzerConfig FromBuildProperties(params (string Name, string? Value)[] properties) =>
        new(properties
            .Where(p => p.Value is not null)
            .Select(p => new KeyValuePair<string, string>("build_property." + p.Name, p.Value!)));

    /// <summary>Global options given as key/value pairs by their full keys.</summary>
    public static GlobalAnalyzerConfig FromKeys(params (string Key, string Value)[] globalOptions) =>
        new(globalOptions.Select(o => new KeyValuePair<string, string>(o.Key, o.Value)));

    /// <inheritdoc/>
    public override AnalyzerConfigOptions GlobalOptions => _global;

    /// <inheritdoc/>
    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    /// <inheritdoc/>
    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
