using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Analysis;

namespace Pix.Extraction.Inputs;

/// <summary>
/// The primary-constructor parameters (C# 12) an instance member of a class or struct reads. A member that reads one
/// makes the compiler capture it into the object's state, so it is an input of the member as a field is: its value
/// at entry, <c>data.Length</c>, <c>data.Count</c>, rooted at <see cref="AccessRootKind.Captured"/>.
/// </summary>
/// <remarks>
/// <para>The generated companion reads it by its name, as the method does: a primary-constructor parameter is in scope in
/// every part of a partial type (checked by compiling: the generated part's <c>data.Length</c> binds, and adds no second
/// capture nor CS9124/CS9107, since the method's own read already captured it; see docs/extractor.md, "Eighteenth
/// session"). Only parameters the method reads become quantities, so a parameter used only by initializers, which a
/// companion's read would capture a second time (CS9124), never reaches the companion.</para>
/// <para>Records are left out: their positional parameters become properties of the same name, which a member's read binds
/// to (an ordinary <c>this.Data</c> input). <c>ref</c>, <c>in</c> and <c>out</c> parameters are left out: an instance
/// member cannot read them (CS9109). The primary constructor itself reads its parameters as parameters.</para>
/// </remarks>
internal static class PrimaryConstructorParameters
{
    /// <summary>The captured primary-constructor parameters <paramref name="method"/> can read; empty for a static member or the primary constructor.</summary>
    public static ImmutableArray<IParameterSymbol> ReadableBy(IMethodSymbol method) =>
        method.IsStatic || method.ContainingType is not { } type || ConstructorBody.IsPrimary(method)
            ? ImmutableArray<IParameterSymbol>.Empty
            : Of(type.OriginalDefinition);

    /// <summary>
    /// Whether <paramref name="reference"/> reads a captured primary-constructor parameter (a field of <c>this</c> once
    /// compiled), not a parameter of the running constructor: a constructor's parameter read by a member other than an
    /// initializer or the base list of its type (which the primary constructor runs) can be nothing else. Decided by the
    /// syntax, so that the walk's helpers that know no method can ask; only a constructor's parameters get that far.
    /// </summary>
    public static bool IsCapturedRead(IParameterReferenceOperation reference)
    {
        if (reference.Parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor } constructor || !ConstructorBody.IsPrimary(constructor))
        {
            return false;
        }

        MemberDeclarationSyntax? member = reference.Syntax.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        return member switch
        {
            null or TypeDeclarationSyntax or BaseFieldDeclarationSyntax => false,
            PropertyDeclarationSyntax { Initializer: { } initializer } => !initializer.Span.Contains(reference.Syntax.Span),
            _ => true,
        };
    }

    /// <summary>The by-value parameters of <paramref name="type"/>'s primary constructor (none for a record or a type without one).</summary>
    public static ImmutableArray<IParameterSymbol> Of(INamedTypeSymbol type) => ByType[type.OriginalDefinition];

    /// <summary>The parameter named <paramref name="name"/> of <paramref name="type"/>'s primary constructor, or null.</summary>
    public static IParameterSymbol? Named(INamedTypeSymbol type, string name) => Of(type).FirstOrDefault(p => p.Name == name);

    // Per type: asked at the start of every method's analysis, and finding the primary constructor reads its syntax.
    private static readonly PerSymbol<INamedTypeSymbol, ImmutableArray<IParameterSymbol>> ByType = new(Compute);

    private static ImmutableArray<IParameterSymbol> Compute(INamedTypeSymbol type)
    {
        if (type.IsRecord || type.TypeKind is not (TypeKind.Class or TypeKind.Struct))
        {
            return ImmutableArray<IParameterSymbol>.Empty;
        }

        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            if (!constructor.IsImplicitlyDeclared && ConstructorBody.IsPrimary(constructor))
            {
                return constructor.Parameters.Where(p => p.RefKind == RefKind.None).ToImmutableArray();
            }
        }

        return ImmutableArray<IParameterSymbol>.Empty;
    }
}
