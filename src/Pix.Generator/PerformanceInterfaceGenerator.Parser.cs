using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Extraction;
using Pix.Extraction.Caching;
using Pix.Extraction.Inputs;
using Pix.Generator.Model;
using Pix.Model;
using Pix.Targets;

namespace Pix.Generator;

public sealed partial class PerformanceInterfaceGenerator
{
    /// <summary>
    /// Turns a <c>[PerformanceInterface]</c> method into a value-only <see cref="LatencyMethodSpec"/>:
    /// the only code of the generator that sees symbols. Returns null for anything it cannot emit.
    /// </summary>
    internal static class Parser
    {
        /// <summary>The resolution used when neither the attribute nor the project sets one.</summary>
        public const double DefaultResolution = 0.05;

        /// <summary>The MSBuild property (made compiler-visible by the package's props) that sets the project's resolution.</summary>
        public const string ResolutionProperty = ExtractionOptions.ResolutionBuildProperty;

        /// <summary>
        /// The options every spec's model is extracted with when the project does not set <c>PixBottomUpSummaries</c>:
        /// every piece kept, merged later (<see cref="ApplyResolution"/>).
        /// </summary>
        public static readonly ExtractionOptions UnmergedOptions = ExtractionOptions.Default with { DefaultResolution = 0 };

        /// <summary>The MSBuild property (made compiler-visible by the package's props) that picks how callees are summarised.</summary>
        public const string BottomUpProperty = ExtractionOptions.BottomUpBuildProperty;

        /// <summary>
        /// The options this project's models are extracted with: <see cref="UnmergedOptions"/> in the mode
        /// <c>build_property.PixBottomUpSummaries</c> picks (the default's when missing or invalid; the analyzers report
        /// an invalid value, PIX0007, from the same parser).
        /// </summary>
        public static ExtractionOptions ProjectExtraction(AnalyzerConfigOptions options) =>
            UnmergedOptions.WithProjectBottomUp(options.TryGetValue(BottomUpProperty, out string? text) ? text : null);

        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        private static readonly SymbolDisplayFormat CrefFormat = new(
            globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Included,
            typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
            genericsOptions: SymbolDisplayGenericsOptions.IncludeTypeParameters,
            miscellaneousOptions: SymbolDisplayMiscellaneousOptions.UseSpecialTypes | SymbolDisplayMiscellaneousOptions.EscapeKeywordIdentifiers
                | SymbolDisplayMiscellaneousOptions.ExpandValueTuple);

        // What Parse learnt from a method's declaration (whether it gets a companion, and the spec's
        // signature part), kept across compilations with the same declarations: on a keystroke the
        // transform runs again for every annotated method, and this way it costs a lookup and a
        // cached extraction instead of symbol display work.
        private static readonly FingerprintedStore<string, DeclarationPart> s_declarations = new();

        /// <summary>The method the attribute sits on, before extraction (null for a method without a documentation ID).</summary>
        public static AnnotatedTarget? Target(GeneratorAttributeSyntaxContext context) =>
            context.TargetSymbol is IMethodSymbol method && StableId.Of(method) is { } id
                && method.ContainingType?.GetDocumentationCommentId() is { } typeId
                ? new AnnotatedTarget(id, typeId, method.Name, method.PartialDefinitionPart is not null, ExplicitResolution(context.Attributes))
                : null;

        /// <summary>The spec of an annotated method, extracted with <paramref name="extraction"/>, or null when it gets no companion.</summary>
        public static LatencyMethodSpec? Parse(AnnotatedTarget target, Compilation compilation, ExtractionOptions extraction, CancellationToken ct) =>
            target.Resolve(compilation) is { } method
                ? Parse(method, compilation, target.ExplicitResolution, extraction, ct, out _)
                : null;

        /// <summary>
        /// The spec of a method (annotated, or an annotate-all target), or null when it gets no companion.
        /// <paramref name="explicitResolution"/> is the attribute's <c>Resolution</c>, if any; <paramref name="extraction"/>
        /// the project's options (<see cref="ProjectExtraction"/>). <paramref name="model"/> is the model the spec was
        /// decided on, or null when the declaration alone decided that there is no companion.
        /// </summary>
        public static LatencyMethodSpec? Parse(IMethodSymbol method, Compilation compilation, double? explicitResolution, ExtractionOptions extraction, CancellationToken ct, out InterfaceModel? model)
        {
            model = null;
            string fingerprint = DeclarationFingerprint.Of(compilation);
            string? id = StableId.Of(method);
            DeclarationPart? declaration = null;
            if (id is not null && s_declarations.TryGet(fingerprint, id, out declaration) && !declaration!.Supported)
            {
                return null;
            }

            if (declaration is null && !IsSupported(method, ct))
            {
                Remember(fingerprint, id, new DeclarationPart(Supported: false, Template: null));
                return null;
            }

            // Without a resolution on the attribute, extract every piece (resolution 0): the project's default
            // is only known after the Combine below the transform, where ApplyResolution merges.
            ct.ThrowIfCancellationRequested();
            model = InterfaceExtractor.Extract(method, compilation, extraction, ct);
            if (!ModelCheck.IsEmittable(model))
            {
                return null;
            }

            if (declaration?.Template is LatencyMethodSpec template)
            {
                return template with { Interface = model };
            }

            LatencyMethodSpec spec = Spec(method, explicitResolution, model, ct);
            Remember(fingerprint, id, new DeclarationPart(Supported: true, Template: spec));
            return spec;
        }

        private static void Remember(string fingerprint, string? id, DeclarationPart declaration)
        {
            if (id is not null)
            {
                s_declarations.Set(fingerprint, id, declaration);
            }
        }

        private static bool IsSupported(IMethodSymbol method, CancellationToken ct) =>
            MethodSupport.Check(method, ct).IsSupported
            // Half-typed code: a companion naming a type that does not exist would add errors of its own.
            && !method.Parameters.Any(p => ContainsErrorType(p.Type))
            && !method.TypeParameters.Any(t => t.ConstraintTypes.Any(ContainsErrorType))
            && !ContainsErrorType(method.ReturnType);

        /// <summary>The spec: everything but <paramref name="model"/> is a function of declarations.</summary>
        private static LatencyMethodSpec Spec(IMethodSymbol method, double? explicitResolution, InterfaceModel model, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            ContainingTypeSpec type = ContainingType(method.ContainingType);
            EquatableArray<ParameterSpec> parameters = method.Parameters
                .Where(p => p.RefKind != RefKind.Out)
                .Select(p => new ParameterSpec(
                    p.Type.ToDisplayString(TypeFormat),
                    Identifier(p.Name),
                    p.RefKind == RefKind.None ? ParameterPassing.Value : ParameterPassing.In,
                    p.IsParams,
                    IsScoped(p, ct),
                    method.IsExtensionMethod && p.Ordinal == 0))
                .ToEquatableArray();

            return new LatencyMethodSpec(
                type,
                method.Name,
                method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
                Cref(method),
                method.IsStatic,
                CompanionAccessibility(method),
                method.Parameters.Any(p => InvolvesPointers(p.Type)),
                HidesBaseCompanion(method),
                method.TypeParameters.Select(t => new TypeParameterSpec(Identifier(t.Name), Constraints(t))).ToEquatableArray(),
                parameters,
                ProfileParameterName(method),
                MethodSupport.CompanionSignatureKey(method),
                explicitResolution,
                model)
            {
                HidesImplicitBaseCompanion = HidesImplicitBaseCompanion(method, ct),
                UsageAttributes = UsageAttributes(method),
                IsNullableOblivious = method.Parameters.Any(p => p.RefKind != RefKind.Out && AnyPart(p.Type, IsOblivious))
                    || method.TypeParameters.Any(t => t.ConstraintTypes.Any(c => AnyPart(c, IsOblivious))),
            };
        }

        /// <summary>A reference type written where nullable annotations are off (<c>#nullable disable</c>): neither <c>T</c> nor <c>T?</c>.</summary>
        private static bool IsOblivious(ITypeSymbol type) =>
            type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.None;

        /// <summary>
        /// The method's accessibility, except that in a sealed type <c>protected</c> drops out (<c>protected</c> and
        /// <c>private protected</c> become <c>private</c>, <c>protected internal</c> becomes <c>internal</c>): an override
        /// may be protected there, but a new protected member is CS0628, and no derived type can see it anyway.
        /// </summary>
        private static string CompanionAccessibility(IMethodSymbol method) =>
            method.ContainingType.IsSealed
                ? method.DeclaredAccessibility switch
                {
                    Microsoft.CodeAnalysis.Accessibility.Protected or Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private",
                    Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "internal",
                    _ => Accessibility(method.DeclaredAccessibility),
                }
                : Accessibility(method.DeclaredAccessibility);

        /// <summary>
        /// The method's <c>[Obsolete]</c> and <c>[Experimental]</c> attributes as C#, repeated on its companions: inside
        /// such a method, obsolete and experimental types may be named without a diagnostic, and the companion names the
        /// same parameter types (CS0618, or an experimental type's error, otherwise); a caller is warned as for the method.
        /// </summary>
        private static EquatableArray<string> UsageAttributes(IMethodSymbol method) =>
            method.GetAttributes()
                .Where(a => a.AttributeConstructor is not null
                    && a.AttributeClass?.ToDisplayString() is "System.ObsoleteAttribute" or "System.Diagnostics.CodeAnalysis.ExperimentalAttribute")
                .Select(a => "[" + a.AttributeClass!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "("
                    + string.Join(", ", a.ConstructorArguments.Select(c => c.ToCSharpString())
                        .Concat(a.NamedArguments.Select(n => n.Key + " = " + n.Value.ToCSharpString())))
                    + ")]")
                .ToEquatableArray();

        /// <summary>What a method's declaration decides: whether it gets a companion, and the rest of its spec.</summary>
        private sealed record DeclarationPart(bool Supported, LatencyMethodSpec? Template);

        /// <summary>The MSBuild property (made compiler-visible by the package's props) that turns the explain twins on.</summary>
        public const string ExplainProperty = "build_property.PixExplain";

        /// <summary>Whether <c>build_property.PixExplain</c> reads <c>true</c> (any case); off otherwise.</summary>
        public static bool Explain(AnalyzerConfigOptions options) =>
            options.TryGetValue(ExplainProperty, out string? text) && string.Equals(text?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

        /// <summary>The project's resolution from <c>build_property.PixResolution</c>; a missing or invalid value means 0.05.</summary>
        public static double ProjectResolution(AnalyzerConfigOptions options) =>
            options.TryGetValue(ResolutionProperty, out string? text) && ExtractionOptions.TryParseResolution(text, out double value)
                ? value
                : DefaultResolution;

        /// <summary>
        /// Merges the pieces of a method's interface at the project's resolution, unless its attribute set
        /// one (then the extractor already did). Gives exactly the model the extractor gives with
        /// <c>DefaultResolution = projectResolution</c>: the same merge on the same pieces, and the quantities
        /// the merged pieces no longer read (a PCV of a dropped path) are dropped too.
        /// </summary>
        public static LatencyMethodSpec ApplyResolution(LatencyMethodSpec spec, double projectResolution, CancellationToken ct)
        {
            if (spec.ExplicitResolution is not null || projectResolution <= 0)
            {
                return spec;
            }

            ct.ThrowIfCancellationRequested();
            return spec with { Interface = ResolutionMerger.Apply(spec.Interface, projectResolution) };
        }

        /// <summary>
        /// Groups the specs by containing type into files, each sorted ordinally, files sorted by hint name (unique:
        /// <see cref="HintNames"/>). Of methods whose companions would collide (only possible when the user's code
        /// already declares the same method twice, an error of its own), the first is kept, so the generator adds no error.
        /// </summary>
        public static ImmutableArray<GeneratedFileSpec> GroupByType(ImmutableArray<LatencyMethodSpec> specs) =>
            HintNames.MakeUnique(specs.GroupBy(s => s.Type)
                .Select(g => new GeneratedFileSpec(
                    g.Key,
                    g.OrderBy(s => s.MethodName, StringComparer.Ordinal)
                        .ThenBy(s => s.Interface.MethodId, StringComparer.Ordinal)
                        .ThenBy(s => s.SignatureKey, StringComparer.Ordinal)
                        .GroupBy(s => (s.MethodName, s.SignatureKey))
                        .Select(same => same.First())
                        .ToEquatableArray())));

        private static ContainingTypeSpec ContainingType(INamedTypeSymbol type)
        {
            var chain = new List<INamedTypeSymbol>();
            for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
            {
                chain.Insert(0, current);
            }

            string ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
            string hint = (ns.Length > 0 ? ns + "." : "") + string.Join(".", chain.Select(t => t.MetadataName)) + MethodSupport.GeneratedFileSuffix;
            return new ContainingTypeSpec(
                ns,
                chain.Select(t => new TypeDeclarationSpec(
                    Keyword(t),
                    Identifier(t.Name),
                    t.TypeParameters.IsEmpty ? "" : "<" + string.Join(", ", t.TypeParameters.Select(p => Identifier(p.Name))) + ">",
                    Accessibility(t.DeclaredAccessibility),
                    t.IsStatic)).ToEquatableArray(),
                hint.Replace('`', '_'));
        }

        private static string Keyword(INamedTypeSymbol type) => type switch
        {
            { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
            { IsRecord: true } => "record",
            { TypeKind: TypeKind.Struct, IsRefLikeType: true } => "ref struct",
            { TypeKind: TypeKind.Struct } => "struct",
            _ => "class",
        };

        private static string Accessibility(Accessibility accessibility) => accessibility switch
        {
            Microsoft.CodeAnalysis.Accessibility.Public => "public",
            Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
            Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
            Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
            Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
            _ => "private",
        };

        private static string Identifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        private static bool IsScoped(IParameterSymbol parameter, CancellationToken ct) =>
            parameter.DeclaringSyntaxReferences.Any(r =>
                r.GetSyntax(ct) is Microsoft.CodeAnalysis.CSharp.Syntax.ParameterSyntax syntax
                && syntax.Modifiers.Any(SyntaxKind.ScopedKeyword));

        /// <summary>
        /// A <c>cref</c> to <paramref name="method"/>, tuples written as <c>ValueTuple{…}</c> (a cref has no tuple
        /// syntax: CS1584); null when a parameter involves a function pointer, which no cref can name.
        /// </summary>
        private static string? Cref(IMethodSymbol method)
        {
            if (method.Parameters.Any(p => AnyPart(p.Type, t => t is IFunctionPointerTypeSymbol)))
            {
                return null;
            }

            string parameters = string.Join(", ", method.Parameters.Select(p =>
                (p.RefKind switch { RefKind.Ref => "ref ", RefKind.Out => "out ", RefKind.In => "in ", RefKind.None => "", _ => "ref readonly " })
                + p.Type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString(CrefFormat)));
            string typeParameters = method.TypeParameters.IsEmpty ? "" : "{" + string.Join(", ", method.TypeParameters.Select(t => t.Name)) + "}";
            return (Identifier(method.Name) + typeParameters + "(" + parameters + ")").Replace('<', '{').Replace('>', '}');
        }

        private static string Constraints(ITypeParameterSymbol typeParameter)
        {
            var parts = new List<string>();
            if (typeParameter.HasReferenceTypeConstraint)
            {
                parts.Add(typeParameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "class?" : "class");
            }
            else if (typeParameter.HasUnmanagedTypeConstraint)
            {
                parts.Add("unmanaged");
            }
            else if (typeParameter.HasValueTypeConstraint)
            {
                parts.Add("struct");
            }
            else if (typeParameter.HasNotNullConstraint)
            {
                parts.Add("notnull");
            }

            parts.AddRange(typeParameter.ConstraintTypes.Select(t => t.ToDisplayString(TypeFormat)));
            if (typeParameter.HasConstructorConstraint)
            {
                parts.Add("new()");
            }

            // Last, as C# wants it. Without it, the companion of M<T>(T x) where T : allows ref struct refuses the spans
            // the method takes (CS9244 at the user's call).
            if (AllowsRefLikeType(typeParameter))
            {
                parts.Add("allows ref struct");
            }

            return string.Join(", ", parts);
        }

        // ITypeParameterSymbol.AllowsRefLikeType (C# 13) arrived in Roslyn 4.10; Pix builds against 4.8 (ARCHITECTURE.md,
        // "Roslyn version") and runs inside newer compilers, which have it: read it through the interface when it is there.
        private static readonly System.Reflection.PropertyInfo? s_allowsRefLikeType =
            typeof(ITypeParameterSymbol).GetProperty("AllowsRefLikeType", typeof(bool));

        private static bool AllowsRefLikeType(ITypeParameterSymbol typeParameter) =>
            s_allowsRefLikeType?.GetValue(typeParameter) is true;

        private static bool ContainsErrorType(ITypeSymbol type) => type switch
        {
            IErrorTypeSymbol => true,
            IArrayTypeSymbol array => ContainsErrorType(array.ElementType),
            IPointerTypeSymbol pointer => ContainsErrorType(pointer.PointedAtType),
            INamedTypeSymbol named => named.TypeArguments.Any(ContainsErrorType) || (named.ContainingType is { } outer && ContainsErrorType(outer)),
            _ => false,
        };

        private static bool InvolvesPointers(ITypeSymbol type) =>
            AnyPart(type, t => t is IPointerTypeSymbol or IFunctionPointerTypeSymbol);

        /// <summary>True when <paramref name="type"/> or a type it is built from (element, pointed-at type, type argument) passes <paramref name="test"/>.</summary>
        private static bool AnyPart(ITypeSymbol type, System.Func<ITypeSymbol, bool> test) => test(type) || type switch
        {
            IArrayTypeSymbol array => AnyPart(array.ElementType, test),
            IPointerTypeSymbol pointer => AnyPart(pointer.PointedAtType, test),
            INamedTypeSymbol named => named.TypeArguments.Any(t => AnyPart(t, test)),
            _ => false,
        };

        /// <summary>
        /// True when a base type has a companion of the same name: compiled (a <c>LatencyOf_X</c> member) or
        /// about to be generated in this compilation (an <c>X</c> with the attribute). Generated code is not
        /// part of the compilation the generator sees, hence the second test.
        /// </summary>
        private static bool HidesBaseCompanion(IMethodSymbol method)
        {
            string companion = MethodSupport.LatencyMethodName(method.Name);
            for (INamedTypeSymbol? baseType = method.ContainingType.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                if (!baseType.GetMembers(companion).IsEmpty
                    || baseType.GetMembers(method.Name).Any(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == MethodSupport.AttributeMetadataName)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when a base type has a method of the same name that annotate-all mode gives a companion
        /// (see <see cref="MethodSupport.IsImplicitTarget"/>); only read when the mode is on.
        /// </summary>
        private static bool HidesImplicitBaseCompanion(IMethodSymbol method, CancellationToken ct)
        {
            for (INamedTypeSymbol? baseType = method.ContainingType.BaseType; baseType is not null; baseType = baseType.BaseType)
            {
                if (baseType.OriginalDefinition.GetMembers(method.Name).Any(m => m is IMethodSymbol other && MethodSupport.IsImplicitTarget(other, ct)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>hw</c>, unless the method already has a parameter or a type parameter of that name (CS0412), or its type a captured
        /// primary-constructor parameter of that name, which the companion may read (a profile parameter would hide it).
        /// </summary>
        private static string ProfileParameterName(IMethodSymbol method)
        {
            var taken = new HashSet<string>(
                method.Parameters.Select(p => p.Name)
                    .Concat(method.TypeParameters.Select(t => t.Name))
                    .Concat(PrimaryConstructorParameters.ReadableBy(method).Select(p => p.Name)),
                StringComparer.Ordinal);
            foreach (string candidate in new[] { "hw", "profile", "hardwareProfile" })
            {
                if (!taken.Contains(candidate))
                {
                    return candidate;
                }
            }

            int i = 2;
            while (taken.Contains("hw" + i))
            {
                i++;
            }

            return "hw" + i;
        }

        private static double? ExplicitResolution(ImmutableArray<AttributeData> attributes)
        {
            foreach (AttributeData attribute in attributes)
            {
                foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
                {
                    // The same rule as the extractor's: a set, non-negative, non-NaN value.
                    if (argument.Key == "Resolution" && argument.Value.Value is double value && value >= 0 && !double.IsNaN(value))
                    {
                        return value;
                    }
                }
            }

            return null;
        }
    }
}
