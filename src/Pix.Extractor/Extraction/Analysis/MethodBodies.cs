using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pix.Extraction.Analysis;

/// <summary>
/// Where Pix reads a method's code: the body the analysis lowers (<see cref="MethodAnalyzer"/>) and the
/// call graph walks (<see cref="CallGraph"/>), so that both read the same operations.
/// </summary>
internal static class MethodBodies
{
    /// <summary>
    /// Whether <paramref name="method"/> has code of <paramref name="compilation"/> a call can be followed into: declared
    /// there (a partial method by its implementing part) and neither abstract nor extern, or the constructor the compiler
    /// declares for a class there (<see cref="ConstructorBody"/>). The analysis and the call graph both ask this.
    /// </summary>
    public static bool HasSourceCode(IMethodSymbol method, Compilation compilation) =>
        !method.IsAbstract
        && !method.IsExtern
        && ((method.PartialImplementationPart ?? method).DeclaringSyntaxReferences.Any(r => compilation.ContainsSyntaxTree(r.SyntaxTree))
            || ConstructorBody.IsImplicitOfSourceClass(method, compilation));

    /// <summary>
    /// The operation of <paramref name="method"/>'s body in <paramref name="compilation"/> (a partial method's
    /// implementation part; a constructor's whole declaration, which holds its initializer call), or null when it
    /// has none there. <paramref name="modelOf"/> gives the semantic model of a tree: the one way the body is bound;
    /// <paramref name="reader"/> says who reads it, for measurement only (<see cref="MeterForMeasurement"/>).
    /// </summary>
    public static IOperation? Find(IMethodSymbol method, Compilation compilation, Func<SyntaxTree, SemanticModel> modelOf, CancellationToken cancellationToken, SummaryWork reader = SummaryWork.Binding)
    {
        IMethodSymbol implementation = method.PartialImplementationPart ?? method;
        foreach (SyntaxReference reference in implementation.DeclaringSyntaxReferences)
        {
            SyntaxNode node = reference.GetSyntax(cancellationToken);
            if (!compilation.ContainsSyntaxTree(node.SyntaxTree))
            {
                continue;
            }

            SemanticModel model = modelOf(node.SyntaxTree);
            SyntaxNode? bodyNode = Caching.DeclarationIndex.BodyOf(node);

            if (bodyNode is null)
            {
                continue;
            }

            // Constructors: the whole declaration gives the initializer call too.
            IOperation? operation = Bind(method, model, node, bodyNode, reader, cancellationToken);
            if (operation is not null)
            {
                return operation;
            }
        }

        return null;
    }

    /// <summary>
    /// Measurement only: told as each body is asked of its semantic model, with who asked (<see cref="SummaryWork.Binding"/>,
    /// <see cref="SummaryWork.ThrowRuleBinding"/>, <see cref="SummaryWork.CallGraphBinding"/>; Roslyn binds a
    /// body the first time it is asked, later asks are a look-up), so that the corpus harness can say how much of an
    /// extraction was the compiler's binding rather than Pix's analysis. Null outside measurements.
    /// </summary>
    internal static ISummaryMeter? MeterForMeasurement { get; set; }

    private static IOperation? Bind(IMethodSymbol method, SemanticModel model, SyntaxNode node, SyntaxNode bodyNode, SummaryWork reader, CancellationToken cancellationToken)
    {
        ISummaryMeter? meter = MeterForMeasurement;
        meter?.Started();
        try
        {
            IOperation? operation = node is ConstructorDeclarationSyntax ? model.GetOperation(node, cancellationToken) : null;
            return operation ?? model.GetOperation(bodyNode, cancellationToken);
        }
        finally
        {
            meter?.Finished(method, reader);
        }
    }
}
