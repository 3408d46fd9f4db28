using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Pix.Library;

/// <summary>Finds the model of a called API in <see cref="BclModels"/>.</summary>
internal static class LibraryCatalog
{
    private static readonly Dictionary<string, LibraryModel[]> ByMember =
        BclModels.All.GroupBy(m => m.Member, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>Number of APIs (rows) the library models.</summary>
    public static int Count => BclModels.All.Count;

    /// <summary>The model of <paramref name="method"/>, or null.</summary>
    public static LibraryModel? Find(IMethodSymbol method)
    {
        if (!ByMember.TryGetValue(KeyOf(method), out LibraryModel[]? candidates))
        {
            return null;
        }

        int parameters = method.Parameters.Length;
        SpecialType first = parameters > 0 ? FirstParameterKey(method) : SpecialType.None;
        int? delegateAt = DelegateParameter(method);
        return candidates.FirstOrDefault(m => m.Parameters == parameters && m.FirstParameter == first && m.DelegateArgument == delegateAt)
            ?? candidates.FirstOrDefault(m => m.Parameters == parameters && m.FirstParameter is null && m.DelegateArgument == delegateAt)
            ?? candidates.FirstOrDefault(m => m.Parameters is null && m.FirstParameter is null && m.DelegateArgument == delegateAt);
    }

    /// <summary>
    /// The first parameter declared with a delegate type (<c>GetOrAdd(TKey, Func&lt;TKey, TValue&gt;)</c>; not <c>GetOrAdd(TKey,
    /// TValue)</c>, whose TValue may be a delegate in a given instantiation), or null.
    /// </summary>
    private static int? DelegateParameter(IMethodSymbol method)
    {
        var declared = method.OriginalDefinition.Parameters;
        for (int i = 0; i < declared.Length; i++)
        {
            if (declared[i].Type.TypeKind == TypeKind.Delegate)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>
    /// The first parameter's type as <see cref="LibraryModel.FirstParameter"/> names it. A generic method's type parameter
    /// (<c>Interlocked.Exchange&lt;T&gt;</c>) is keyed by what the method runs on: any reference as <see cref="SpecialType.None"/>
    /// (the row for <c>T</c>, a string too), an enum as its underlying integer (the JIT runs the integer code).
    /// </summary>
    private static SpecialType FirstParameterKey(IMethodSymbol method)
    {
        ITypeSymbol type = method.Parameters[0].Type;
        if (method.OriginalDefinition.Parameters[0].Type is not ITypeParameterSymbol)
        {
            return type.SpecialType;
        }

        return type.IsReferenceType ? SpecialType.None
            : type is INamedTypeSymbol { EnumUnderlyingType: { } underlying } ? underlying.SpecialType
            : type.SpecialType;
    }

    /// <summary><c>System.Collections.Generic.List`1.Add</c>.</summary>
    public static string KeyOf(IMethodSymbol method)
    {
        INamedTypeSymbol? type = method.ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return method.MetadataName;
        }

        string ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() + "." : string.Empty;
        string outer = string.Empty;
        for (INamedTypeSymbol? container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            outer = container.MetadataName + "+" + outer;
        }

        return ns + outer + type.MetadataName + "." + method.Name;
    }
}
