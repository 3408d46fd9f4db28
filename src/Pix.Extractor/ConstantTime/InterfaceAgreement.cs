using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Pix.Model;
using Pix.Solver;

namespace Pix.ConstantTime;

/// <summary>A quantity of a performance interface that depends on a secret, and which secret.</summary>
/// <param name="Quantity">The quantity's name (<c>bit</c>, <c>iterationsBeforeExit</c>) or, for an approximation, what the model approximated.</param>
/// <param name="Secret">The secret it depends on.</param>
/// <param name="Kind">What it is, for people: <c>input</c>, <c>PCV</c>, <c>data branch</c>.</param>
public sealed record SecretQuantity(string Quantity, string Secret, string Kind);

/// <summary>
/// The cross-check of issue #5, item 6: the performance interface of a method (what <c>LatencyOf_X</c>
/// is generated from) against the taint analysis. An interface depends on a secret when it reads an
/// input quantity rooted in a secret (its value, not its length), a PCV whose loop is controlled by a
/// secret (its condition or the condition of an exit in it reads one) or a branch arm whose condition
/// reads one (<c>PixHint.Pcv</c> on an arm), or approximates a branch on a
/// secret (a data-dependent-branch gap whose condition reads one). A method that passes the
/// constant-time check must have none (see docs/constant-time.md, "The interface agrees").
/// </summary>
public static class InterfaceAgreement
{
    private const string InputKind = "input";

    private static readonly HashSet<string> ShapeMembers = new(StringComparer.Ordinal) { "Length", "LongLength", "Count", "IsEmpty" };

    /// <summary>
    /// The quantities and approximations of <paramref name="model"/> that depend on a secret of
    /// <paramref name="method"/>, given the secrets the taint analysis found (<see cref="ConstantTimeReport.Secrets"/>).
    /// </summary>
    public static ImmutableArray<SecretQuantity> SecretDependencies(
        InterfaceModel model,
        IMethodSymbol method,
        ConstantTimeReport report,
        Compilation compilation,
        ConstantTimeSymbols symbols,
        SolverEngine solver,
        CancellationToken cancellationToken)
    {
        var found = ImmutableArray.CreateBuilder<SecretQuantity>();
        var reader = new SecretReader(method, report, compilation, symbols, cancellationToken);
        foreach (Quantity quantity in model.Quantities)
        {
            string? secret = quantity.IsPcv
                ? reader.SecretControlling(quantity)
                : reader.SecretRoot(quantity);
            if (secret is not null)
            {
                found.Add(new SecretQuantity(quantity.Name, secret, quantity.IsPcv ? "PCV" : InputKind));
            }
        }

        // A guard on a secret input whose pieces all cost the same (balanced arms) is no dependency:
        // the solver decides whether two inputs differing only in those secrets can cost differently.
        string[] inputs = found.Where(f => f.Kind == InputKind).Select(f => f.Quantity).ToArray();
        if (inputs.Length > 0)
        {
            var question = new ConstantTimeQuestion(model, inputs.ToEquatableArray(), HardwareProfile.Reference);
            if (solver.Check(question, cancellationToken).Verdict == SolverVerdict.Impossible)
            {
                found.RemoveAll(f => f.Kind == InputKind);
            }
        }

        // Every branch on data, those within the model's resolution too: arms 1 ns apart still leak.
        foreach (Gap gap in model.Gaps.Concat(model.GapsWithinResolution).Where(g => g.Kind == GapKind.DataDependentBranch))
        {
            if (reader.SecretInCondition(gap.Where) is { } secret)
            {
                found.Add(new SecretQuantity(gap.Where.ToString(), secret, "data branch"));
            }
        }

        return found.ToImmutable();
    }

    private sealed class SecretReader
    {
        private readonly IMethodSymbol _method;
        private readonly ConstantTimeReport _report;
        private readonly Compilation _compilation;
        private readonly ConstantTimeSymbols _symbols;
        private readonly CancellationToken _cancellationToken;

        public SecretReader(IMethodSymbol method, ConstantTimeReport report, Compilation compilation, ConstantTimeSymbols symbols, CancellationToken cancellationToken)
        {
            _method = method;
            _report = report;
            _compilation = compilation;
            _symbols = symbols;
            _cancellationToken = cancellationToken;
        }

        /// <summary>An input quantity's secret root: <c>bit</c> for <c>bit</c>, none for <c>key.Length</c> or a null test.</summary>
        public string? SecretRoot(Quantity quantity)
        {
            if (quantity.Expression is not { } text)
            {
                return null;
            }

            ExpressionSyntax expression = SyntaxFactory.ParseExpression(text);
            if (expression.DescendantNodesAndSelf().Any(n =>
                    n is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var member } && ShapeMembers.Contains(member) ||
                    n is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression }))
            {
                return null; // lengths and nullness are public (docs/constant-time.md)
            }

            foreach (IdentifierNameSyntax name in expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                ISymbol? root = (ISymbol?)_method.Parameters.FirstOrDefault(p => p.Name == name.Identifier.ValueText)
                    ?? _method.ContainingType.GetMembers(name.Identifier.ValueText).FirstOrDefault(m => m is IFieldSymbol or IPropertySymbol);
                if (root is not null && IsSecret(root))
                {
                    return root.Name;
                }
            }

            return null;
        }

        /// <summary>
        /// The secret a PCV depends on. A loop's PCV: a secret read by the loop's condition or by the
        /// condition of an exit (break, return, throw) in its body. A library call's PCV (the index of
        /// the first mismatch, the probes of a lookup): a secret among the call's inputs, unless the
        /// PCV is the size the call works on (lengths are public). An allocation's length: a secret
        /// in the length. A recursion depth: not decided (null).
        /// </summary>
        public string? SecretControlling(Quantity pcv)
        {
            SyntaxNode? node = pcv.Origin is null ? null : NodeAt(pcv.Origin);
            switch (node?.FirstAncestorOrSelf<SyntaxNode>(n => n is StatementSyntax or InvocationExpressionSyntax or ArrayCreationExpressionSyntax or BaseMethodDeclarationSyntax))
            {
                case InvocationExpressionSyntax call:
                    // PcvNames.CallSize: "size {api} works on …".
                    return pcv.Description.StartsWith("size ", StringComparison.Ordinal) ? null : SecretRead(call);
                case ArrayCreationExpressionSyntax array:
                    return SecretRead(array.Type);
                case StatementSyntax loop when IsLoop(loop):
                    return SecretInLoopControl(loop);
                case IfStatementSyntax branch:
                    // A PixHint.Pcv on an arm: the PCV counts that arm's runs, which the condition decides.
                    return SecretRead(branch.Condition);
                default:
                    // A recursion depth: which arguments bound it is not followed here, so it is not
                    // counted either way (docs/constant-time.md lists this limit).
                    return null;
            }
        }

        private string? SecretInLoopControl(StatementSyntax loop)
        {
            var conditions = new List<SyntaxNode>();
            switch (loop)
            {
                case ForStatementSyntax { Condition: { } c }: conditions.Add(c); break;
                case WhileStatementSyntax w: conditions.Add(w.Condition); break;
                case DoStatementSyntax d: conditions.Add(d.Condition); break;
            }

            conditions.AddRange(loop.DescendantNodes().OfType<IfStatementSyntax>()
                .Where(i => i.Statement.DescendantNodesAndSelf().Any(IsExit) || (i.Else?.DescendantNodesAndSelf().Any(IsExit) ?? false))
                .Select(i => i.Condition));
            return conditions.Select(SecretRead).FirstOrDefault(s => s is not null);
        }

        /// <summary>A secret read by the condition of the branch at <paramref name="where"/>.</summary>
        public string? SecretInCondition(Provenance where)
        {
            SyntaxNode? node = NodeAt(where);
            if (node is null)
            {
                return null;
            }

            SyntaxNode condition = node switch
            {
                IfStatementSyntax i => i.Condition,
                ConditionalExpressionSyntax c => c.Condition,
                SwitchStatementSyntax s => s.Expression,
                SwitchExpressionSyntax s => s.GoverningExpression,
                _ => node,
            };
            return SecretRead(condition);
        }

        private string? SecretRead(SyntaxNode node)
        {
            SemanticModel model = Pix.Extraction.Analysis.SemanticModels.Of(_compilation, node.SyntaxTree);
            foreach (IdentifierNameSyntax name in node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (name.Parent is MemberAccessExpressionSyntax access && access.Expression == name &&
                    ShapeMembers.Contains(access.Name.Identifier.ValueText))
                {
                    continue;
                }

                if (model.GetSymbolInfo(name, _cancellationToken).Symbol is { } symbol && IsSecret(symbol))
                {
                    return symbol.Name;
                }
            }

            return null;
        }

        private bool IsSecret(ISymbol symbol) =>
            _report.Secrets.ContainsKey(symbol) || symbol is IFieldSymbol or IPropertySymbol && _symbols.IsSecretMember(symbol);

        private SyntaxNode? NodeAt(Provenance where)
        {
            SyntaxTree? tree = _compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == where.FilePath);
            if (tree is null || where.Start + where.Length > tree.Length)
            {
                return null;
            }

            return tree.GetRoot(_cancellationToken).FindNode(new TextSpan(where.Start, where.Length), getInnermostNodeForTie: false);
        }

        private static bool IsLoop(SyntaxNode node) =>
            node is ForStatementSyntax or WhileStatementSyntax or DoStatementSyntax or ForEachStatementSyntax;

        private static bool IsExit(SyntaxNode node) =>
            node is BreakStatementSyntax or ReturnStatementSyntax or ThrowStatementSyntax or ThrowExpressionSyntax;
    }
}
