using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pix.Extraction.Analysis;

/// <summary>
/// Methods the throw-helper rule (<see cref="ThrowingMethods"/>) can answer from their syntax, without binding their body:
/// a block body whose last statement is <c>return e;</c> with <c>e</c> a value no binding turns into a throw or a call
/// (a name, a literal, an operator, a <c>new</c>…). The rule looks at the last statement first
/// (<see cref="MethodAnalyzer.EndsInThrow(IOperation?, System.Func{IMethodSymbol, bool})"/>): a return of such a value
/// ends the method without throwing, so the answer is "no" before any callee is asked about. The rule's binding was 15% of
/// Newtonsoft.Json's (a third in its slowest 1%; docs/robustness.md, twenty-first session); a body the walk reads anyway
/// is bound then, so what this saves is the bodies only the rule reads (calls beyond the call depth).
/// </summary>
internal static class PlainReturn
{
    /// <summary>
    /// Whether <paramref name="method"/>'s body in <paramref name="compilation"/> (the one <see cref="MethodBodies.Find"/>
    /// binds) ends with <c>return e;</c>, <c>e</c> plainly neither a throw nor a call (see the class).
    /// </summary>
    public static bool Ends(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        IMethodSymbol implementation = method.PartialImplementationPart ?? method;
        if (implementation.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        SyntaxReference reference = implementation.DeclaringSyntaxReferences[0];
        if (!compilation.ContainsSyntaxTree(reference.SyntaxTree))
        {
            return false;
        }

        BlockSyntax? body = reference.GetSyntax(cancellationToken) switch
        {
            MethodDeclarationSyntax m => m.Body,
            LocalFunctionStatementSyntax l => l.Body,
            _ => null,
        };
        return body is { Statements: { Count: > 0 } statements }
            && statements[statements.Count - 1] is ReturnStatementSyntax { Expression: { } value }
            && IsPlainValue(value);
    }

    /// <summary>
    /// Whether <paramref name="value"/>'s operation, with the implicit conversions and parentheses the rule looks through,
    /// can only be something other than a throw or an invocation, whatever it binds to. A call, a cast, a query, a
    /// <c>switch</c> expression, an await or anything not listed: not plain (the rule binds the body and decides).
    /// </summary>
    /// <remarks>
    /// Not listed on purpose: <c>e!</c> (it binds to <c>e</c>'s own operation, a call if <c>e</c> is one), an element
    /// access (a range of an array binds to a helper call), a conditional access, a cast, a <c>switch</c> expression.
    /// </remarks>
    internal static bool IsPlainValue(ExpressionSyntax value) => value switch
    {
        ParenthesizedExpressionSyntax parenthesized => IsPlainValue(parenthesized.Expression),
        PostfixUnaryExpressionSyntax postfix => !postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression),
        MemberAccessExpressionSyntax access => access.IsKind(SyntaxKind.SimpleMemberAccessExpression),
        LiteralExpressionSyntax or IdentifierNameSyntax or ThisExpressionSyntax or BaseExpressionSyntax
            or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or AssignmentExpressionSyntax
            or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax
            or ConditionalExpressionSyntax or InterpolatedStringExpressionSyntax or TypeOfExpressionSyntax
            or DefaultExpressionSyntax or TupleExpressionSyntax or IsPatternExpressionSyntax => true,
        _ => false,
    };
}
