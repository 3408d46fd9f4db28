using Microsoft.CodeAnalysis;

namespace Pix.Extraction.Caching;

/// <summary>A method's identity across compilations: its documentation comment ID.</summary>
internal static class StableId
{
    /// <summary>
    /// The ID of a method's own definition, or null: constructed generic methods and local functions
    /// have none that survives a new compilation (and are rarely extracted on their own), and a member of a
    /// file-local type none that is its own (the ID names the type without its file: <c>file class C</c>'s
    /// <c>M</c> and another file's <c>class C</c>'s <c>M</c> would share one, and each be served the other's work).
    /// </summary>
    public static string? Of(IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(method, method.OriginalDefinition) && method.MethodKind != MethodKind.LocalFunction
            && !(method.ContainingType is { } type && Pix.Targets.MethodSupport.IsFileLocal(type))
            ? method.GetDocumentationCommentId()
            : null;
}
