using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Pix.Extraction.Analysis;

/// <summary>
/// The methods whose bodies a bottom-up summary's computation read (the throw-helper and reach rules' verdicts,
/// ExtractionSession.ThrowHelpers.cs): each verdict's list once, by reference (a callee called from many places gives
/// the same list each time), never united: the one reader (<see cref="ExtractionSession.MethodsSummarised"/>) keeps the
/// first of each method anyway. A set grown by every call's list, then copied into each summary, was a twentieth of
/// Newtonsoft.Json's own analysis allocated.
/// </summary>
internal sealed class BodiesReadUnion
{
    private readonly List<IReadOnlyCollection<IMethodSymbol>> _lists = new();

    public void Add(IReadOnlyCollection<IMethodSymbol> methods)
    {
        if (methods.Count == 0)
        {
            return;
        }

        foreach (IReadOnlyCollection<IMethodSymbol> known in _lists)
        {
            if (ReferenceEquals(known, methods))
            {
                return;
            }
        }

        _lists.Add(methods);
    }

    /// <summary>
    /// The methods of the lists added, in order, repeats included: a reader that keeps the first of each (the session's
    /// <see cref="ExtractionSession.MethodsSummarised"/>) gets the union in the order a set each list was added to held it.
    /// The lists are the verdicts' own, never written.
    /// </summary>
    public IEnumerable<IMethodSymbol> WithRepeats() => _lists.SelectMany(list => list);
}
