using System;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace Pix.Extraction.Analysis;

/// <summary>
/// Creates the semantic models through which Pix reads method bodies: without nullable analysis
/// when the compiler running Pix can skip it.
/// </summary>
/// <remarks>
/// <para>
/// In a <c>#nullable enable</c> file, a semantic model that binds a body also runs nullable analysis
/// over it, to annotate the types and symbols it reports with nullability. Pix reads operations,
/// symbols and constants, never a nullable annotation or flow state, yet that analysis took 39% of
/// extraction time on YamlDotNet (docs/robustness.md).
/// </para>
/// <para>
/// Roslyn 4.9 added <c>Compilation.GetSemanticModel(SyntaxTree, SemanticModelOptions)</c>, whose
/// <c>DisableNullableAnalysis</c> flag skips it. Pix compiles against Microsoft.CodeAnalysis 4.8 (a
/// newer reference would stop it loading in older compilers, see ARCHITECTURE.md), which lacks that
/// overload, so it is looked up once by reflection in the compiler that loaded Pix and called
/// through a compiled delegate; a compiler without it gets the ordinary model.
/// </para>
/// <para>
/// Models are kept per compilation and tree (weakly: they die with the compilation), because a model
/// caches the bodies it bound: the many extractions of a generator run, and the constant-time
/// analysis, bind each body once. The compiler's analyzer driver shares one ordinary model per tree
/// among analyzers, but does not cache a model created with options, so in an analyzer pass Pix
/// binds with its own.
/// </para>
/// </remarks>
internal static class SemanticModels
{
    private static readonly Func<Compilation, SyntaxTree, SemanticModel>? s_withoutNullableAnalysis = FindWithoutNullableAnalysis();
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<SyntaxTree, SemanticModel>> s_withoutNullable = new();
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<SyntaxTree, SemanticModel>> s_withNullable = new();

    /// <summary>Whether the running compiler can bind without nullable analysis.</summary>
    public static bool CanSkipNullableAnalysis => s_withoutNullableAnalysis is not null;

    /// <summary>
    /// The shared semantic model of <paramref name="tree"/>; without nullable analysis when
    /// <paramref name="skipNullableAnalysis"/> (<see cref="ExtractionOptions.SkipNullableAnalysis"/>)
    /// and the running compiler allows it.
    /// </summary>
    public static SemanticModel Of(Compilation compilation, SyntaxTree tree, bool skipNullableAnalysis = true)
    {
        ConcurrentDictionary<SyntaxTree, SemanticModel> models = (skipNullableAnalysis ? s_withoutNullable : s_withNullable)
            .GetValue(compilation, static _ => new ConcurrentDictionary<SyntaxTree, SemanticModel>());
        if (models.TryGetValue(tree, out SemanticModel? model))
        {
            return model;
        }

        return models.GetOrAdd(tree, skipNullableAnalysis && s_withoutNullableAnalysis is { } create
            ? create(compilation, tree)
            : compilation.GetSemanticModel(tree));
    }

    // (compilation, tree) => compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis)
    private static Func<Compilation, SyntaxTree, SemanticModel>? FindWithoutNullableAnalysis()
    {
        Type? optionsType = typeof(Compilation).Assembly.GetType("Microsoft.CodeAnalysis.SemanticModelOptions");
        if (optionsType is not { IsEnum: true } || !Enum.IsDefined(optionsType, "DisableNullableAnalysis"))
        {
            return null;
        }

        MethodInfo? getSemanticModel = typeof(Compilation).GetMethod(
            nameof(Compilation.GetSemanticModel), BindingFlags.Public | BindingFlags.Instance, binder: null, [typeof(SyntaxTree), optionsType], modifiers: null);
        if (getSemanticModel is null || getSemanticModel.ReturnType != typeof(SemanticModel))
        {
            return null;
        }

        ParameterExpression compilation = Expression.Parameter(typeof(Compilation), "compilation");
        ParameterExpression tree = Expression.Parameter(typeof(SyntaxTree), "tree");
        ConstantExpression disableNullableAnalysis = Expression.Constant(Enum.Parse(optionsType, "DisableNullableAnalysis"), optionsType);
        return Expression.Lambda<Func<Compilation, SyntaxTree, SemanticModel>>(
            Expression.Call(compilation, getSemanticModel, tree, disableNullableAnalysis), compilation, tree).Compile();
    }
}
