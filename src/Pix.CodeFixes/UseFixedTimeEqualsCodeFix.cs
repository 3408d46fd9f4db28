using System.Collections.Generic;
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
    /// <remarks>
    /// Not <see cref="WellKnownFixAllProviders.BatchFixer"/>: it computes each fix on its own and merges their text
    /// changes, and every fix adds the same <c>using System.Security.Cryptography;</c>, so the merge dropped fixes as
    /// conflicting and Fix All left comparisons unfixed. Here a document's fixes are one edit, with the import added once.
    /// </remarks>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(static async (context, document, diagnostics) =>
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || !HasFixedTimeEquals(model.Compilation))
        {
            return document;
        }

        DocumentEditor editor = await DocumentEditor.CreateAsync(document, context.CancellationToken).ConfigureAwait(false);
        var fixedNodes = new HashSet<SyntaxNode>();
        foreach (Diagnostic diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (Fix(diagnostic, root, model, context.CancellationToken) is { } fix && fixedNodes.Add(fix.Node))
            {
                fix.Apply(editor);
            }
        }

        return await WithImportAsync(editor.GetChangedDocument(), context.CancellationToken).ConfigureAwait(false);
    });

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
            if (Fix(diagnostic, root, model, context.CancellationToken) is { } fix)
            {
                context.RegisterCodeFix(CodeAction.Create(Title, ct => ApplyAsync(context.Document, fix, ct), Title), diagnostic);
            }
        }
    }

    /// <summary>One fix: the node it rewrites (a comparison is fixed once however many diagnostics it has) and the edit.</summary>
    private sealed record FixEdit(SyntaxNode Node, System.Action<DocumentEditor> Apply);

    /// <summary>The fix of <paramref name="diagnostic"/>, or null when it has none (see the class summary).</summary>
    private static FixEdit? Fix(Diagnostic diagnostic, SyntaxNode root, SemanticModel model, CancellationToken cancellationToken)
    {
        SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (diagnostic.Id == DiagnosticIds.VariableTimeApi &&
            node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation &&
            SequenceEqualOperands(invocation, model, cancellationToken) is var (left, right))
        {
            return new FixEdit(invocation, editor => editor.ReplaceNode(invocation, Call(left, right).WithTriviaFrom(invocation)));
        }

        if (diagnostic.Id == DiagnosticIds.SecretDependentLoop &&
            EarlyExitLoop.Match(node, model, cancellationToken) is { } loop)
        {
            return new FixEdit(loop.Loop, editor =>
            {
                editor.ReplaceNode(loop.Loop, SyntaxFactory.ReturnStatement(Call(loop.Left, loop.Right))
                    .WithTriviaFrom(loop.Loop)
                    .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation));
                editor.RemoveNode(loop.ReturnTrue, SyntaxRemoveOptions.KeepNoTrivia);
            });
        }

        return null;
    }

    private static async Task<Document> ApplyAsync(Document document, FixEdit fix, CancellationToken cancellationToken)
    {
        DocumentEditor editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        fix.Apply(editor);
        return await WithImportAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
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

    /// <summary>Adds <c>using System.Security.Cryptography;</c> for the annotated name (the cleanup then simplifies it).</summary>
    private static Task<Document> WithImportAsync(Document document, CancellationToken cancellationToken) =>
        ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, cancellationToken: cancellationToken);
}
