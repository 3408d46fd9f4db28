using Microsoft.CodeAnalysis;
using Pix.Model;

namespace Pix.Extraction.Analysis;

/// <summary>Provenance from syntax.</summary>
internal static class SourceLocations
{
    public static Provenance Of(SyntaxNode? node, string construct)
    {
        if (node is null)
        {
            return new Provenance(string.Empty, 0, 0, 0, 0, construct);
        }

        FileLinePositionSpan lines = node.SyntaxTree.GetLineSpan(node.Span);
        return new Provenance(
            node.SyntaxTree.FilePath ?? string.Empty,
            node.Span.Start,
            node.Span.Length,
            lines.StartLinePosition.Line + 1,
            lines.EndLinePosition.Line + 1,
            construct);
    }

    public static Provenance Of(IOperation operation, string construct) => Of(operation.Syntax, construct);

    public static Provenance Of(ISymbol symbol, string construct)
    {
        foreach (SyntaxReference reference in symbol.DeclaringSyntaxReferences)
        {
            return Of(reference.GetSyntax(), construct);
        }

        return new Provenance(string.Empty, 0, 0, 0, 0, construct);
    }

    public static int Line(IOperation operation) => Line(operation.Syntax);

    public static int Line(SyntaxNode node) => node.SyntaxTree.GetLineSpan(node.Span).StartLinePosition.Line + 1;
}
