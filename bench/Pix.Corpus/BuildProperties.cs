using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Pix.Corpus;

/// <summary>
/// The analyzer-config options a project's <c>CompilerVisibleProperty</c> items give the generator and
/// the analyzers (<c>build_property.X</c>), here <c>PixAnnotateAll=true</c> (and <c>PixBottomUpSummaries</c>).
/// </summary>
internal sealed class BuildProperties : AnalyzerConfigOptionsProvider
{
    private readonly Values _global;

    public BuildProperties(IReadOnlyDictionary<string, string> properties)
    {
        var values = new Dictionary<string, string>();
        foreach (KeyValuePair<string, string> property in properties)
        {
            values["build_property." + property.Key] = property.Value;
        }

        _global = new Values(values);
    }

    /// <summary>What the corpus runs with: annotate-all on, everything else at its default.</summary>
    public static BuildProperties AnnotateAll { get; } = new(new Dictionary<string, string> { ["PixAnnotateAll"] = "true" });

    /// <summary>Annotate-all with <c>PixBottomUpSummaries</c> set as the run asks (the keystroke run with <c>--bottom-up</c>).</summary>
    public static BuildProperties AnnotateAllWith(bool bottomUp) =>
        new(new Dictionary<string, string> { ["PixAnnotateAll"] = "true", ["PixBottomUpSummaries"] = bottomUp ? "true" : "false" });

    public override AnalyzerConfigOptions GlobalOptions => _global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Values.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Values.Empty;

    private sealed class Values : AnalyzerConfigOptions
    {
        public static readonly Values Empty = new(new Dictionary<string, string>());

        private readonly Dictionary<string, string> _values;

        public Values(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
    }
}
