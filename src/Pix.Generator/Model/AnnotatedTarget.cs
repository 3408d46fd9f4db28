using System.Linq;
using Microsoft.CodeAnalysis;
using Pix.Extraction.Caching;

namespace Pix.Generator.Model;

/// <summary>
/// A <c>[PerformanceInterface]</c> method as the attribute step finds it, before extraction: value-only, so that the
/// step's output compares equal across compilations, and extraction can run after the pipeline has combined it with
/// the project's options (<c>PixBottomUpSummaries</c> decides how a model is extracted, and the attribute step's
/// transform cannot read options).
/// </summary>
/// <param name="Id">The method's documentation ID (<see cref="Pix.Extraction.Caching.StableId"/>).</param>
/// <param name="TypeId">Its containing type's documentation ID.</param>
/// <param name="Name">Its name.</param>
/// <param name="IsPartialImplementation">True when the attribute sits on a partial method's implementing declaration.</param>
/// <param name="ExplicitResolution">The attribute's <c>Resolution</c> when set (≥ 0), else null.</param>
internal sealed record AnnotatedTarget(string Id, string TypeId, string Name, bool IsPartialImplementation, double? ExplicitResolution)
{
    /// <summary>
    /// The method in <paramref name="compilation"/> (the one the attribute step saw), or null when no source method has
    /// that ID any more. Of two source methods with one ID (an error of the user's, a duplicate declaration) the first.
    /// </summary>
    /// <remarks>
    /// Found among its type's members by comparing IDs, not by parsing <see cref="Id"/>: Roslyn writes IDs it cannot read
    /// back (a function pointer parameter's), and such a method would lose its companion.
    /// </remarks>
    public IMethodSymbol? Resolve(Compilation compilation)
    {
        IMethodSymbol? method = DocumentationCommentId.GetSymbolsForDeclarationId(TypeId, compilation)
            .OfType<INamedTypeSymbol>()
            .SelectMany(type => type.GetMembers(Name).OfType<IMethodSymbol>())
            .FirstOrDefault(m => m.Locations.Any(l => l.IsInSource) && StableId.Of(m) == Id);
        return IsPartialImplementation ? method?.PartialImplementationPart ?? method : method;
    }
}
