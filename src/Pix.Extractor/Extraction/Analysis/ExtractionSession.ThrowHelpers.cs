using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Pix.Extraction.Analysis;

internal sealed partial class ExtractionSession
{
    // Methods whose bodies the throw-helper rule read for this extraction (outside a bottom-up frame).
    private readonly HashSet<IMethodSymbol> _bodiesRead = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Whether every way of <paramref name="method"/> (an original definition) ends by throwing
    /// (<see cref="ThrowingMethods"/>). The model now depends on the bodies that decided it, whatever the answer:
    /// edit the helper so that it returns, and its callers' arms are walked again.
    /// </summary>
    public bool AlwaysThrows(IMethodSymbol method)
    {
        if (ThrowingMethods.For(Compilation).Of(method, Options.SkipNullableAnalysis, CancellationToken) is not { } verdict)
        {
            return false;
        }

        Record(new BodiesReadEvent(verdict.BodiesRead));
        AddBodiesRead(verdict.BodiesRead);
        return verdict.AlwaysThrows;
    }

    private void AddBodiesRead(IReadOnlyCollection<IMethodSymbol> methods)
    {
        if (CurrentFrame is { } frame)
        {
            // Composed bottom-up: the frame's summary carries them to whoever takes it (ExtractionSession.BottomUp.cs).
            frame.BodiesRead.Add(methods);
        }
        else
        {
            _bodiesRead.UnionWith(methods);
        }
    }
}
