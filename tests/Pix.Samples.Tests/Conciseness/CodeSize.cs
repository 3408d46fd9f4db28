using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Pix.Samples.Tests.Conciseness;

/// <summary>
/// The size of a piece of C#: lines of code (lines holding at least one token, so blank lines and
/// lines of comments or doc comments do not count) and syntax nodes (tokens and trivia excluded).
/// The same measure is applied to the interfaces and to the code they summarise.
/// </summary>
public readonly record struct CodeSize(int Lines, int Nodes)
{
    public static CodeSize Zero => default;

    public static CodeSize Of(SyntaxNode node)
    {
        SyntaxTree tree = node.SyntaxTree;
        int lines = node.DescendantTokens()
            .Where(t => !t.IsKind(SyntaxKind.None) && t.Span.Length > 0)
            .Select(t => tree.GetLineSpan(t.Span).StartLinePosition.Line)
            .Distinct()
            .Count();
        return new CodeSize(lines, node.DescendantNodesAndSelf().Count());
    }

    public static CodeSize operator +(CodeSize a, CodeSize b) => new(a.Lines + b.Lines, a.Nodes + b.Nodes);
}
