using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pix.Targets;

/// <summary>Whether a method can get a generated <c>LatencyOf_X</c> companion.</summary>
public enum MethodSupportStatus
{
    /// <summary>The generator emits <c>LatencyOf_X</c> beside the method.</summary>
    Supported,

    /// <summary>A type in the containing-type chain is not <c>partial</c> (PIX0001).</summary>
    NotPartial,

    /// <summary>The method is of a kind that cannot have a companion (PIX0003); see <see cref="UnsupportedReason"/>.</summary>
    Unsupported,
}

/// <summary>Why a method cannot get a <c>LatencyOf_X</c> companion.</summary>
public enum UnsupportedReason
{
    /// <summary>Nothing is wrong.</summary>
    None,

    /// <summary>An instance or static constructor: it has no name a companion could extend.</summary>
    Constructor,

    /// <summary>A finalizer.</summary>
    Destructor,

    /// <summary>A local function: it has no containing type to put a companion in.</summary>
    LocalFunction,

    /// <summary>A lambda or anonymous method.</summary>
    AnonymousFunction,

    /// <summary>A property, indexer or event accessor.</summary>
    Accessor,

    /// <summary>A user-defined operator or conversion.</summary>
    Operator,

    /// <summary>An explicit interface implementation (<c>int IFoo.X()</c>): its name is not an identifier.</summary>
    ExplicitInterfaceImplementation,

    /// <summary>A method declared in an interface.</summary>
    InterfaceMember,

    /// <summary>Abstract, extern, or a partial definition without an implementation: there is no body to analyse.</summary>
    NoBody,

    /// <summary>A method in a <c>file</c>-local type: the generated part would live in another file.</summary>
    FileLocalType,

    /// <summary>A method with <c>__arglist</c>.</summary>
    VarArgs,

    /// <summary>The containing type already declares a member named <c>LatencyOf_X</c>.</summary>
    NameCollision,

    /// <summary>
    /// An overload of the same name whose companion would have the same parameter list (they differ
    /// only in <c>out</c> parameters, which companions drop); only the first in ordinal order of
    /// documentation ID gets one.
    /// </summary>
    OverloadCollision,

    /// <summary>
    /// A member of a C# 14 <c>extension(…)</c> block: the block cannot be declared <c>partial</c>, so no
    /// generated file can add a companion to it.
    /// </summary>
    ExtensionBlockMember,
}

/// <summary>
/// The one place that decides which methods can get a performance interface companion, and why not.
/// The generator emits code only for <see cref="MethodSupportStatus.Supported"/> methods; the analyzers
/// report PIX0001 (<see cref="MethodSupportStatus.NotPartial"/>) and PIX0003
/// (<see cref="MethodSupportStatus.Unsupported"/>) from the same answer, so the two never disagree.
/// </summary>
/// <param name="Status">The verdict.</param>
/// <param name="Reason">Why the method is unsupported (<see cref="UnsupportedReason.None"/> otherwise).</param>
/// <param name="NonPartialType">For <see cref="MethodSupportStatus.NotPartial"/>, the display name of the outermost type that is not partial.</param>
/// <param name="Message">One sentence for people: what is wrong and how to fix it (empty when supported).</param>
public sealed record MethodSupport(
    MethodSupportStatus Status,
    UnsupportedReason Reason,
    string? NonPartialType,
    string Message)
{
    /// <summary>The prefix of every generated companion: <c>LatencyOf_</c> + the method's name.</summary>
    public const string LatencyMethodPrefix = "LatencyOf_";

    /// <summary>The attribute that asks for a companion.</summary>
    public const string AttributeMetadataName = "Pix.PerformanceInterfaceAttribute";

    /// <summary>
    /// Suffix of every file the generator adds. Members declared in such files are Pix's own output,
    /// which analyzers see in their compilation, so they never count as a <see cref="UnsupportedReason.NameCollision"/>.
    /// </summary>
    public const string GeneratedFileSuffix = ".Pix.g.cs";

    /// <summary>The analyzer-config key under which the compiler passes a project's <c>PixAnnotateAll</c>.</summary>
    public const string AnnotateAllBuildProperty = "build_property.PixAnnotateAll";

    /// <summary>
    /// Reads a project's <c>PixAnnotateAll</c>: <c>true</c> (any case) turns annotate-all mode on; anything
    /// else, a missing or malformed value included, leaves it off. The one parser, shared by the generator
    /// and the analyzers, so that they always agree on the mode.
    /// </summary>
    public static bool IsAnnotateAllEnabled(string? text) => text is not null && bool.TryParse(text.Trim(), out bool on) && on;

    /// <summary>
    /// True for a method annotate-all mode treats as if it were <c>[PerformanceInterface]</c>: a source
    /// method Pix can give a companion (<see cref="Check"/> says supported: an ordinary method with a body,
    /// every containing type partial), that is not itself annotated (it is an explicit target already), not
    /// Pix's own output, and whose companion would not collide with an annotated overload's (the annotated
    /// method keeps its companion, as without the mode).
    /// </summary>
    /// <remarks>
    /// Methods of types that are not partial are skipped rather than reported: in a survey of a whole code
    /// base, PIX0001 on every method would drown everything else. Nothing can receive members there.
    /// </remarks>
    public static bool IsImplicitTarget(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method is null)
        {
            throw new ArgumentNullException(nameof(method));
        }

        if (method.MethodKind != MethodKind.Ordinary || method.IsImplicitlyDeclared || HasPerformanceInterfaceAttribute(method)
            || !method.Locations.Any(l => l.IsInSource) || IsGeneratedByPix(method)
            || !Check(method, cancellationToken).IsSupported)
        {
            return false;
        }

        string key = CompanionSignatureKey(method);
        return !method.ContainingType.GetMembers(method.Name).Any(member =>
            member is IMethodSymbol other
            && !SymbolEqualityComparer.Default.Equals(other, method)
            && HasPerformanceInterfaceAttribute(other)
            && CompanionSignatureKey(other) == key);
    }

    /// <summary>The verdict for a supported method.</summary>
    public static MethodSupport Supported { get; } = new(MethodSupportStatus.Supported, UnsupportedReason.None, null, string.Empty);

    /// <summary>True when the generator emits a companion.</summary>
    public bool IsSupported => Status == MethodSupportStatus.Supported;

    /// <summary>The name of the companion of a method called <paramref name="methodName"/>.</summary>
    public static string LatencyMethodName(string methodName) => LatencyMethodPrefix + methodName;

    /// <summary>Decides whether <paramref name="method"/> can get a <c>LatencyOf_X</c> companion.</summary>
    /// <remarks>Cheap: reads the method's and its containing types' declarations only, never a method body.</remarks>
    public static MethodSupport Check(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method is null)
        {
            throw new ArgumentNullException(nameof(method));
        }

        MethodSupport? kind = CheckKind(method);
        if (kind is not null)
        {
            return kind;
        }

        cancellationToken.ThrowIfCancellationRequested();
        INamedTypeSymbol containing = method.ContainingType;
        if (containing.TypeKind == TypeKind.Interface)
        {
            return Unsupported(UnsupportedReason.InterfaceMember, $"'{method.Name}' is declared in an interface; move it to a class or struct to get a performance interface.");
        }

        if (IsExtensionBlock(containing))
        {
            return Unsupported(
                UnsupportedReason.ExtensionBlockMember,
                $"'{method.Name}' is declared in an extension block, which cannot be partial; write it as a 'this' extension method of a static partial class to get a performance interface.");
        }

        if (IsFileLocal(containing))
        {
            return Unsupported(UnsupportedReason.FileLocalType, $"'{containing.Name}' is file-local, so Pix cannot add 'LatencyOf_{method.Name}' to it from another file.");
        }

        if (!HasBody(method, cancellationToken))
        {
            return Unsupported(UnsupportedReason.NoBody, $"'{method.Name}' has no body to analyse (abstract, extern or a partial method without implementation).");
        }

        INamedTypeSymbol? notPartial = OutermostNonPartialType(containing, cancellationToken);
        if (notPartial is not null)
        {
            string name = notPartial.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat);
            return new MethodSupport(
                MethodSupportStatus.NotPartial,
                UnsupportedReason.None,
                name,
                $"Type '{name}' must be declared 'partial' so that Pix can add 'LatencyOf_{method.Name}' to it.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        return CheckCollisions(method, containing) ?? Supported;
    }

    /// <summary>
    /// A key for the parameter list a companion of <paramref name="method"/> starts with (before the
    /// profile and PCV parameters): method type-parameter count, then each kept parameter's ref kind and
    /// type, with method type parameters by position. Two overloads with the same key would collide.
    /// </summary>
    public static string CompanionSignatureKey(IMethodSymbol method)
    {
        var key = new System.Text.StringBuilder();
        key.Append('`').Append(method.Arity).Append('(');
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (parameter.RefKind == RefKind.Out)
            {
                continue;
            }

            // Companions take ref, in and ref readonly parameters as 'in' (see the generator's README).
            key.Append(parameter.RefKind == RefKind.None ? "" : "in ");
            AppendTypeKey(key, parameter.Type);
            key.Append(',');
        }

        return key.Append(')').ToString();
    }

    private static MethodSupport? CheckKind(IMethodSymbol method) => method.MethodKind switch
    {
        MethodKind.Ordinary when method.IsVararg =>
            Unsupported(UnsupportedReason.VarArgs, $"'{method.Name}' takes __arglist, which a performance interface cannot forward."),
        MethodKind.Ordinary => null,
        MethodKind.Constructor or MethodKind.StaticConstructor =>
            Unsupported(UnsupportedReason.Constructor, $"Constructors of '{method.ContainingType?.Name}' cannot get a performance interface; move the work into a method."),
        MethodKind.Destructor =>
            Unsupported(UnsupportedReason.Destructor, "Finalizers cannot get a performance interface."),
        MethodKind.LocalFunction =>
            Unsupported(UnsupportedReason.LocalFunction, $"Local function '{method.Name}' has no containing type for 'LatencyOf_{method.Name}'; make it a method of the type."),
        MethodKind.AnonymousFunction or MethodKind.LambdaMethod =>
            Unsupported(UnsupportedReason.AnonymousFunction, "Lambdas cannot get a performance interface; make the lambda a method."),
        MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove or MethodKind.EventRaise =>
            Unsupported(UnsupportedReason.Accessor, "Property and event accessors cannot get a performance interface; move the work into a method."),
        MethodKind.UserDefinedOperator or MethodKind.Conversion or MethodKind.BuiltinOperator =>
            Unsupported(UnsupportedReason.Operator, "Operators cannot get a performance interface; move the work into a named method."),
        MethodKind.ExplicitInterfaceImplementation =>
            Unsupported(UnsupportedReason.ExplicitInterfaceImplementation, $"'{method.Name}' is an explicit interface implementation; put the work in an ordinary method it calls."),
        _ => Unsupported(UnsupportedReason.None, $"'{method.Name}' ({method.MethodKind}) is not an ordinary method, so it cannot get a performance interface."),
    };

    private static MethodSupport? CheckCollisions(IMethodSymbol method, INamedTypeSymbol containing)
    {
        string companion = LatencyMethodName(method.Name);
        foreach (ISymbol member in containing.GetMembers(companion))
        {
            if (!member.IsImplicitlyDeclared && !IsGeneratedByPix(member))
            {
                return Unsupported(UnsupportedReason.NameCollision, $"'{containing.Name}' already declares '{companion}'; rename it so that Pix can generate the performance interface of '{method.Name}'.");
            }
        }

        string key = CompanionSignatureKey(method);
        string? id = method.GetDocumentationCommentId();
        foreach (ISymbol member in containing.GetMembers(method.Name))
        {
            if (member is IMethodSymbol other
                && !SymbolEqualityComparer.Default.Equals(other, method)
                && other.MethodKind == MethodKind.Ordinary
                && HasPerformanceInterfaceAttribute(other)
                && string.CompareOrdinal(other.GetDocumentationCommentId(), id) < 0
                && CompanionSignatureKey(other) == key)
            {
                return Unsupported(
                    UnsupportedReason.OverloadCollision,
                    $"'{method.Name}' and another overload differ only in out parameters, which 'LatencyOf_{method.Name}' drops; only '{other.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat)}' gets a performance interface.");
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="method"/> carries <c>[PerformanceInterface]</c>.</summary>
    /// <remarks>
    /// Also asked by the analysis of every call into the compilation's code: the attribute's name is compared first, so
    /// that the display string (an allocation and a walk of its namespaces) is made only for an attribute of that name.
    /// </remarks>
    internal static bool HasPerformanceInterfaceAttribute(IMethodSymbol method) =>
        method.GetAttributes().Any(IsPerformanceInterfaceAttribute);

    /// <summary>Whether <paramref name="attribute"/> is <c>[PerformanceInterface]</c> (the name first, as above).</summary>
    internal static bool IsPerformanceInterfaceAttribute(AttributeData attribute) =>
        attribute.AttributeClass is { Name: "PerformanceInterfaceAttribute" } type && type.ToDisplayString() == AttributeMetadataName;

    private static bool IsGeneratedByPix(ISymbol member) =>
        member.DeclaringSyntaxReferences.Length > 0
        && member.DeclaringSyntaxReferences.All(r => r.SyntaxTree.FilePath.EndsWith(GeneratedFileSuffix, StringComparison.Ordinal));

    private static bool HasBody(IMethodSymbol method, CancellationToken cancellationToken)
    {
        if (method.IsAbstract || method.IsExtern)
        {
            return false;
        }

        // A partial method's attribute may sit on the definition; the body is on the implementation.
        IMethodSymbol withBody = method.PartialImplementationPart ?? method;
        foreach (SyntaxReference reference in withBody.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is BaseMethodDeclarationSyntax { Body: not null } or BaseMethodDeclarationSyntax { ExpressionBody: not null })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The outermost type of the nesting chain that no declaration marks <c>partial</c>, or null.</summary>
    private static INamedTypeSymbol? OutermostNonPartialType(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        INamedTypeSymbol? result = null;
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            bool isPartial = current.DeclaringSyntaxReferences.Any(r =>
                r.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
                && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!isPartial)
            {
                result = current;
            }
        }

        return result;
    }

    /// <summary>
    /// Whether <paramref name="type"/> is a C# 14 extension block. Pix references Roslyn 4.8, whose
    /// <see cref="TypeKind"/> has no member for it; the compilers that parse extension blocks (Roslyn 5.0 and
    /// later) give it <c>TypeKind.Extension</c>, value 14.
    /// </summary>
    private static bool IsExtensionBlock(INamedTypeSymbol type) => (int)type.TypeKind == ExtensionTypeKind;

    private const int ExtensionTypeKind = 14;

    /// <summary>Whether <paramref name="type"/> or a type containing it is file-local (<c>file class</c>).</summary>
    internal static bool IsFileLocal(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.IsFileLocal)
            {
                return true;
            }
        }

        return false;
    }

    private static void AppendTypeKey(System.Text.StringBuilder key, ITypeSymbol type)
    {
        switch (type)
        {
            case ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Method } typeParameter:
                key.Append("!!").Append(typeParameter.Ordinal);
                break;
            case IArrayTypeSymbol array:
                AppendTypeKey(key, array.ElementType);
                key.Append('[').Append(',', array.Rank - 1).Append(']');
                break;
            case IPointerTypeSymbol pointer:
                AppendTypeKey(key, pointer.PointedAtType);
                key.Append('*');
                break;
            case INamedTypeSymbol { IsGenericType: true } named:
                key.Append(named.ConstructedFrom.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).Append('<');
                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    AppendTypeKey(key, argument);
                    key.Append(',');
                }

                key.Append('>');
                break;
            default:
                key.Append(type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
                break;
        }
    }

    private static MethodSupport Unsupported(UnsupportedReason reason, string message) =>
        new(MethodSupportStatus.Unsupported, reason, null, message);
}
