using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Pix.Extraction.Caching;

/// <summary>
/// The declarations of one syntax tree that have a body (methods, constructors, operators, accessors,
/// expression-bodied properties and indexers, local functions outside bodies), in document order: the
/// units a cached model depends on and its provenance points into (<see cref="SourceDependencies"/>).
/// A declaration is known by its ordinal here, which survives edits of bodies:
/// <see cref="DeclarationFingerprint"/> hashes everything outside bodies with one marker per body, so
/// two trees with the same fingerprint have the same declarations with bodies in the same order,
/// whatever the bodies say. They never nest (what is inside a body belongs to it), so their spans are
/// disjoint and in order.
/// </summary>
/// <remarks>
/// Built once per tree object (an unchanged document keeps its tree from one compilation to the next)
/// and held weakly. The checksum of a declaration's text is computed the first time it is asked for.
/// </remarks>
internal sealed class DeclarationIndex
{
    private static readonly ConditionalWeakTable<SyntaxTree, DeclarationIndex> s_trees = new();

    private readonly SyntaxTree _tree;
    private readonly SyntaxNode[] _declarations;
    private readonly Dictionary<SyntaxNode, int> _ordinals;
    private readonly string?[] _checksums;

    private DeclarationIndex(SyntaxTree tree, SyntaxNode root)
    {
        _tree = tree;
        var declarations = new List<SyntaxNode>();
        foreach (SyntaxNode node in root.DescendantNodes(static n => !IsBody(n)))
        {
            if (IsBody(node))
            {
                declarations.Add(node.Parent!);
            }
        }

        _declarations = declarations.ToArray();
        _ordinals = new Dictionary<SyntaxNode, int>(_declarations.Length);
        for (int i = 0; i < _declarations.Length; i++)
        {
            _ordinals[_declarations[i]] = i;
        }

        _checksums = new string?[_declarations.Length];
        Directives = DirectivesOf(root);
    }

    /// <summary>The index of <paramref name="tree"/>.</summary>
    public static DeclarationIndex Of(SyntaxTree tree, CancellationToken ct) =>
        s_trees.TryGetValue(tree, out DeclarationIndex? index) ? index : s_trees.GetValue(tree, t => new DeclarationIndex(t, t.GetRoot(ct)));

    /// <summary>
    /// A method's, accessor's, operator's or local function's code: what the extractor reads through a
    /// semantic model, never what other code binds against. <see cref="DeclarationFingerprint"/> leaves
    /// these out; this index is built from them.
    /// </summary>
    public static bool IsBody(SyntaxNode node) => node switch
    {
        BlockSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax } => true,
        ArrowExpressionClauseSyntax { Parent: BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax or LocalFunctionStatementSyntax } => true,
        _ => false,
    };

    /// <summary>
    /// The code of <paramref name="declaration"/> (a declaration with a body, or the arrow clause an
    /// expression-bodied property's getter is declared by): its block or expression body, null when it
    /// has none (an abstract member, an auto-accessor, a primary constructor).
    /// </summary>
    public static SyntaxNode? BodyOf(SyntaxNode declaration) => declaration switch
    {
        BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
        AccessorDeclarationSyntax a => (SyntaxNode?)a.Body ?? a.ExpressionBody,
        PropertyDeclarationSyntax p => p.ExpressionBody,
        IndexerDeclarationSyntax i => i.ExpressionBody,
        LocalFunctionStatementSyntax l => (SyntaxNode?)l.Body ?? l.ExpressionBody,
        ArrowExpressionClauseSyntax arrow => arrow,
        _ => null,
    };

    /// <summary>Number of declarations.</summary>
    public int Count => _declarations.Length;

    /// <summary>
    /// A hash of the tree's preprocessor directives. They are trivia, so neither the fingerprint nor a
    /// declaration's text sees one outside it, yet they change how a body binds (<c>#nullable</c>,
    /// <c>#define</c> with <c>#if</c>, <c>#line</c> for caller line numbers).
    /// </summary>
    public string Directives { get; }

    /// <summary>The declaration with ordinal <paramref name="ordinal"/>.</summary>
    public SyntaxNode this[int ordinal] => _declarations[ordinal];

    /// <summary>
    /// The ordinal of the declaration whose body holds <paramref name="node"/> (the outermost body: a
    /// local function or lambda belongs to the member around it), or of <paramref name="node"/> itself
    /// when it is a declaration with a body; null when no body is involved (an abstract or extern
    /// member, a primary constructor: the analysis reads no code there).
    /// </summary>
    public int? DeclarationOf(SyntaxNode node)
    {
        SyntaxNode declaration = node;
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            if (IsBody(current))
            {
                declaration = current.Parent!;
            }
        }

        return _ordinals.TryGetValue(declaration, out int ordinal) ? ordinal : null;
    }

    /// <summary>
    /// The ordinal of the declaration whose span holds the <paramref name="length"/> characters at
    /// <paramref name="start"/>, or null (outside every declaration with a body).
    /// </summary>
    public int? DeclarationSpanning(int start, int length)
    {
        // Declarations never nest: the last one starting at or before the span decides.
        int low = 0, high = _declarations.Length - 1, found = -1;
        while (low <= high)
        {
            int middle = low + ((high - low) / 2);
            if (_declarations[middle].SpanStart <= start)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found >= 0 && _declarations[found].Span.End >= start + length ? found : null;
    }

    /// <summary>A checksum of the text of declaration <paramref name="ordinal"/> (its span: attributes to closing brace).</summary>
    public string ChecksumOf(int ordinal, CancellationToken ct)
    {
        // Two threads may compute the same value; either write is right.
        return _checksums[ordinal] ??= Hash(_tree.GetText(ct).ToString(_declarations[ordinal].Span));
    }

    /// <summary>Where declaration <paramref name="ordinal"/> is now.</summary>
    public DeclarationPlace PlaceOf(int ordinal, CancellationToken ct)
    {
        TextSpan span = _declarations[ordinal].Span;
        TextLineCollection lines = _tree.GetText(ct).Lines;
        return new DeclarationPlace(span.Start, span.Length, lines.GetLineFromPosition(span.Start).LineNumber + 1, lines.GetLineFromPosition(span.End).LineNumber + 1);
    }

    private static string DirectivesOf(SyntaxNode root)
    {
        var text = new StringBuilder();
        // Pix reads C# only; another language's tree has no body Pix reads, nor directives it must see.
        if (root is not CSharpSyntaxNode csharp)
        {
            return "";
        }

        for (DirectiveTriviaSyntax? directive = csharp.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
        {
            text.Append(directive.ToString()).Append('\u0001');
        }

        return Hash(text.ToString());
    }

    private static string Hash(string text)
    {
        using SHA256 sha = SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text)));
    }
}

/// <summary>A declaration's span and lines (1-based, as in a <see cref="Pix.Model.Provenance"/>).</summary>
internal readonly record struct DeclarationPlace(int Start, int Length, int Line, int EndLine)
{
    /// <summary>Whether a span of <paramref name="length"/> characters at <paramref name="start"/> lies inside.</summary>
    public bool Holds(int start, int length) => start >= Start && start + length <= Start + Length;
}
