using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Pix.ConstantTime;

/// <summary>
/// Which parameters of a method are secret. The rule (documented in docs/constant-time.md):
/// parameters marked <c>[Secret]</c> are secret; on a <c>[ConstantTime]</c> method where no parameter
/// is marked <c>[Secret]</c>, every parameter is secret except those marked <c>[Public]</c>.
/// <c>[Secret]</c> fields and properties are secret wherever they are read.
/// </summary>
public static class SecretPolicy
{
    /// <summary>True when the analysis checks <paramref name="method"/>: it is <c>[ConstantTime]</c> or has a <c>[Secret]</c> parameter.</summary>
    public static bool IsChecked(IMethodSymbol method, ConstantTimeSymbols symbols) =>
        symbols.IsConstantTime(method) || method.Parameters.Any(p => ConstantTimeSymbols.Has(p, symbols.SecretAttribute));

    /// <summary>The secret parameters of <paramref name="method"/>.</summary>
    public static ImmutableArray<IParameterSymbol> SecretParameters(IMethodSymbol method, ConstantTimeSymbols symbols)
    {
        ImmutableArray<IParameterSymbol> marked = method.Parameters
            .Where(p => ConstantTimeSymbols.Has(p, symbols.SecretAttribute))
            .ToImmutableArray();
        if (!marked.IsEmpty || !symbols.IsConstantTime(method))
        {
            return marked;
        }

        return method.Parameters
            .Where(p => !ConstantTimeSymbols.Has(p, symbols.PublicAttribute))
            .ToImmutableArray();
    }
}
