using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pix.Corpus;

/// <summary>One method with a body: what annotate-all mode would extract.</summary>
/// <param name="Key">Unique within the corpus: documentation ID, file and position (local functions and partial parts share IDs).</param>
/// <param name="Kind">Method, constructor, operator, accessor, local function…</param>
internal sealed record MethodTarget(string Key, string Kind, IMethodSymbol Symbol)
{
    /// <summary>What a run's outcome keeps of the target: its names, without the symbol (and so without its compilation).</summary>
    public MethodKey Detached => new(Key, Kind, Symbol.ToDisplayString());
}

/// <summary>
/// A target as the report names it once its run is over. No symbol: a symbol holds its whole compilation (trees,
/// bound bodies, Pix's per-compilation tables), and a run's outcomes outlive the run (docs/robustness.md,
/// "Twenty-seventh session: what a second run's heap holds").
/// </summary>
/// <param name="Display">The symbol's display string (the report's slowest methods).</param>
internal sealed record MethodKey(string Key, string Kind, string Display);

/// <summary>Finds every method with a body (block or expression) in a compilation, in source order.</summary>
internal static class MethodTargets
{
    public static List<MethodTarget> Find(Compilation compilation, CancellationToken ct)
    {
        var targets = new List<MethodTarget>();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (SyntaxNode node in tree.GetRoot(ct).DescendantNodes())
            {
                ct.ThrowIfCancellationRequested();
                IMethodSymbol? symbol = node switch
                {
                    BaseMethodDeclarationSyntax m when m.Body is not null || m.ExpressionBody is not null => model.GetDeclaredSymbol(m, ct) as IMethodSymbol,
                    AccessorDeclarationSyntax a when a.Body is not null || a.ExpressionBody is not null => model.GetDeclaredSymbol(a, ct) as IMethodSymbol,
                    LocalFunctionStatementSyntax f when f.Body is not null || f.ExpressionBody is not null => model.GetDeclaredSymbol(f, ct) as IMethodSymbol,
                    BasePropertyDeclarationSyntax { } p when ExpressionBody(p) is not null => (model.GetDeclaredSymbol(p, ct) as IPropertySymbol)?.GetMethod,
                    _ => null,
                };
                if (symbol is not null)
                {
                    string id = symbol.GetDocumentationCommentId() ?? symbol.ToDisplayString();
                    targets.Add(new MethodTarget($"{id}@{tree.FilePath}:{node.SpanStart}", KindOf(node), symbol));
                }
            }
        }

        return targets;
    }

    private static ArrowExpressionClauseSyntax? ExpressionBody(BasePropertyDeclarationSyntax property) => property switch
    {
        PropertyDeclarationSyntax p => p.ExpressionBody,
        IndexerDeclarationSyntax i => i.ExpressionBody,
        _ => null,
    };

    private static string KindOf(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax => "method",
        ConstructorDeclarationSyntax => "constructor",
        DestructorDeclarationSyntax => "finalizer",
        OperatorDeclarationSyntax or ConversionOperatorDeclarationSyntax => "operator",
        LocalFunctionStatementSyntax => "local function",
        _ => "accessor",
    };
}
