using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pix.Benchmarks;

/// <summary>
/// The floor of any attribute-driven generator: <c>ForAttributeWithMetadataName</c> on
/// <c>[PerformanceInterface]</c> with a transform that only reads the method's name, and one output
/// per method. Roslyn re-runs the semantic part (declared symbol, attribute binding) for every
/// attributed method on every compilation change; timing this generator on the same edit says how
/// much of Pix's rerun is Roslyn's and how much is Pix's.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AttributeOnlyGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<string> names = context.SyntaxProvider.ForAttributeWithMetadataName(
            "Pix.PerformanceInterfaceAttribute",
            predicate: static (node, _) => node is MethodDeclarationSyntax,
            transform: static (attributed, _) => attributed.TargetSymbol.ContainingType.Name + "." + attributed.TargetSymbol.Name);

        context.RegisterSourceOutput(names.Collect(), static (output, all) =>
            output.AddSource("Floor.g.cs", "// " + all.Length + " methods\n"));
    }
}
