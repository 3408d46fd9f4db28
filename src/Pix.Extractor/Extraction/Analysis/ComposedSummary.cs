using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Pix.Model;

namespace Pix.Extraction.Analysis;

/// <summary>
/// A method's summary as the compilation keeps it when summaries are composed bottom-up
/// (<see cref="ExtractionOptions.BottomUpSummaries"/>): the summary with what its computation
/// reported and read, its callees' included, so that a caller that takes it adds exactly what
/// analysing the method there would have added. It does not depend on who asked for it first or at
/// what depth (ExtractionSession.BottomUp.cs says why).
/// </summary>
internal sealed class ComposedSummary
{
    public ComposedSummary(
        MethodSummary summary,
        GapLog gaps,
        IReadOnlyCollection<IMethodSymbol> cycle,
        IReadOnlyCollection<SyntaxTree> trees,
        IReadOnlyList<ComposedSummary> callees,
        bool metInvalidCode)
    {
        Summary = summary;
        GapLog = gaps;
        Cycle = cycle;
        Trees = trees;
        Callees = callees;
        MetInvalidCode = metInvalidCode;
    }

    public MethodSummary Summary { get; }

    /// <summary>Every gap the computation reported, its callees' included, once each, in the order first reported.</summary>
    public IReadOnlyList<Gap> Gaps => GapLog.Distinct();

    /// <summary>The gaps as reported (<see cref="Analysis.GapLog"/>): what a caller that takes the summary adds.</summary>
    public GapLog GapLog { get; }

    /// <summary>
    /// The other methods of the call cycle this method was entered at (empty when it is on none, or
    /// calls only itself): analysed with this method on the stack, they saw a call back to it as
    /// recursion. The summary holds only where none of them is on the caller's stack.
    /// </summary>
    public IReadOnlyCollection<IMethodSymbol> Cycle { get; }

    /// <summary>The syntax trees bound by the computation of this method and its <see cref="Cycle"/> (not by <see cref="Callees"/>).</summary>
    public IReadOnlyCollection<SyntaxTree> Trees { get; }

    /// <summary>The kept summaries the computation took (each computed once, or taken from the store).</summary>
    public IReadOnlyList<ComposedSummary> Callees { get; }

    /// <summary>Whether the computation, its callees' included, met code that does not bind.</summary>
    public bool MetInvalidCode { get; }

    /// <summary>Methods whose bodies the throw-helper rule read for this computation (not for <see cref="Callees"/>).</summary>
    /// <remarks>In the order first read, with repeats (<see cref="BodiesReadUnion.WithRepeats"/>): <see cref="MethodsSummarised"/>'s reader keeps the first of each.</remarks>
    public IEnumerable<IMethodSymbol> BodiesRead { get; init; } = [];

    /// <summary>The method and every method this summary's computation analysed or read the body of, its callees' included.</summary>
    public IEnumerable<IMethodSymbol> MethodsSummarised() => Closure<IMethodSymbol>(s => [s.Summary.Method, .. s.Cycle, .. s.BodiesRead]);

    /// <summary>Every syntax tree this summary's computation bound, its callees' included.</summary>
    public IEnumerable<SyntaxTree> TreesBound() => Closure(s => s.Trees);

    private IEnumerable<T> Closure<T>(System.Func<ComposedSummary, IEnumerable<T>> items)
    {
        var seen = new HashSet<ComposedSummary>(); // by reference: the class does not override Equals;
        var pending = new Stack<ComposedSummary>();
        pending.Push(this);
        while (pending.Count > 0)
        {
            ComposedSummary next = pending.Pop();
            if (!seen.Add(next))
            {
                continue;
            }

            foreach (T item in items(next))
            {
                yield return item;
            }

            foreach (ComposedSummary callee in next.Callees)
            {
                pending.Push(callee);
            }
        }
    }
}
