using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.Extraction.Analysis;

// An interface describes the calls that return. A branch one of whose ways ends by throwing
// (`if (data is null) throw new ArgumentNullException(...)`, `x ?? throw …`, `_ => throw …`, a call to a
// [DoesNotReturn] helper) is, on every call that returns, the other way: the analysis walks only that way,
// forks no piece on the throwing condition, counts no misprediction for it, and prices nothing of the
// exception (its construction, a message formatted, the unwinding). This is the rule `try`/`catch` already
// follows (handlers are the exceptional path, assumed not taken). Without it, every argument check cost a
// piece (an input guard) or the costlier-arm choice (a data guard: the arm that builds the exception often
// *is* the costlier), and most exception constructors are calls Pix has no model for: one in four
// methods of real libraries was incomplete for that alone (docs/robustness.md, the top reasons).
// A loop left only by throwing runs its whole range on a call that returns, so such a throw is no early
// exit (no trip-count PCV). Where every way throws, nothing is skipped: the code runs, and throws.
internal sealed partial class MethodAnalyzer
{
    private Func<IMethodSymbol, bool>? _alwaysThrows;

    /// <summary>The rule for source methods without <c>[DoesNotReturn]</c>, asked of the session (it records the bodies read).</summary>
    private Func<IMethodSymbol, bool> AlwaysThrows => _alwaysThrows ??= _session.AlwaysThrows;

    /// <summary>Whether <paramref name="statement"/> (an arm of a branch) always ends by throwing (see the static overload).</summary>
    private bool EndsInThrow(IOperation? statement) => EndsInThrow(statement, AlwaysThrows);

    /// <summary>Whether the statements of a switch section end by throwing (see <see cref="EndsInThrow(IOperation?)"/>).</summary>
    private bool EndsInThrow(ImmutableArray<IOperation> statements) =>
        statements.Length > 0 && EndsInThrow(statements[statements.Length - 1]);

    /// <summary>
    /// Whether <paramref name="statement"/> always ends by throwing: its last statement is a <c>throw</c>, a
    /// call that never returns (<see cref="NeverReturns"/>), a <c>return</c> of such a call, or an
    /// <c>if</c>/<c>else</c> or a switch (with a default section) every way of which ends by throwing.
    /// <paramref name="alwaysThrows"/> decides source methods without <c>[DoesNotReturn]</c> (<see cref="ThrowingMethods"/>,
    /// which applies this rule to their bodies).
    /// </summary>
    internal static bool EndsInThrow(IOperation? statement, Func<IMethodSymbol, bool> alwaysThrows) =>
        statement is not null && LastStatement(statement) switch
        {
            IThrowOperation => true,
            IConditionalOperation { Type: null, WhenFalse: not null } inner => ThrowsEitherWay(inner, alwaysThrows),
            ISwitchOperation @switch => ThrowsEveryWay(@switch, alwaysThrows),
            IExpressionStatementOperation { Operation: IThrowOperation } => true,
            IExpressionStatementOperation { Operation: IInvocationOperation call } => NeverReturns(call, alwaysThrows),
            IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } value } => IsThrowExpression(value, alwaysThrows),
            _ => false,
        };

    /// <summary>
    /// A throw expression (<c>x ?? throw …</c>, <c>c ? v : throw …</c>, <c>_ =&gt; throw …</c>) or a call that never
    /// returns in its place (<c>_ =&gt; ThrowHelper.Throw&lt;T&gt;(…)</c>), through the conversion around it.
    /// </summary>
    private bool IsThrowExpression(IOperation? value) => IsThrowExpression(value, AlwaysThrows);

    /// <summary>See <see cref="IsThrowExpression(IOperation?)"/>; <paramref name="alwaysThrows"/> as in <see cref="EndsInThrow(IOperation?, Func{IMethodSymbol, bool})"/>.</summary>
    internal static bool IsThrowExpression(IOperation? value, Func<IMethodSymbol, bool> alwaysThrows) =>
        value is not null && Unwrapped(value) switch
        {
            IThrowOperation => true,
            IInvocationOperation call => NeverReturns(call, alwaysThrows),
            _ => false,
        };

    /// <summary>
    /// Whether <paramref name="call"/> never returns: its method is marked <c>[DoesNotReturn]</c> or is a source method
    /// every way of which throws, and the compiler keeps the call (Debug.Fail is <c>[DoesNotReturn]</c> and
    /// <c>[Conditional("DEBUG")]</c>: where the compiler removes it, its way returns).
    /// </summary>
    private static bool NeverReturns(IInvocationOperation call, Func<IMethodSymbol, bool> alwaysThrows) =>
        (DoesNotReturn(call.TargetMethod) || alwaysThrows(call.TargetMethod.OriginalDefinition)) && !RemovedByCompiler(call);

    private static bool DoesNotReturn(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass is
        {
            Name: "DoesNotReturnAttribute",
            ContainingNamespace: { Name: "CodeAnalysis", ContainingNamespace: { Name: "Diagnostics", ContainingNamespace: { Name: "System" } } },
        });

    /// <summary>
    /// The indices of the arms a call that returns can take: those that do not throw, or all of them when
    /// every arm throws (then the code throws whatever the way, and is analysed as it runs).
    /// </summary>
    private static List<int> ReturningArms(IReadOnlyList<bool> throws)
    {
        var returning = Enumerable.Range(0, throws.Count).Where(i => !throws[i]).ToList();
        return returning.Count > 0 ? returning : Enumerable.Range(0, throws.Count).ToList();
    }

    /// <summary>
    /// Whether <paramref name="throwOperation"/> is one the analysis skips (see the file's comment): it ends
    /// an arm of a branch whose other arm, or some other section, does not throw. A throw that is not an
    /// arm's last statement, or whose every sibling arm throws too, is run through as the code runs it.
    /// </summary>
    private bool IsSkippedThrow(IThrowOperation throwOperation)
    {
        if (InHandler(throwOperation))
        {
            return true;
        }

        IOperation node = throwOperation;
        while (node.Parent is IConversionOperation { IsImplicit: true } or IParenthesizedOperation or IExpressionStatementOperation)
        {
            node = node.Parent;
        }

        while (true)
        {
            while (node.Parent is IBlockOperation block && block.Operations[block.Operations.Length - 1] == node)
            {
                node = block;
            }

            // An if/else that throws either way is itself a statement that throws (EndsInThrow): where
            // it stands decides, as the walk decides the arm that holds it.
            if (node.Parent is IConditionalOperation { Type: null } inner && (node == inner.WhenTrue || node == inner.WhenFalse) && ThrowsEitherWay(inner, AlwaysThrows))
            {
                node = inner;
                continue;
            }

            // So is a switch every section of which throws.
            if (node.Parent is ISwitchCaseOperation { Parent: ISwitchOperation throwing } last
                && last.Body[last.Body.Length - 1] == node && ThrowsEveryWay(throwing, AlwaysThrows))
            {
                node = throwing;
                continue;
            }

            break;
        }

        switch (node.Parent)
        {
            case IConditionalOperation conditional when node == conditional.WhenTrue:
                return !Throws(conditional.WhenFalse, conditional.Type is not null);
            case IConditionalOperation conditional when node == conditional.WhenFalse:
                return !Throws(conditional.WhenTrue, conditional.Type is not null);
            case ICoalesceOperation coalesce:
                return node == coalesce.WhenNull;
            case ISwitchCaseOperation section when section.Parent is ISwitchOperation && section.Body[section.Body.Length - 1] == node:
                // Some section, or an unmatched value without a default section (VisitSwitch's implicit arm), goes on:
                // a switch that throws every way was climbed above.
                return true;
            case ISwitchExpressionArmOperation arm when arm.Parent is ISwitchExpressionOperation @switch:
                return @switch.Arms.Any(other => !IsThrowExpression(other.Value));
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="operation"/> is in a catch handler (of its own function): the walk never
    /// enters one (the exceptional path, assumed not taken), so a call that returns never throws there.
    /// </summary>
    private static bool InHandler(IOperation operation)
    {
        for (IOperation? parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            switch (parent)
            {
                case ICatchClauseOperation:
                    return true;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return false;
            }
        }

        return false;
    }

    /// <summary>Whether both arms of the <c>if</c>/<c>else</c> statement <paramref name="conditional"/> end by throwing.</summary>
    private static bool ThrowsEitherWay(IConditionalOperation conditional, Func<IMethodSymbol, bool> alwaysThrows) =>
        conditional.WhenFalse is not null && EndsInThrow(conditional.WhenTrue, alwaysThrows) && EndsInThrow(conditional.WhenFalse, alwaysThrows);

    /// <summary>
    /// Whether every section of <paramref name="switch"/> ends by throwing, one is the default (without it an
    /// unmatched value runs none and goes on), and no <c>break</c> leaves it (<c>case 0: if (c) break; throw …;</c>
    /// goes on after the switch, though the section's last statement throws).
    /// </summary>
    private static bool ThrowsEveryWay(ISwitchOperation @switch, Func<IMethodSymbol, bool> alwaysThrows) =>
        @switch.Cases.Any(section => section.Clauses.Any(clause => clause is IDefaultCaseClauseOperation))
        && @switch.Cases.All(section => section.Body.Length > 0 && EndsInThrow(section.Body[section.Body.Length - 1], alwaysThrows))
        && !@switch.Descendants().Any(operation => operation is IBranchOperation branch && SymbolEqualityComparer.Default.Equals(branch.Target, @switch.ExitLabel));

    /// <summary>Whether an arm throws: as an expression (a conditional expression's) or as a statement.</summary>
    private bool Throws(IOperation? arm, bool isExpression) =>
        isExpression ? IsThrowExpression(arm) : EndsInThrow(arm);
}
