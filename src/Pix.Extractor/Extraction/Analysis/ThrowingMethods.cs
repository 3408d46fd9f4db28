using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.Extraction.Analysis;

/// <summary>
/// Source methods every way of which ends by throwing: throw helpers written without <c>[DoesNotReturn]</c>
/// (NodaTime's <c>Preconditions.ThrowArgumentOutOfRangeException&lt;T&gt;</c>, a <c>ThrowHelper</c> class), which
/// a call site treats as it treats the attribute (MethodAnalyzer.ExceptionalPaths.cs): the arm that calls one
/// is a way that throws.
/// </summary>
/// <remarks>
/// <para>
/// The rule is the walk's own (<see cref="MethodAnalyzer.EndsInThrow(IOperation?, Func{IMethodSymbol, bool})"/>):
/// the body's last statement ends by throwing (a <c>throw</c>, an <c>if</c>/<c>else</c> or a switch that throws
/// every way, a call that never returns), and every <c>return</c> in it returns a call that never returns
/// (<c>return Throw&lt;T&gt;(…)</c>; an expression body's value is such a return). Control in a method leaves by a
/// return or through its last statement (a <c>goto</c> reaches no label inside a later statement), so that is
/// every way. A loop as the last statement is never proven (a <c>while (true)</c> without a <c>break</c> does not
/// return either, but it would need the exits of every nested statement: not worth it for helpers).
/// Only what no caller can replace is proven: no virtual, abstract, override, extern, async or partial-without-body
/// method (an override, an implementation, a faulted task return), and no method from metadata, whose body is
/// not read (there the attribute is the only word).
/// </para>
/// <para>
/// A helper may end by calling another: the verdicts form a system of conjunctions over the graph of those
/// calls (each method's <em>ending calls</em>), whose least solution is wanted: a cycle of helpers calling each
/// other proves nothing unless some member throws by itself (each could recurse forever). The graph's strongly
/// connected components (<see cref="StronglyConnectedComponents"/>, iterative: a chain may be long) close callees
/// first, so a component is solved with every verdict outside it known: from "no" for every member, a member
/// turns "yes" once its rule holds, until none changes. The answer does not depend on where the search began,
/// nor does the list of bodies each verdict read (the method's and those of every method its ending calls reach):
/// a caller's model depends on them (ExtractionSession.ThrowHelpers.cs), whatever the answer. Verdicts are kept
/// per compilation (thread-safe: concurrent searches compute equal verdicts, the first is kept), so a helper
/// called from 500 sites is examined once.
/// </para>
/// </remarks>
internal sealed class ThrowingMethods
{
    private static readonly ConditionalWeakTable<Compilation, ThrowingMethods> s_byCompilation = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<IMethodSymbol, ThrowVerdict> _verdicts = new(SymbolEqualityComparer.Default);

    private ThrowingMethods(Compilation compilation) => _compilation = compilation;

    /// <summary>The verdicts of <paramref name="compilation"/>, shared by every extraction on it.</summary>
    public static ThrowingMethods For(Compilation compilation) => s_byCompilation.GetValue(compilation, static c => new ThrowingMethods(c));

    /// <summary>
    /// Whether every way of <paramref name="method"/> (an original definition) ends by throwing, and the bodies
    /// that decided it; null when the rule does not read its body (see the remarks: then it is no dependency).
    /// </summary>
    public ThrowVerdict? Of(IMethodSymbol method, bool skipNullableAnalysis, CancellationToken ct)
    {
        if (!IsCandidate(method))
        {
            return null;
        }

        if (!_verdicts.TryGetValue(method, out ThrowVerdict? verdict))
        {
            new Search(this, skipNullableAnalysis, ct).Run(method);
            verdict = _verdicts[method];
        }

        return verdict;
    }

    /// <summary>Whether the body of <paramref name="method"/> decides what a call to it does (see the remarks).</summary>
    private static bool IsCandidate(IMethodSymbol method) =>
        method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction
        && !method.IsVirtual && !method.IsAbstract && !method.IsOverride && !method.IsExtern && !method.IsAsync
        && !method.DeclaringSyntaxReferences.IsEmpty;

    /// <summary>
    /// Whether <paramref name="body"/> ends by throwing on every way, <paramref name="neverReturns"/> deciding the
    /// source methods it ends by calling.
    /// </summary>
    private static bool AlwaysThrows(IOperation body, Func<IMethodSymbol, bool> neverReturns)
    {
        IReturnOperation? implicitEnd = ImplicitEnd(body);
        if (!MethodAnalyzer.EndsInThrow(implicitEnd is null ? body : StatementBefore(implicitEnd), neverReturns))
        {
            return false;
        }

        foreach (IReturnOperation @return in ReturnsOf(body))
        {
            if (@return != implicitEnd
                && (@return.Kind != OperationKind.Return || !MethodAnalyzer.IsThrowExpression(@return.ReturnedValue, neverReturns)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The <c>return;</c> the compiler puts after a void expression body (a local function's <c>=&gt; throw …</c>):
    /// reached only when the expression completes, so the statement before it decides.
    /// </summary>
    private static IReturnOperation? ImplicitEnd(IOperation body) =>
        body is IBlockOperation { Operations.Length: > 1 } block
        && block.Operations[block.Operations.Length - 1] is IReturnOperation { IsImplicit: true, ReturnedValue: null } end
            ? end
            : null;

    private static IOperation StatementBefore(IReturnOperation implicitEnd)
    {
        var block = (IBlockOperation)implicitEnd.Parent!;
        return block.Operations[block.Operations.Length - 2];
    }

    /// <summary>Every <c>return</c> of <paramref name="body"/>'s own code (not of the functions declared in it).</summary>
    private static IEnumerable<IReturnOperation> ReturnsOf(IOperation body)
    {
        var pending = new Stack<IOperation>();
        pending.Push(body);
        while (pending.Count > 0)
        {
            IOperation next = pending.Pop();
            if (next is IReturnOperation @return)
            {
                yield return @return;
            }

            foreach (IOperation child in next.ChildOperations)
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    pending.Push(child);
                }
            }
        }
    }

    /// <summary>One question's search: the ending calls' graph from the method asked about, solved component by component.</summary>
    private sealed class Search(ThrowingMethods owner, bool skipNullableAnalysis, CancellationToken ct)
    {
        private readonly Dictionary<IMethodSymbol, (IOperation? Body, List<IMethodSymbol> EndingCalls)> _read = new(SymbolEqualityComparer.Default);

        public void Run(IMethodSymbol method)
        {
            foreach (List<IMethodSymbol> component in StronglyConnectedComponents.Find<IMethodSymbol>(
                [method], EndingCalls, owner._verdicts.ContainsKey, SymbolEqualityComparer.Default, ct))
            {
                Solve(component);
            }
        }

        /// <summary>
        /// The candidate methods whose verdicts the rule may need for <paramref name="method"/>'s: those it asks about
        /// while every one it asked about so far answered "yes" (asked with "yes", the rule stops only where the body
        /// itself decides "no").
        /// </summary>
        private List<IMethodSymbol> EndingCalls(IMethodSymbol method)
        {
            IOperation? body = MethodBodies.Find(method, owner._compilation, tree => SemanticModels.Of(owner._compilation, tree, skipNullableAnalysis), ct, SummaryWork.ThrowRuleBinding);
            var calls = new List<IMethodSymbol>();
            if (body is not null)
            {
                AlwaysThrows(body, callee =>
                {
                    if (IsCandidate(callee) && !calls.Contains(callee, SymbolEqualityComparer.Default))
                    {
                        calls.Add(callee);
                    }

                    return true;
                });
            }

            _read[method] = (body, calls);
            return calls;
        }

        /// <summary>Keeps the least solution of <paramref name="component"/>'s verdicts (see the remarks).</summary>
        private void Solve(List<IMethodSymbol> component)
        {
            var members = new Dictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
            var bodies = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (IMethodSymbol member in component)
            {
                members[member] = false;
                bodies.Add(member);
                foreach (IMethodSymbol callee in _read[member].EndingCalls)
                {
                    if (owner._verdicts.TryGetValue(callee, out ThrowVerdict? outside))
                    {
                        bodies.UnionWith(outside.BodiesRead);
                    }
                }
            }

            bool NeverReturns(IMethodSymbol callee) =>
                members.TryGetValue(callee, out bool inside) ? inside : owner._verdicts.TryGetValue(callee, out ThrowVerdict? outside) && outside.AlwaysThrows;

            for (bool changed = true; changed;)
            {
                changed = false;
                foreach (IMethodSymbol member in component)
                {
                    if (!members[member] && _read[member].Body is { } body && AlwaysThrows(body, NeverReturns))
                    {
                        members[member] = changed = true;
                    }
                }
            }

            ImmutableArray<IMethodSymbol> read = ImmutableArray.CreateRange(bodies);
            foreach (IMethodSymbol member in component)
            {
                owner._verdicts.TryAdd(member, new ThrowVerdict(members[member], read));
            }
        }
    }
}

/// <summary>
/// Whether every way of a source method ends by throwing (<see cref="ThrowingMethods"/>), and the methods whose
/// bodies decided it (the method's own among them): what a model that asked depends on.
/// </summary>
/// <param name="AlwaysThrows">Whether no call to the method returns.</param>
/// <param name="BodiesRead">The methods whose bodies the verdict read.</param>
internal sealed record ThrowVerdict(bool AlwaysThrows, ImmutableArray<IMethodSymbol> BodiesRead);
