using System.Collections.Generic;
using System.IO;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Pix.Corpus;

/// <summary>
/// A compilation of a corpus: every .cs file under a folder, the .NET 10 reference assemblies, Pix.Runtime
/// and the package's dependencies. Compile errors are expected (decompiled code is not always valid
/// C#) and are counted, not fixed: the extractor must cope with them.
/// </summary>
internal static class CorpusCompilation
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>
    /// The extraction options of the timed runs: the defaults, without reuse across compilations (the second
    /// run must extract again, on its own compilation, for the timing and the determinism check to mean anything).
    /// </summary>
    public static Pix.Extraction.ExtractionOptions Extraction { get; } = Pix.Extraction.ExtractionOptions.Default with { ReuseAcrossCompilations = false };

    public static IReadOnlyList<(string Path, string Text)> ReadSources(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                        && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .OrderBy(path => path, System.StringComparer.Ordinal)
            .Select(path => (path, File.ReadAllText(path)))
            .ToList();

    /// <summary>A fresh compilation (fresh syntax trees, fresh semantic caches) of <paramref name="sources"/>.</summary>
    /// <param name="isolation">
    /// Non-zero adds one unrelated declaration (<c>PixCorpusIsolation.RunN</c>): the compilation's declarations
    /// then differ from every other run's, so that no extraction is served from Pix's cross-compilation cache.
    /// The generator cannot be given options, so this is how its second run is made independent of its first.
    /// </param>
    public static CSharpCompilation Create(string name, IReadOnlyList<(string Path, string Text)> sources, IEnumerable<string> dependencies, int isolation = 0) =>
        CSharpCompilation.Create(
            name,
            sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, ParseOptions, path: s.Path))
                .Concat(isolation == 0
                    ? []
                    : [CSharpSyntaxTree.ParseText($"namespace PixCorpusIsolation {{ internal static class Run{isolation} {{ }} }}", ParseOptions, path: $"PixCorpusIsolation{isolation}.cs")]),
            Net100.References.All.Cast<MetadataReference>()
                .Append(MetadataReference.CreateFromFile(typeof(PerformanceInterfaceAttribute).Assembly.Location))
                .Concat(dependencies.Select(d => MetadataReference.CreateFromFile(d))),
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Enable,
                deterministic: true));
}
