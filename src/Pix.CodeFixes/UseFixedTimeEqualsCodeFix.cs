using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using Pix.Analyzers.Diagnostics;

namespace Pix.CodeFixes;

/// <summary>
/// Replaces a secret byte comparison with <c>CryptographicOperations.FixedTimeEquals</c>: a
/// <c>SequenceEqual</c> call (PIX0104), or a hand-written early-exit loop after a length check
/// (PIX0101). Offered only when the target framework has <c>FixedTimeEquals</c> (.NET Core 2.1+).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseFixedTimeEqualsCodeFix)), Shared]
public sealed class UseFixedTimeEqualsCodeFix : CodeFixProvider
{
    private const string Title = "Use CryptographicOperations.FixedTimeEquals";
    private const string CryptographicOperations = "System.Security.Cryptography.CryptographicOperations";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.VariableTimeApi, DiagnosticIds.SecretDependentLoop);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || !HasFixedTimeEquals(model.Compilation))
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (diagnostic.Id == DiagnosticIds.VariableTimeApi &&
                node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation &&
                SequenceEqualOperands(invocation, model, context.CancellationToken) is var (left, right))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => ReplaceAsync(context.Document, invocation, Call(left, right), ct), Title),
                    diagnostic);
            }
            else if (diagnostic.Id == DiagnosticIds.SecretDependentLoop &&
                     EarlyExitLoop.Match(node, model, context.CancellationToken) is { } loop)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => ReplaceLoopAsync(context.Document, loop, ct), Title),
                    diagnostic);
            }
        }
    }

    private static bool HasFixedTimeEquals(Compilation compilation) =>
        compilation.GetTypeByMetadataName(CryptographicOperations)?.GetMembers("FixedTimeEquals").Any() == true;

    /// <summary>
    /// The two byte sequences of <c>a.SequenceEqual(b)</c> (span or array), or null. Not for
    /// <c>a?.SequenceEqual(b)</c> or <c>a?.AsSpan().SequenceEqual(b)</c>: the call is the tail of the <c>?.</c> (replacing it alone gives
    /// <c>a? FixedTimeEquals(a, b)</c>), and it gives null for a null <c>a</c> where FixedTimeEquals compares an empty span.
    /// </summary>
    private static (ExpressionSyntax Left, ExpressionSyntax Right)? SequenceEqualOperands(
        InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation { TargetMethod.Name: "SequenceEqual" } call ||
            call.Arguments.Length != 2 ||
            call.Arguments.Any(a => !ByteSequences.IsByteBuffer(ByteSequences.Unconvert(a.Value).Type)) ||
            call.Arguments.Any(a => a.Value.DescendantsAndSelf().Any(o => o is IConditionalAccessInstanceOperation && !invocation.Span.Contains(o.Syntax.Span))))
        {
            return null;
        }

        return (ByteSequences.Unconvert(call.Arguments[0].Value).Syntax as ExpressionSyntax ?? (ExpressionSyntax)call.Arguments[0].Value.Syntax,
                ByteSequences.Unconvert(call.Arguments[1].Value).Syntax as ExpressionSyntax ?? (ExpressionSyntax)call.Arguments[1].Value.Syntax);
    }

    /// <summary><c>CryptographicOperations.FixedTimeEquals(left, right)</c>, with the using added by the code-action cleanup.</summary>
    internal static ExpressionSyntax Call(ExpressionSyntax left, ExpressionSyntax right) =>
        SyntaxFactory.InvocationExpression(
            SyntaxFactory.ParseExpression("global::" + CryptographicOperations + ".FixedTimeEquals")
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
            {
                SyntaxFactory.Argument(left.WithoutTrivia()),
                SyntaxFactory.Argument(right.WithoutTrivia()),
            })));

    private static async Task<Document> ReplaceAsync(Document document, SyntaxNode oldNode, SyntaxNode newNode, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        return await WithImportAsync(document.WithSyntaxRoot(root.ReplaceNode(oldNode, newNode.WithTriviaFrom(oldNode))), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Document> ReplaceLoopAsync(Document document, EarlyExitLoop loop, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        ReturnStatementSyntax replacement = SyntaxFactory.ReturnStatement(Call(loop.Left, loop.Right))
            .WithTriviaFrom(loop.Loop)
            .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
        BlockSyntax block = loop.Block
            .RemoveNode(loop.ReturnTrue, SyntaxRemoveOptions.KeepNoTrivia)!;
        block = block.ReplaceNode(block.Statements[loop.Block.Statements.IndexOf(loop.Loop)], replacement);
        return await WithImportAsync(document.WithSyntaxRoot(root.ReplaceNode(loop.Block, block)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds <c>using System.Security.Cryptography;</c> for the annotated name (the cleanup then simplifies it).</summary>
    private static Task<Document> WithImportAsync(Document document, CancellationToken cancellationToken) =>
        ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken);
}
