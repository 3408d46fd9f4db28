using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Pix.Extraction;
using Pix.Model;
using Pix.Serialization;
using Pix.Targets;

namespace Pix.Cli.BaselineUpdate;

/// <summary>
/// Extracts the interface of every supported <c>[PerformanceInterface]</c> method of a project into a
/// <see cref="Baseline"/>: the same methods, options and extractor the regression analyzer checks
/// against the file.
/// </summary>
internal static class BaselineBuilder
{
    /// <summary>The compilation the project's compiler saw (without source generators' output).</summary>
    public static CSharpCompilation Compile(ProjectInputs project, CancellationToken ct)
    {
        var parse = new CSharpParseOptions(ParseLanguageVersion(project.LangVersion), preprocessorSymbols: project.DefineConstants);
        var trees = project.SourceFiles.Select(path =>
        {
            ct.ThrowIfCancellationRequested();
            using FileStream stream = File.OpenRead(path);
            // Paths relative to the project (with '/') flow into every provenance of the interfaces,
            // so the committed file names no machine's directories and reads the same everywhere.
            return CSharpSyntaxTree.ParseText(SourceText.From(stream), parse, RelativePath(project.ProjectDirectory, path), ct);
        });
        var references = project.References.Select(path => MetadataReference.CreateFromFile(path));
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            allowUnsafe: project.AllowUnsafe,
            nullableContextOptions: project.NullableEnabled ? NullableContextOptions.Enable : NullableContextOptions.Disable);
        return CSharpCompilation.Create(Path.GetFileNameWithoutExtension(project.ProjectFile), trees, references, options);
    }

    /// <summary>One entry per supported annotated method, extracted with the project's resolution.</summary>
    public static Baseline Build(ProjectInputs project, Compilation compilation, CancellationToken ct)
    {
        // The same options the analyzers use: the defaults with the project's PixResolution and PixBottomUpSummaries.
        ExtractionOptions options = (project.Resolution is { } resolution
            ? ExtractionOptions.Default with { DefaultResolution = resolution }
            : ExtractionOptions.Default).WithProjectBottomUp(project.BottomUpSummaries);
        var entries = new List<BaselineEntry>();
        foreach (IMethodSymbol method in AnnotatedMethods(compilation, ct))
        {
            SyntaxReference declaration = method.DeclaringSyntaxReferences[0];
            InterfaceModel model = InterfaceExtractor.Extract(method, compilation, options, ct);
            entries.Add(new BaselineEntry(model, Source(declaration, ct)));
        }

        return Baseline.Create(entries);
    }

    private static IEnumerable<IMethodSymbol> AnnotatedMethods(Compilation compilation, CancellationToken ct)
    {
        if (compilation.GetTypeByMetadataName(MethodSupport.AttributeMetadataName) is not { } attribute)
        {
            yield break;
        }

        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (SyntaxNode node in tree.GetRoot(ct).DescendantNodes())
            {
                if (node is not Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax { AttributeLists.Count: > 0 }
                    || model.GetDeclaredSymbol(node, ct) is not IMethodSymbol method
                    || !method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute))
                    || !MethodSupport.Check(method, ct).IsSupported
                    // A partial method's two declarations are one method: take it once, at its first one.
                    || method.DeclaringSyntaxReferences[0].GetSyntax(ct) != node)
                {
                    continue;
                }

                yield return method;
            }
        }
    }

    private static string RelativePath(string projectDirectory, string path) =>
        Path.GetRelativePath(projectDirectory, path).Replace('\\', '/');

    private static SourceInfo Source(SyntaxReference declaration, CancellationToken ct)
    {
        SyntaxNode syntax = declaration.GetSyntax(ct);
        FileLinePositionSpan lines = declaration.SyntaxTree.GetLineSpan(declaration.Span, ct);
        return new SourceInfo(
            declaration.SyntaxTree.FilePath,
            declaration.Span.Start,
            declaration.Span.Length,
            lines.StartLinePosition.Line + 1,
            lines.EndLinePosition.Line + 1,
            SourceInfo.HashOf(syntax.ToString()));
    }

    private static LanguageVersion ParseLanguageVersion(string text) =>
        text.Length > 0 && LanguageVersionFacts.TryParse(text, out LanguageVersion version) ? version : LanguageVersion.Default;
}
