using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pix.CodeFixes;

/// <summary>
/// The hand-written comparison the fix replaces, in a block:
/// <code>
/// if (a.Length != b.Length) return false;      // required: FixedTimeEquals also returns false here
/// for (int i = 0; i &lt; a.Length; i++)
///     if (a[i] != b[i]) return false;
/// return true;
/// </code>
/// Anything else (a break and a flag, a different bound, no length check) is left alone: the fix
/// must not change what the method returns.
/// </summary>
internal sealed record EarlyExitLoop(BlockSyntax Block, ForStatementSyntax Loop, ReturnStatementSyntax ReturnTrue, ExpressionSyntax Left, ExpressionSyntax Right)
{
    public static EarlyExitLoop? Match(SyntaxNode reported, SemanticModel model, CancellationToken cancellationToken)
    {
        if (reported.FirstAncestorOrSelf<ForStatementSyntax>() is not { Parent: BlockSyntax block } loop ||
            loop.Declaration?.Variables is not [{ Identifier.ValueText: var index }] ||
            SingleStatement(loop.Statement) is not IfStatementSyntax { Else: null } exit ||
            !IsReturn(SingleStatement(exit.Statement), SyntaxKind.FalseLiteralExpression) ||
            exit.Condition is not BinaryExpressionSyntax { RawKind: (int)SyntaxKind.NotEqualsExpression } comparison ||
            ElementOf(comparison.Left, index) is not { } left ||
            ElementOf(comparison.Right, index) is not { } right)
        {
            return null;
        }

        if (!VisitsEveryIndex(loop, index, left, right))
        {
            return null;
        }

        int position = block.Statements.IndexOf(loop);
        if (position + 1 >= block.Statements.Count ||
            block.Statements[position + 1] is not ReturnStatementSyntax returnTrue ||
            !IsReturn(returnTrue, SyntaxKind.TrueLiteralExpression) ||
            HasDirectivesTheFixWouldDelete(loop, returnTrue) ||
            !block.Statements.Take(position).Any(s => IsLengthCheck(s, left, right)) ||
            !ByteSequences.IsByteBuffer(model.GetTypeInfo(left, cancellationToken).Type) ||
            !ByteSequences.IsByteBuffer(model.GetTypeInfo(right, cancellationToken).Type))
        {
            return null;
        }

        return new EarlyExitLoop(block, loop, returnTrue, left, right);
    }

    /// <summary>
    /// Preprocessor directives inside the loop or before the <c>return true;</c>, which the fix deletes (the loop's own
    /// leading trivia is kept). Code in an inactive branch there is trivia, so the loop matches in this build, and the fix
    /// would delete it for the builds that define the symbol.
    /// </summary>
    private static bool HasDirectivesTheFixWouldDelete(ForStatementSyntax loop, ReturnStatementSyntax returnTrue) =>
        returnTrue.ContainsDirectives
        || (loop.ContainsDirectives && loop.DescendantTrivia().Any(t => t.IsDirective && t.SpanStart >= loop.SpanStart));

    /// <summary><c>for (int i = 0; i &lt; a.Length; i++)</c> (or <c>b.Length</c>, <c>++i</c>, <c>i += 1</c>).</summary>
    private static bool VisitsEveryIndex(ForStatementSyntax loop, string index, ExpressionSyntax left, ExpressionSyntax right) =>
        loop.Declaration!.Variables[0].Initializer?.Value is LiteralExpressionSyntax { Token.ValueText: "0" } &&
        loop.Condition is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LessThanExpression, Left: IdentifierNameSyntax i } bound &&
        i.Identifier.ValueText == index &&
        LengthOf(bound.Right) is { } length && (length == left.ToString() || length == right.ToString()) &&
        loop.Incrementors is [var step] &&
        step.ToString().Replace(" ", string.Empty) is var text && (text == index + "++" || text == "++" + index || text == index + "+=1");

    private static StatementSyntax? SingleStatement(StatementSyntax statement) =>
        statement is BlockSyntax { Statements: [var only] } ? only : statement is BlockSyntax ? null : statement;

    private static bool IsReturn(StatementSyntax? statement, SyntaxKind literal) =>
        statement is ReturnStatementSyntax { Expression: LiteralExpressionSyntax value } && value.IsKind(literal);

    /// <summary><c>a</c> from <c>a[i]</c> (the loop's index, nothing else).</summary>
    private static ExpressionSyntax? ElementOf(ExpressionSyntax expression, string index) =>
        expression is ElementAccessExpressionSyntax { ArgumentList.Arguments: [{ Expression: IdentifierNameSyntax i }] } access && i.Identifier.ValueText == index
            ? access.Expression
            : null;

    /// <summary><c>if (a.Length != b.Length) return false;</c> over the same two sequences.</summary>
    private static bool IsLengthCheck(StatementSyntax statement, ExpressionSyntax left, ExpressionSyntax right)
    {
        if (statement is not IfStatementSyntax { Else: null, Condition: BinaryExpressionSyntax { RawKind: (int)SyntaxKind.NotEqualsExpression } check } guard ||
            !IsReturn(SingleStatement(guard.Statement), SyntaxKind.FalseLiteralExpression))
        {
            return false;
        }

        string? a = LengthOf(check.Left);
        string? b = LengthOf(check.Right);
        string l = left.ToString();
        string r = right.ToString();
        return (a == l && b == r) || (a == r && b == l);
    }

    private static string? LengthOf(ExpressionSyntax expression) =>
        expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Length" } member ? member.Expression.ToString() : null;
}
