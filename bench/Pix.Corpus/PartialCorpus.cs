using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pix.Corpus;

/// <summary>
/// Declares every class, struct and record of a corpus <c>partial</c>, so that annotate-all mode can give
/// every method a companion: decompiled code has no partial types, and Pix adds members only to those.
/// The change has no effect on what any method does (partial only allows more declarations), so the
/// interfaces extracted from the rewritten code are those of the original.
/// </summary>
internal static class PartialCorpus
{
    public static IReadOnlyList<(string Path, string Text)> Rewrite(IReadOnlyList<(string Path, string Text)> sources, CSharpParseOptions options) =>
        sources.Select(s => (s.Path, Rewrite(CSharpSyntaxTree.ParseText(s.Text, options, path: s.Path)))).ToList();

    private static string Rewrite(SyntaxTree tree)
    {
        var types = tree.GetRoot().DescendantNodes()
            .OfType<TypeDeclarationSyntax>()
            .Where(t => t is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax && !t.Modifiers.Any(SyntaxKind.PartialKeyword))
            .ToList();
        if (types.Count == 0)
        {
            return tree.GetText().ToString();
        }

        // 'partial' must come right before the keyword (class, struct, record): the end of the modifier list.
        SyntaxNode root = tree.GetRoot().ReplaceNodes(types, (original, rewritten) =>
        {
            var declaration = (TypeDeclarationSyntax)rewritten;
            SyntaxToken partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            if (declaration.Modifiers.Count == 0)
            {
                // Keep the declaration's leading trivia (comments, attributes' line breaks) in front of 'partial'.
                SyntaxToken keyword = declaration.Keyword;
                return declaration.WithKeyword(keyword.WithLeadingTrivia())
                    .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia)));
            }

            return declaration.WithModifiers(declaration.Modifiers.Add(partial));
        });
        return root.ToFullString();
    }
}
