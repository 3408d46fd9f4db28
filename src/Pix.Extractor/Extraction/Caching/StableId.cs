using Microsoft.CodeAnalysis;

namespace Pix.Extraction.Caching;

/// <summary>A method's identity across compilations: its documentation comment ID.</summary>
internal static class StableId
{
    /// <summary>
    /// The ID of a method's own definition, or null: constructed generic methods and local functions
    /// have none that survives a new compilation (and are rarely extracted on their own).
    /// </summary>
    public static string? Of(IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(method, method.OriginalDefinition) && method.MethodKind != MethodKind.LocalFunction
            ? method.GetDocumentationCommentId()
            : null;
}
