using System.Diagnostics;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pix.Extraction;
using Pix.Extraction.Analysis;
using Pix.Extraction.Caching;

namespace Pix.Corpus;

/// <summary>
/// Binds every body of a compilation before the timed run (<c>--prebind</c>), through the semantic models the
/// extractor shares per compilation and tree, the way it asks for a body (a constructor's whole declaration,
/// for its initializer; any other body node). The extraction then finds every body bound, so the run's times
/// are the analysis alone: the difference to a run without it is what binding cost each method, which is how
/// the tail is split between Roslyn's binding and Pix's analysis. Models do not change (binding is the same).
/// </summary>
internal static class Prebinding
{
    /// <summary>Binds every body; returns the milliseconds it took.</summary>
    public static double Run(Compilation compilation, ExtractionOptions options, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            SemanticModel model = SemanticModels.Of(compilation, tree, options.SkipNullableAnalysis);
            DeclarationIndex index = DeclarationIndex.Of(tree, ct);
            for (int i = 0; i < index.Count; i++)
            {
                SyntaxNode declaration = index[i];
                if (declaration is ConstructorDeclarationSyntax && model.GetOperation(declaration, ct) is not null)
                {
                    continue;
                }

                if (DeclarationIndex.BodyOf(declaration) is { } body)
                {
                    model.GetOperation(body, ct);
                }
            }
        }

        return clock.Elapsed.TotalMilliseconds;
    }
}
