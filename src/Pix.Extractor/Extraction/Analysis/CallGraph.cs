using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.Extraction.Analysis;

/// <summary>
/// The calls between the source methods of one compilation, read from their bodies without analysing
/// them, and the call cycles they form (strongly connected components): which methods a call cycle
/// holds, so that bottom-up summaries (ExtractionSession.BottomUp.cs) can summarise a cycle without a
/// first analysis pass to find its members.
/// </summary>
/// <remarks>
/// <para>The graph over-approximates the calls the analysis follows into source methods (MethodAnalyzer.Calls.cs):
/// every invocation, object creation, property or indexer accessor (both, whichever the code uses), user-defined
/// operator and conversion and event accessor in a body, wherever it sits (a path that throws, a call the compiler
/// removes); not the bodies of lambdas and local functions, which the analysis never reads as part of the method
/// that declares them (a local function is a method of its own, reached by its calls). A call the analysis follows
/// and the graph missed would make a summary depend on where its cycle was entered; a call the graph has and the
/// analysis does not follow only makes a component larger, which the summarising splits again by the calls the
/// analysis made.</para>
/// <para>Components are found by Tarjan's algorithm (iterative: call chains are deep) from the first method asked
/// about, and kept for the compilation; a later walk starts from a method not yet in one and does not enter a kept
/// component again. Bodies are bound through the shared semantic models (<see cref="SemanticModels"/>), which the
/// analysis binds them through anyway. Walks run outside any lock (binding is most of a walk's cost, and in the IDE the
/// analyzers run concurrently: none waits for another's walk). Two walks that meet find the same components (a
/// component is the graph's, and a walk enters no component kept while it ran: everything reachable from one is kept
/// with it); the first published is kept. A walk publishes its components only when it completes: a cancelled walk
/// keeps nothing.</para>
/// </remarks>
internal sealed class CallGraph
{
    private readonly Compilation _compilation;
    private readonly Func<SyntaxTree, SemanticModel> _modelOf;
    // Each walked method's component: its members in a fixed order (source position), the method alone when it is on no
    // cycle. Read without a lock by concurrent walks; a component's members are published together under _publishing.
    private readonly ConcurrentDictionary<IMethodSymbol, IReadOnlyList<IMethodSymbol>> _components = new(SymbolEqualityComparer.Default);
    private readonly object _publishing = new();
    // Each read method's callees (Callees), so that the walks and the reach counts read a body's calls once.
    private readonly ConcurrentDictionary<IMethodSymbol, IMethodSymbol[]> _callees = new(SymbolEqualityComparer.Default);
    // Bounds on how many methods each method reaches (ReachesMoreThan): at most (a count that completed, or a
    // count that completed from a caller, which reaches everything it does), and more than (a count that stopped).
    private readonly ConcurrentDictionary<IMethodSymbol, Reach> _reachAtMost = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, Reach> _reachMoreThan = new(SymbolEqualityComparer.Default);

    public CallGraph(Compilation compilation, bool skipNullableAnalysis)
    {
        _compilation = compilation;
        _modelOf = tree => SemanticModels.Of(compilation, tree, skipNullableAnalysis);
    }

    /// <summary>Tests only: called as the walk reads a method's body, so that a test can cancel it there. Process-wide.</summary>
    internal static Action<IMethodSymbol>? WalkingForTesting { get; set; }

    /// <summary>How many methods have a known component (tests: a cancelled walk adds none).</summary>
    internal int MethodsKnown => _components.Count;

    /// <summary>The call cycles found so far (components of two or more members), each once (measurement: their sizes).</summary>
    internal IEnumerable<IReadOnlyList<IMethodSymbol>> CyclesKnown => _components.Values.Where(c => c.Count > 1).Distinct();

    /// <summary>
    /// The methods of the call cycle <paramref name="method"/> (an original definition) is on, itself included, in
    /// source order; empty when it is on none (a method that calls only itself is on none: the analysis cuts that
    /// call as recursion wherever it is entered).
    /// </summary>
    public IReadOnlyList<IMethodSymbol> CycleOf(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (!_components.TryGetValue(method, out IReadOnlyList<IMethodSymbol>? component))
        {
            // Materialised before any is kept: a cancelled walk keeps nothing.
            List<IReadOnlyList<IMethodSymbol>> found = Walk(method, cancellationToken).ToList();
            lock (_publishing)
            {
                foreach (IReadOnlyList<IMethodSymbol> closed in found)
                {
                    // A component another walk published while this one ran was found there whole (here it may be
                    // found in part, where this walk skipped the members it published meanwhile): that one stays.
                    if (!closed.Any(_components.ContainsKey))
                    {
                        foreach (IMethodSymbol member in closed)
                        {
                            _components[member] = closed;
                        }
                    }
                }
            }

            component = _components[method];
        }

        return component.Count > 1 ? component : [];
    }

    /// <summary>
    /// Whether <paramref name="method"/> (an original definition) reaches more than <paramref name="limit"/> source
    /// methods through the calls this graph reads, itself included: a property of the compilation, whichever method
    /// asks first. Found by a breadth-first count that stops at the first method past the limit (so it reads at most
    /// <paramref name="limit"/> + 1 bodies), or at a method known to reach more (a caller reaches all its callee does).
    /// A count that completes bounds every method it met too (each reaches a part of what the first does). The verdict
    /// names the methods whose bodies decided it, which a model that takes it depends on.
    /// </summary>
    public ReachVerdict ReachesMoreThan(IMethodSymbol method, int limit, CancellationToken cancellationToken)
    {
        if (KnownToReachMoreThan(method, limit) is { } known)
        {
            return known;
        }

        var reached = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { method };
        if (reached.Count > limit)
        {
            // A limit under 1: the method itself is past it, whatever it calls (a leaf's count would complete at 1).
            return MoreThan(method, limit, reached);
        }

        var pending = new Queue<IMethodSymbol>();
        pending.Enqueue(method);
        while (pending.Count > 0)
        {
            IMethodSymbol next = pending.Dequeue();
            foreach (IMethodSymbol callee in CalleesOf(next, cancellationToken))
            {
                if (!reached.Add(callee))
                {
                    continue;
                }

                bool calleeReachesMore = _reachMoreThan.TryGetValue(callee, out Reach? calleeMore) && calleeMore.Bound >= limit;
                if (reached.Count > limit || calleeReachesMore)
                {
                    if (calleeReachesMore)
                    {
                        reached.UnionWith(calleeMore!.BodiesRead); // what decided the callee decides this one
                    }

                    return MoreThan(method, limit, reached);
                }

                pending.Enqueue(callee);
            }
        }

        var atMost = new Reach(reached.Count, reached.ToArray());
        foreach (IMethodSymbol member in reached)
        {
            _reachAtMost.AddOrUpdate(member, atMost, (_, earlier) => earlier.Bound <= atMost.Bound ? earlier : atMost);
        }

        return new ReachVerdict(false, atMost.BodiesRead);
    }

    /// <summary>Keeps, and answers, that <paramref name="method"/> reaches more than <paramref name="limit"/> methods, decided by the bodies of <paramref name="reached"/>.</summary>
    private ReachVerdict MoreThan(IMethodSymbol method, int limit, HashSet<IMethodSymbol> reached)
    {
        var more = new Reach(limit, reached.ToArray());
        _reachMoreThan.AddOrUpdate(method, more, (_, earlier) => earlier.Bound >= limit ? earlier : more);
        return new ReachVerdict(true, more.BodiesRead);
    }

    /// <summary>Whether <paramref name="method"/> reaches more than <paramref name="limit"/> methods, when an earlier count tells (null otherwise).</summary>
    public ReachVerdict? KnownToReachMoreThan(IMethodSymbol method, int limit) =>
        _reachAtMost.TryGetValue(method, out Reach? atMost) && atMost.Bound <= limit ? new ReachVerdict(false, atMost.BodiesRead)
        : _reachMoreThan.TryGetValue(method, out Reach? moreThan) && moreThan.Bound >= limit ? new ReachVerdict(true, moreThan.BodiesRead)
        : null;

    /// <summary>A bound on how many methods a method reaches, and the methods whose bodies the count that found it read.</summary>
    private sealed record Reach(int Bound, IMethodSymbol[] BodiesRead);

    /// <summary>The components Tarjan's algorithm closes from <paramref name="root"/>, entering no kept one, as they close.</summary>
    private IEnumerable<IReadOnlyList<IMethodSymbol>> Walk(IMethodSymbol root, CancellationToken cancellationToken) =>
        StronglyConnectedComponents.Find<IMethodSymbol>(
                [root],
                method => CalleesOf(method, cancellationToken),
                _components.ContainsKey,
                SymbolEqualityComparer.Default,
                cancellationToken)
            .Select(members => members.Count == 1 ? members : InSourceOrder(members));

    /// <summary>The source methods <paramref name="method"/>'s body calls, read once per compilation.</summary>
    private IMethodSymbol[] CalleesOf(IMethodSymbol method, CancellationToken cancellationToken) =>
        _callees.TryGetValue(method, out IMethodSymbol[]? known) ? known : _callees.GetOrAdd(method, Callees(method, cancellationToken));

    /// <summary>The source methods <paramref name="method"/>'s body calls (original definitions, each once).</summary>
    private IMethodSymbol[] Callees(IMethodSymbol method, CancellationToken cancellationToken)
    {
        WalkingForTesting?.Invoke(method);
        IOperation? body = MethodBodies.Find(method, _compilation, _modelOf, cancellationToken, SummaryWork.CallGraphBinding);
        var callees = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<IOperation>();
        if (body is not null)
        {
            pending.Push(body);
        }

        // A constructor's initializers, and a compiler-declared one's base constructor: what the analysis follows too.
        foreach (IOperation initializer in ConstructorBody.InitializersRun(method, body, _compilation, _modelOf, cancellationToken))
        {
            pending.Push(initializer);
        }

        // A constructor without a body calls its base constructor: the base list's invocation to walk, or the implicit one.
        if (body is null)
        {
            BaseCallWithoutBody baseCall = ConstructorBody.BaseCallOfBodyless(method, _compilation, _modelOf, cancellationToken);
            if (baseCall.Written is { } written)
            {
                pending.Push(written);
            }
            else if (baseCall.Implicit is { } chained && HasSourceBody(chained))
            {
                callees.Add(chained.OriginalDefinition);
            }
        }

        while (pending.Count > 0)
        {
            IOperation operation = pending.Pop();
            foreach (IMethodSymbol? target in Targets(operation))
            {
                if (target is not null && HasSourceBody(target))
                {
                    callees.Add(target.OriginalDefinition);
                }
            }

            foreach (IOperation child in operation.ChildOperations)
            {
                if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                {
                    pending.Push(child);
                }
            }
        }

        return callees.ToArray();
    }

    /// <summary>The methods an operation may call (null where it calls none).</summary>
    private static IEnumerable<IMethodSymbol?> Targets(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => [invocation.TargetMethod],
        IObjectCreationOperation creation => [creation.Constructor],
        IPropertyReferenceOperation reference => [reference.Property.GetMethod, reference.Property.SetMethod],
        IBinaryOperation binary => [binary.OperatorMethod],
        IUnaryOperation unary => [unary.OperatorMethod],
        IConversionOperation conversion => [conversion.OperatorMethod],
        ICompoundAssignmentOperation compound => [compound.OperatorMethod],
        IIncrementOrDecrementOperation increment => [increment.OperatorMethod],
        IEventReferenceOperation reference => [reference.Event.AddMethod, reference.Event.RemoveMethod],
        _ => [],
    };

    /// <summary>Whether a call to <paramref name="method"/> may be followed into a body of this compilation.</summary>
    private bool HasSourceBody(IMethodSymbol method) =>
        method.MethodKind != MethodKind.DelegateInvoke && MethodBodies.HasSourceCode(method, _compilation);

    /// <summary>A component's members by where they are declared: the same order whichever member the walk entered first.</summary>
    private static List<IMethodSymbol> InSourceOrder(List<IMethodSymbol> members) =>
        members
            .OrderBy(m => m.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree.FilePath ?? "", StringComparer.Ordinal)
            .ThenBy(m => m.DeclaringSyntaxReferences.FirstOrDefault()?.Span.Start ?? 0)
            .ThenBy(m => m.ToDisplayString(), StringComparer.Ordinal)
            .ToList();
}

/// <summary>Whether a method reaches more methods than a limit (<see cref="CallGraph.ReachesMoreThan"/>), and the methods whose bodies decided it.</summary>
internal sealed record ReachVerdict(bool MoreThan, IReadOnlyList<IMethodSymbol> BodiesRead);
