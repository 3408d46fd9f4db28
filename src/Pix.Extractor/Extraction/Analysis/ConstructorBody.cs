using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.Extraction.Analysis;

/// <summary>
/// What an instance constructor of a type of this compilation runs besides the code written in it: the one place the
/// analysis (MethodAnalyzer.Constructors.cs) and the call graph (<see cref="CallGraph"/>) ask, so that both follow the
/// same calls.
/// </summary>
/// <remarks>
/// <para>C# (§15.11.3, §15.4.6): a constructor that does not chain to another of its type with <c>this(…)</c> first runs
/// the type's instance variable initializers (fields, auto-properties and field-like events with <c>= value</c>), in
/// textual order, parts of a partial type in the compiler's order of their declarations; then its base constructor;
/// then its body. A class that declares no constructor gets one from the compiler (no syntax: <see
/// cref="ISymbol.IsImplicitlyDeclared"/>) which does exactly the first two: the initializers, then the base class's
/// parameterless constructor (itself possibly compiler-declared, a source one, or a library one such as
/// <c>object()</c>).</para>
/// <para>A struct's compiler-declared parameterless constructor runs nothing: <c>new S()</c> is <c>default(S)</c>, the
/// zeroed value, and runs no initializer (C# 10: a struct with initializers must declare a constructor, and only declared
/// ones run them). A record's copy constructor copies fields and is not one of these. Static constructors and static
/// initializers run once per type, not per construction: out of scope.</para>
/// </remarks>
internal static class ConstructorBody
{
    /// <summary>
    /// Whether <paramref name="method"/> is the parameterless instance constructor the compiler declares for a class (or
    /// record class) of <paramref name="compilation"/>: code Pix can read although it has no syntax of its own.
    /// </summary>
    public static bool IsImplicitOfSourceClass(IMethodSymbol method, Compilation compilation) =>
        method is { MethodKind: MethodKind.Constructor, IsStatic: false, IsImplicitlyDeclared: true, Parameters.Length: 0 }
        && method.ContainingType is { TypeKind: TypeKind.Class } type
        && IsInSource(type, compilation);

    /// <summary>
    /// The instance initializers <paramref name="method"/> runs before its <paramref name="body"/> (from <see
    /// cref="MethodBodies.Find"/>; null for a constructor without one), in the order they run: its type's, when it is a
    /// compiler-declared constructor of a class, a primary constructor, or a declared instance constructor that does not
    /// chain to a declared one of its own type with <c>this(…)</c> (a struct's <c>this()</c> to the compiler's parameterless
    /// constructor only zeroes it: the initializers still run here); none otherwise. Each is an
    /// <see cref="IFieldInitializerOperation"/> or <see cref="IPropertyInitializerOperation"/>, bound through <paramref name="modelOf"/>.
    /// </summary>
    public static IEnumerable<IOperation> InitializersRun(
        IMethodSymbol method,
        IOperation? body,
        Compilation compilation,
        Func<SyntaxTree, SemanticModel> modelOf,
        CancellationToken cancellationToken)
    {
        bool runs = method is { MethodKind: MethodKind.Constructor, IsStatic: false } && (body is null
            ? IsImplicitOfSourceClass(method, compilation) || IsPrimary(method)
            : body is IConstructorBodyOperation constructor && !ChainsToDeclaredSibling(method, constructor));
        return runs ? Initializers(method.ContainingType, compilation, modelOf, cancellationToken) : [];
    }

    /// <summary>Whether a record's or a class's primary constructor: declared by the type's parameter list.</summary>
    public static bool IsPrimary(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Constructor
        && method.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax { ParameterList: not null });

    /// <summary>Whether a declared constructor starts with <c>this(…)</c> to another declared constructor of its type.</summary>
    private static bool ChainsToDeclaredSibling(IMethodSymbol method, IConstructorBodyOperation body)
    {
        IOperation? initializer = body.Initializer is IExpressionStatementOperation statement ? statement.Operation : body.Initializer;
        return initializer is IInvocationOperation { TargetMethod: { IsImplicitlyDeclared: false } target }
            && SymbolEqualityComparer.Default.Equals(target.ContainingType.OriginalDefinition, method.ContainingType.OriginalDefinition);
    }

    /// <summary>The instance initializers of <paramref name="type"/> in the order they run.</summary>
    private static IEnumerable<IOperation> Initializers(
        INamedTypeSymbol type,
        Compilation compilation,
        Func<SyntaxTree, SemanticModel> modelOf,
        CancellationToken cancellationToken)
    {
        foreach (SyntaxReference part in type.OriginalDefinition.DeclaringSyntaxReferences)
        {
            if (!compilation.ContainsSyntaxTree(part.SyntaxTree) || part.GetSyntax(cancellationToken) is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            SemanticModel? model = null;
            foreach (EqualsValueClauseSyntax initializer in InstanceInitializers(declaration))
            {
                model ??= modelOf(part.SyntaxTree);
                if (model.GetOperation(initializer, cancellationToken) is { } operation)
                {
                    yield return operation;
                }
            }
        }
    }

    /// <summary>
    /// The constructor a compiler-declared one chains to: the base class's parameterless instance constructor (or the one
    /// callable without arguments); null for a type without a base class or when none is accessible (code that does not compile).
    /// </summary>
    public static IMethodSymbol? ImplicitBase(IMethodSymbol constructor, Compilation compilation)
    {
        if (constructor.ContainingType.BaseType is not { } baseType)
        {
            return null;
        }

        IMethodSymbol? best = null;
        foreach (IMethodSymbol candidate in baseType.InstanceConstructors)
        {
            if (candidate.Parameters.All(p => p.IsOptional || p.IsParams)
                && compilation.IsSymbolAccessibleWithin(candidate, constructor.ContainingType)
                && (best is null || candidate.Parameters.Length < best.Parameters.Length))
            {
                best = candidate;
            }
        }

        return best;
    }

    /// <summary>
    /// The base-constructor call of a constructor without a body, decided once for the analysis and the call graph: a
    /// primary constructor's base list with arguments (<see cref="BaseCallWithoutBody.Written"/>, the invocation to
    /// evaluate or walk); else, for a compiler-declared constructor of a source class or a class's primary constructor, the
    /// base class's constructor callable without arguments (<see cref="BaseCallWithoutBody.Implicit"/>); neither for a
    /// struct's primary constructor (it calls no base constructor) or a constructor that is none of these.
    /// </summary>
    public static BaseCallWithoutBody BaseCallOfBodyless(
        IMethodSymbol method,
        Compilation compilation,
        Func<SyntaxTree, SemanticModel> modelOf,
        CancellationToken cancellationToken)
    {
        bool primary = IsPrimary(method);
        if (primary && PrimaryBaseCall(method, compilation, modelOf, cancellationToken) is { } written)
        {
            return new BaseCallWithoutBody(written, null);
        }

        bool chainsImplicitly = IsImplicitOfSourceClass(method, compilation) || (primary && method.ContainingType.TypeKind == TypeKind.Class);
        return new BaseCallWithoutBody(null, chainsImplicitly ? ImplicitBase(method, compilation) : null);
    }

    /// <summary>
    /// The base-constructor call a class's primary constructor makes with arguments (<c>class B(int x) : A(x)</c>: the
    /// invocation of <c>A(int)</c>, its arguments in terms of the primary constructor's parameters), bound through
    /// <paramref name="modelOf"/>; null when the base list passes none (<c>class B(int x) : A</c> calls <see
    /// cref="ImplicitBase"/>, as a compiler-declared constructor does) or <paramref name="method"/> is no primary
    /// constructor. C# §15.7.2 (C# 12): the base list's argument list is the primary constructor's initializer.
    /// </summary>
    private static IOperation? PrimaryBaseCall(
        IMethodSymbol method,
        Compilation compilation,
        Func<SyntaxTree, SemanticModel> modelOf,
        CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            if (compilation.ContainsSyntaxTree(reference.SyntaxTree)
                && reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax { ParameterList: not null, BaseList: { } bases }
                && bases.Types.FirstOrDefault() is PrimaryConstructorBaseTypeSyntax withArguments)
            {
                IOperation? call = modelOf(reference.SyntaxTree).GetOperation(withArguments, cancellationToken);
                return call is IExpressionStatementOperation statement ? statement.Operation : call;
            }
        }

        return null;
    }

    /// <summary>
    /// Where a compiler-declared constructor's base call stands for provenance: the base class in the first declaration's
    /// base list, or that declaration when it names none (the call is then to <c>object()</c>).
    /// </summary>
    public static SyntaxNode? PlaceOfImplicitBaseCall(IMethodSymbol constructor, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference part in constructor.ContainingType.OriginalDefinition.DeclaringSyntaxReferences)
        {
            if (part.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration)
            {
                bool namesBase = constructor.ContainingType.BaseType is { SpecialType: not SpecialType.System_Object };
                return (namesBase ? declaration.BaseList?.Types.FirstOrDefault() : null) ?? (SyntaxNode)declaration;
            }
        }

        return null;
    }

    private static bool IsInSource(INamedTypeSymbol type, Compilation compilation) =>
        type.OriginalDefinition.DeclaringSyntaxReferences.Any(r => compilation.ContainsSyntaxTree(r.SyntaxTree));

    private static IEnumerable<EqualsValueClauseSyntax> InstanceInitializers(TypeDeclarationSyntax declaration)
    {
        foreach (MemberDeclarationSyntax member in declaration.Members)
        {
            if (member.Modifiers.Any(m => m.IsKind(SyntaxKind.StaticKeyword) || m.IsKind(SyntaxKind.ConstKeyword)))
            {
                continue;
            }

            switch (member)
            {
                case BaseFieldDeclarationSyntax field:
                    foreach (VariableDeclaratorSyntax variable in field.Declaration.Variables)
                    {
                        if (variable.Initializer is { } value)
                        {
                            yield return value;
                        }
                    }

                    break;
                case PropertyDeclarationSyntax { Initializer: { } value }:
                    yield return value;
                    break;
            }
        }
    }
}

/// <summary>What <see cref="ConstructorBody.BaseCallOfBodyless"/> found: at most one of the two is set.</summary>
/// <param name="Written">The base list's constructor invocation (<c>class B(int x) : A(x)</c>), in terms of the primary constructor's parameters.</param>
/// <param name="Implicit">The base class's constructor a compiler-declared or argument-less primary constructor calls.</param>
internal readonly record struct BaseCallWithoutBody(IOperation? Written, IMethodSymbol? Implicit);
