using Microsoft.CodeAnalysis;

namespace Pix.Extraction.Analysis;

/// <summary>Readable, stable names for methods (model names, opaque terms, descriptions).</summary>
internal static class DisplayNames
{
    private static readonly SymbolDisplayFormat MethodFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType | SymbolDisplayMemberOptions.IncludeParameters,
        parameterOptions: SymbolDisplayParameterOptions.IncludeType | SymbolDisplayParameterOptions.IncludeParamsRefOut,
        miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes);

    /// <summary><c>Checksums.Adler32(ReadOnlySpan&lt;byte&gt;)</c>.</summary>
    public static string Of(IMethodSymbol method) => Names.GetValue(method, static m => m.ToDisplayString(MethodFormat));

    // Per symbol (a fact of the compilation): every opaque call names its method, and the same few methods are
    // called from many places. Weak: the table lives no longer than the compilation's symbols.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IMethodSymbol, string> Names = new();

    /// <summary><c>Checksums.Adler32</c>: for descriptions.</summary>
    public static string Short(IMethodSymbol method) =>
        method.ContainingType is null ? method.Name : method.ContainingType.Name + "." + method.Name;
}
