using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.Extraction.Caching;

/// <summary>
/// Whether a declaration's code passes a caller line number: a call left to fill a
/// <c>[CallerLineNumber]</c> parameter gets the line of the call as a constant, so the same text on
/// another line binds to another value.
/// </summary>
internal static class CallerLines
{
    private const string AttributeName = "System.Runtime.CompilerServices.CallerLineNumberAttribute";

    /// <summary>Whether <paramref name="declaration"/> (of the <see cref="DeclarationIndex"/>, in <paramref name="compilation"/>) passes one.</summary>
    public static bool Passes(SyntaxNode declaration, Compilation compilation, CancellationToken ct)
    {
        // Without the attribute type nothing can be declared with it: no binding needed.
        if (compilation.GetTypeByMetadataName(AttributeName) is not { } attribute)
        {
            return false;
        }

        // The extraction's shared model of the tree: when the answer is yes, the method is extracted again
        // and binds this body through it anyway (a caller line number does not depend on nullable analysis).
        SemanticModel model = Analysis.SemanticModels.Of(compilation, declaration.SyntaxTree);

        // A constructor's operation holds its initializer (`: base(...)`), which may pass one too.
        SyntaxNode? root = declaration is ConstructorDeclarationSyntax ? declaration : DeclarationIndex.BodyOf(declaration);
        if (root is null)
        {
            // No code (an abstract member, an auto-accessor): nothing is passed.
            return false;
        }

        if (model.GetOperation(root, ct) is not { } operation)
        {
            // Code that does not bind cannot be looked into: say yes, the caller extracts again.
            return true;
        }

        foreach (IOperation descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IArgumentOperation { ArgumentKind: ArgumentKind.DefaultValue, Parameter: { } parameter }
                && HasAttribute(parameter, attribute))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasAttribute(IParameterSymbol parameter, INamedTypeSymbol attribute)
    {
        foreach (AttributeData data in parameter.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(data.AttributeClass, attribute))
            {
                return true;
            }
        }

        return false;
    }
}
