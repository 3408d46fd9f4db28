using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Pix.Extraction.Analysis;

/// <summary>
/// The methods whose bodies a bottom-up summary's computation read (the throw-helper and reach rules' verdicts,
/// ExtractionSession.ThrowHelpers.cs): each verdict's list once, by reference (a callee called from many places gives
/// the same list each time), their union made once, when the summary is composed. A set grown by every call's list was
/// a twentieth of Newtonsoft.Json's own analysis allocated.
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

    /// <summary>The union of the lists added, in the order a set each was added to would enumerate it.</summary>
    public IMethodSymbol[] ToArray()
    {
        if (_lists.Count == 0)
        {
            return [];
        }

        var union = new HashSet<IMethodSymbol>(_lists[0], SymbolEqualityComparer.Default);
        for (int i = 1; i < _lists.Count; i++)
        {
            union.UnionWith(_lists[i]);
        }

        return union.ToArray();
    }
}
