using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
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
/// The rule is the walk's own (<see cref="MethodAnalyzer.EndsInThrow(IOperation?, System.Func{IMethodSymbol, bool})"/>):
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
/// A helper may end by calling another: the verdicts form a system of conjunctions, whose least solution is
/// wanted (a cycle of helpers calling each other proves nothing unless some member throws by itself: each
/// could recurse forever). One depth-first search per question, as Tarjan finds strongly connected components:
/// a method being examined answers "no" to a call back into it, and a component's verdicts are kept only once
/// the whole component is examined (then every member of a cycle is "no", which the assumption made exact).
/// Every verdict, kept per compilation (thread-safe: concurrent searches compute equal verdicts, the first is
/// kept), lists the methods whose bodies decided it, each reachable method of the search: a caller's model
/// depends on them (ExtractionSession.ThrowHelpers.cs), whatever the answer. A helper called from 500 sites is
/// examined once.
/// </para>
/// </remarks>
internal sealed class ThrowingMethods
{
    // Helpers calling helpers rarely nest 2 deep; a chain this long continues on a fresh thread's stack, as
    // ExtractionSession.BottomUp.cs does, rather than cut the search (a cut verdict would depend on where it began).
    private const int LevelsPerThread = 32;

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

        return _verdicts.TryGetValue(method, out ThrowVerdict? known)
            ? known
            : new Search(this, skipNullableAnalysis, ct).Visit(method, depth: 0).Verdict;
    }

    /// <summary>Whether the body of <paramref name="method"/> decides what a call to it does (see the remarks).</summary>
    private static bool IsCandidate(IMethodSymbol method) =>
        method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction
        && !method.IsVirtual && !method.IsAbstract && !method.IsOverride && !method.IsExtern && !method.IsAsync
        && !method.DeclaringSyntaxReferences.IsEmpty;

    /// <summary>
    /// The body of <paramref name="method"/> in this compilation (its implementation part's), or null.
    /// </summary>
    private IOperation? BodyOf(IMethodSymbol method, bool skipNullableAnalysis, CancellationToken ct)
    {
        foreach (SyntaxReference reference in (method.PartialImplementationPart ?? method).DeclaringSyntaxReferences)
        {
            SyntaxNode declaration = reference.GetSyntax(ct);
            if (_compilation.ContainsSyntaxTree(declaration.SyntaxTree) && Caching.DeclarationIndex.BodyOf(declaration) is { } body)
            {
                return SemanticModels.Of(_compilation, declaration.SyntaxTree, skipNullableAnalysis).GetOperation(body, ct);
            }
        }

        return null;
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

    /// <summary>A method in one search: Tarjan's index and low-link, and what its examination found so far.</summary>
    private sealed class Node(IMethodSymbol method, int index)
    {
        public IMethodSymbol Method { get; } = method;

        public int Index { get; } = index;

        public int Lowest { get; set; } = index;

        /// <summary>Set once the examination of the body finished (the node may still wait for its component).</summary>
        public bool Examined { get; set; }

        public bool AlwaysThrows { get; set; }

        public HashSet<IMethodSymbol> BodiesRead { get; } = new(SymbolEqualityComparer.Default) { method };

        /// <summary>The kept verdict, once the node's component is complete (or it came from the store).</summary>
        public ThrowVerdict? Verdict { get; set; }
    }

    /// <summary>One question's depth-first search (see the remarks).</summary>
    private sealed class Search(ThrowingMethods owner, bool skipNullableAnalysis, CancellationToken ct)
    {
        private readonly Dictionary<IMethodSymbol, Node> _nodes = new(SymbolEqualityComparer.Default);
        private readonly Stack<Node> _component = new();

        public Node Visit(IMethodSymbol method, int depth)
        {
            ct.ThrowIfCancellationRequested();
            if (owner._verdicts.TryGetValue(method, out ThrowVerdict? known))
            {
                return new Node(method, -1) { Examined = true, AlwaysThrows = known.AlwaysThrows, Verdict = known };
            }

            var node = new Node(method, _nodes.Count);
            _nodes.Add(method, node);
            _component.Push(node);
            IOperation? body = owner.BodyOf(method, skipNullableAnalysis, ct);
            bool Consult(IMethodSymbol callee) => Consulted(node, callee, depth);
            IReturnOperation? implicitEnd = ImplicitEnd(body);
            node.AlwaysThrows = body is not null
                && MethodAnalyzer.EndsInThrow(implicitEnd is null ? body : StatementBefore(implicitEnd), Consult)
                && AllReturnsThrow(body, implicitEnd, Consult);
            node.Examined = true;

            if (node.Lowest == node.Index)
            {
                CloseComponent(node);
            }

            return node;
        }

        /// <summary>
        /// The <c>return;</c> the compiler puts after a void expression body (a local function's <c>=&gt; throw …</c>):
        /// reached only when the expression completes, so the statement before it decides.
        /// </summary>
        private static IReturnOperation? ImplicitEnd(IOperation? body) =>
            body is IBlockOperation { Operations.Length: > 1 } block
            && block.Operations[block.Operations.Length - 1] is IReturnOperation { IsImplicit: true, ReturnedValue: null } end
                ? end
                : null;

        private static IOperation StatementBefore(IReturnOperation implicitEnd)
        {
            var block = (IBlockOperation)implicitEnd.Parent!;
            return block.Operations[block.Operations.Length - 2];
        }

        private static bool AllReturnsThrow(IOperation body, IReturnOperation? implicitEnd, System.Func<IMethodSymbol, bool> consult)
        {
            foreach (IReturnOperation @return in ReturnsOf(body))
            {
                if (@return == implicitEnd)
                {
                    continue;
                }

                if (@return.Kind != OperationKind.Return || !MethodAnalyzer.IsThrowExpression(@return.ReturnedValue, consult))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary><paramref name="caller"/>'s body ends in a call to <paramref name="callee"/>: whether it never returns.</summary>
        private bool Consulted(Node caller, IMethodSymbol callee, int depth)
        {
            if (!IsCandidate(callee))
            {
                return false;
            }

            if (_nodes.TryGetValue(callee, out Node? seen))
            {
                caller.BodiesRead.UnionWith(seen.BodiesRead);
                if (seen.Verdict is null)
                {
                    // In the open component: examined (then its "no" is final) or being examined (assumed "no").
                    caller.Lowest = System.Math.Min(caller.Lowest, seen.Index);
                    return seen.Examined && seen.AlwaysThrows;
                }

                return seen.AlwaysThrows;
            }

            Node next = (depth + 1) % LevelsPerThread == 0
                ? Task.Run(() => Visit(callee, depth + 1)).GetAwaiter().GetResult()
                : Visit(callee, depth + 1);
            caller.BodiesRead.UnionWith(next.Verdict?.BodiesRead ?? (IEnumerable<IMethodSymbol>)next.BodiesRead);
            if (next.Verdict is null)
            {
                caller.Lowest = System.Math.Min(caller.Lowest, next.Lowest);
            }

            return next.AlwaysThrows;
        }

        /// <summary>
        /// Keeps the verdicts of the component <paramref name="root"/> closes: each member reaches every other, so
        /// all depend on the bodies the root's examination read.
        /// </summary>
        private void CloseComponent(Node root)
        {
            ImmutableArray<IMethodSymbol> bodies = ImmutableArray.CreateRange(root.BodiesRead);
            Node member;
            do
            {
                member = _component.Pop();
                member.Verdict = owner._verdicts.GetOrAdd(member.Method, new ThrowVerdict(member.AlwaysThrows, bodies));
            }
            while (member != root);
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
