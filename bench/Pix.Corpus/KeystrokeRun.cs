using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Pix.Extraction;
using Pix.Generator;

namespace Pix.Corpus;

/// <summary>One edit and the generator pass that followed it.</summary>
/// <param name="Method">The documentation ID of the method whose body was edited.</param>
/// <param name="File">The file it is in.</param>
/// <param name="Elapsed">Wall-clock time of the generator pass over the edited compilation.</param>
/// <param name="ChangedFiles">Generated files whose text differs from the pass before.</param>
/// <param name="Extracted">Methods the pass analysed again (the rest came from the cross-compilation cache).</param>
/// <param name="Reused">Models the cross-compilation cache served in the pass.</param>
/// <param name="Relocated">Of those, models whose provenance was moved (an edit earlier in a file they depend on).</param>
/// <param name="Allocated">Bytes allocated during the pass, all threads (not noisy, unlike <paramref name="Elapsed"/>).</param>
/// <param name="Kept">Specs the generator kept from the pass before without visiting their methods (counted with <c>verify</c> only: counting walks declarations).</param>
internal sealed record Keystroke(string Method, string File, TimeSpan Elapsed, long Allocated, int ChangedFiles, int Extracted, int Reused, int Relocated, int Kept);

/// <summary>What the IDE pays per keystroke: the first pass, then one pass per edit.</summary>
/// <param name="FirstPass">The generator's pass over the unedited corpus (every method extracted).</param>
/// <param name="Exceptions">Passes in which the generator threw (the driver catches it): each one a Pix bug.</param>
/// <param name="Verified">Models served by the cache, or kept by the generator from the pass before, after an edit that were compared with a fresh extraction (0 unless asked).</param>
/// <param name="Mismatches">Those that differed from it, as "method: what differs" (each one a cache bug).</param>
internal sealed record KeystrokeResult(TimeSpan FirstPass, IReadOnlyList<Keystroke> Keystrokes, int Exceptions, int Verified, IReadOnlyList<string> Mismatches);

/// <summary>
/// The IDE makes a new compilation on every keystroke and runs the generator on it, incrementally from the
/// driver of the compilation before. This run does the same with annotate-all on (and <c>PixBottomUpSummaries</c> as
/// asked): one pass over the corpus,
/// then <c>count</c> edits, each inserting a statement (<c>_ = 0;</c>) at the start of one method's block
/// body, chained (each edit's compilation is the previous one's with one more edit, as a user's session
/// is), each timed. The methods are spread evenly over the corpus in source order, so the figures are a
/// sample of where a user might type, not a choice of cheap or costly places. With <c>verify</c>, every
/// model the cache served in a pass is then compared with a fresh extraction in the same compilation
/// (no reuse of any kind), outside the timed pass.
/// </summary>
/// <remarks>
/// What an edit costs is decided by what it invalidates: the cross-compilation cache keeps every model whose
/// declarations and depended-on bodies are unchanged (moving those after the edit in its file), so a pass
/// re-extracts the edited method and those whose analysis read its body, and takes the rest from the cache.
/// </remarks>
internal static class KeystrokeRun
{
    public static KeystrokeResult Run(CSharpCompilation corpus, int count, CancellationToken ct, bool verify = false, bool bottomUp = false)
    {
        BuildProperties properties = BuildProperties.AnnotateAllWith(bottomUp);
        // What the generator extracts kept models with (through the property, as a project sets it), to verify them against.
        ExtractionOptions extraction = PerformanceInterfaceGenerator.Parser.ProjectExtraction(properties.GlobalOptions);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new PerformanceInterfaceGenerator().AsSourceGenerator() },
            parseOptions: (CSharpParseOptions)corpus.SyntaxTrees.First().Options,
            optionsProvider: properties);
        var stopwatch = Stopwatch.StartNew();
        driver = driver.RunGenerators(corpus, ct);
        TimeSpan firstPass = stopwatch.Elapsed;
        int exceptions = Threw(driver) ? 1 : 0;
        Dictionary<string, string> generated = Generated(driver);

        List<(string Path, int Position, string Method)> sites = EditSites(corpus, ct);
        var keystrokes = new List<Keystroke>();
        CSharpCompilation current = corpus;
        var inserted = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        int verified = 0;
        var mismatches = new List<string>();
        for (int i = 0; i < count && sites.Count > 0; i++)
        {
            // Evenly spaced over the sites; the same site twice only when count exceeds them.
            var site = sites[(int)((long)i * sites.Count / Math.Min(count, sites.Count)) % sites.Count];
            SyntaxTree before = current.SyntaxTrees.First(t => t.FilePath == site.Path);
            SyntaxTree after = Edit(before, site.Position, inserted, ct);
            current = current.ReplaceSyntaxTree(before, after);

            int extracted = 0, relocated = 0;
            var reused = new ConcurrentQueue<(IMethodSymbol Method, Compilation Compilation, ExtractionOptions Options)>();
            var kept = new ConcurrentQueue<(MethodDeclarationSyntax Declaration, Compilation Compilation, Pix.Model.InterfaceModel Model)>();
            // The hooks are process-wide: count only this corpus's methods (tests run other extractions beside it).
            bool Ours(IMethodSymbol m) => m.ContainingAssembly?.Name == corpus.AssemblyName;
            InterfaceExtractor.ExtractedForTesting = m =>
            {
                if (Ours(m))
                {
                    Interlocked.Increment(ref extracted);
                }
            };
            InterfaceExtractor.ReusedForTesting = (m, compilation, options, moved) =>
            {
                if (Ours(m))
                {
                    reused.Enqueue((m, compilation, options));
                    if (moved)
                    {
                        Interlocked.Increment(ref relocated);
                    }
                }
            };
            if (verify)
            {
                // Kept specs never reach the extractor: the generator reports them, with the declaration to resolve later.
                PerformanceInterfaceGenerator.TreeTargets.ReusedForTesting = (compilation, declaration, model) => kept.Enqueue((declaration, compilation, model));
            }

            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            stopwatch.Restart();
            try
            {
                driver = driver.RunGenerators(current, ct);
            }
            finally
            {
                InterfaceExtractor.ExtractedForTesting = null;
                InterfaceExtractor.ReusedForTesting = null;
                PerformanceInterfaceGenerator.TreeTargets.ReusedForTesting = null;
            }

            TimeSpan elapsed = stopwatch.Elapsed;
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            exceptions += Threw(driver) ? 1 : 0;
            Dictionary<string, string> now = Generated(driver);
            int changed = now.Count(f => !generated.TryGetValue(f.Key, out string? text) || !string.Equals(text, f.Value, StringComparison.Ordinal))
                + generated.Keys.Count(k => !now.ContainsKey(k));
            generated = now;
            keystrokes.Add(new Keystroke(site.Method, site.Path, elapsed, allocated, changed, extracted, reused.Count, relocated, kept.Count));
            if (verify)
            {
                foreach (var served in reused)
                {
                    verified++;
                    if (ReuseCheck.Difference(served.Method, served.Compilation, served.Options, ct) is { } difference)
                    {
                        mismatches.Add($"{served.Method.GetDocumentationCommentId()} after editing {site.Method}: {difference}");
                    }
                }

                foreach (var spec in kept)
                {
                    verified++;
                    var method = (IMethodSymbol)spec.Compilation.GetSemanticModel(spec.Declaration.SyntaxTree).GetDeclaredSymbol(spec.Declaration, ct)!;
                    if (ReuseCheck.Difference(spec.Model, method, spec.Compilation, extraction, ct) is { } difference)
                    {
                        mismatches.Add($"{method.GetDocumentationCommentId()} (kept by the generator) after editing {site.Method}: {difference}");
                    }
                }
            }
        }

        return new KeystrokeResult(firstPass, keystrokes, exceptions, verified, mismatches);
    }

    /// <summary>Block bodies of ordinary methods, in source order: where <c>_ = 0;</c> is a valid first statement.</summary>
    private static List<(string Path, int Position, string Method)> EditSites(Compilation compilation, CancellationToken ct)
    {
        var sites = new List<(string, int, string)>();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (MethodDeclarationSyntax method in tree.GetRoot(ct).DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (method.Body is { } body && model.GetDeclaredSymbol(method, ct) is { } symbol)
                {
                    sites.Add((tree.FilePath, body.OpenBraceToken.Span.End, symbol.GetDocumentationCommentId() ?? symbol.Name));
                }
            }
        }

        return sites;
    }

    /// <summary>
    /// The tree with <see cref="Insertion"/> after the brace that ends at <paramref name="braceEnd"/> in the
    /// original file, shifted by the insertions made before it in that file (<paramref name="inserted"/>,
    /// original positions per path, updated).
    /// </summary>
    private static SyntaxTree Edit(SyntaxTree tree, int braceEnd, Dictionary<string, List<int>> inserted, CancellationToken ct)
    {
        if (!inserted.TryGetValue(tree.FilePath, out List<int>? earlier))
        {
            inserted[tree.FilePath] = earlier = new List<int>();
        }

        int position = braceEnd + Insertion.Length * earlier.Count(p => p <= braceEnd);
        earlier.Add(braceEnd);
        SourceText text = tree.GetText(ct);
        return tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(position, 0), Insertion)));
    }

    private const string Insertion = " _ = 0;";

    private static bool Threw(GeneratorDriver driver) => driver.GetRunResult().Results.Single().Exception is not null;

    private static Dictionary<string, string> Generated(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().GeneratedSources
            .ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
}
