using System.Linq;
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
            ? WithFunctionPointers(method, method.GetDocumentationCommentId())
            : null;

    /// <summary>
    /// Roslyn writes nothing for a function pointer parameter in a documentation ID (<c>M(delegate*&lt;int, int&gt;, int)</c>
    /// is <c>M:C.M(,System.Int32)</c>), so overloads differing only in one share an ID: such a method's ID is followed
    /// by its parameters as C# writes them.
    /// </summary>
    private static string? WithFunctionPointers(IMethodSymbol method, string? id) =>
        id is not null && method.Parameters.Any(p => HasFunctionPointer(p.Type))
            ? id + "|" + string.Join(",", method.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)))
            : id;

    private static bool HasFunctionPointer(ITypeSymbol type) => type switch
    {
        IFunctionPointerTypeSymbol => true,
        IArrayTypeSymbol array => HasFunctionPointer(array.ElementType),
        IPointerTypeSymbol pointer => HasFunctionPointer(pointer.PointedAtType),
        _ => false,
    };
}
