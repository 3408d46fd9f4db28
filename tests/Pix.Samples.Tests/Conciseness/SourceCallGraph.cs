using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.Samples.Tests.Conciseness;

/// <summary>
/// The source code a method's latency depends on: the method itself and, transitively, every method,
/// constructor, property and accessor declared in the compilation's source that it calls or reads.
/// Library (metadata) members are listed by name but not sized: their source is not in the compilation.
/// </summary>
public sealed class SourceCallGraph
{
    private SourceCallGraph(IReadOnlyList<ISymbol> sourceMembers, IReadOnlyList<string> libraryMembers, IReadOnlyList<ISymbol> librarySymbols, CodeSize size)
    {
        SourceMembers = sourceMembers;
        LibraryMembers = libraryMembers;
        LibrarySymbols = librarySymbols;
        Size = size;
    }

    /// <summary>Source members reached, the root first, then in discovery order.</summary>
    public IReadOnlyList<ISymbol> SourceMembers { get; }

    /// <summary>Library members called, sorted.</summary>
    public IReadOnlyList<string> LibraryMembers { get; }

    /// <summary>The library members called, as symbols (each once), for <see cref="LibraryCode"/> to size.</summary>
    public IReadOnlyList<ISymbol> LibrarySymbols { get; }

    /// <summary>The total size of <see cref="SourceMembers"/>' declarations.</summary>
    public CodeSize Size { get; }

    public static SourceCallGraph Of(IMethodSymbol root, Compilation compilation)
    {
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { root };
        var order = new List<ISymbol> { root };
        var library = new SortedSet<string>(System.StringComparer.Ordinal);
        var librarySymbols = new List<ISymbol>();
        var seenLibrary = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var queue = new Queue<ISymbol>(order);
        CodeSize size = CodeSize.Zero;
        while (queue.Count > 0)
        {
            ISymbol member = queue.Dequeue();
            foreach (SyntaxReference reference in member.DeclaringSyntaxReferences)
            {
                SyntaxNode declaration = reference.GetSyntax();
                if (declaration is TypeDeclarationSyntax { ParameterList: { } primaryConstructor })
                {
                    // A record's primary constructor is declared by its parameter list, not the whole type.
                    declaration = primaryConstructor;
                }

                size += CodeSize.Of(declaration);
                SemanticModel model = compilation.GetSemanticModel(declaration.SyntaxTree);
                foreach (ISymbol callee in Callees(declaration, model))
                {
                    if (callee.DeclaringSyntaxReferences.IsEmpty || callee.IsImplicitlyDeclared)
                    {
                        library.Add(callee.ContainingType?.Name + "." + callee.Name);
                        if (seenLibrary.Add(callee))
                        {
                            librarySymbols.Add(callee);
                        }
                    }
                    else if (seen.Add(callee))
                    {
                        order.Add(callee);
                        queue.Enqueue(callee);
                    }
                }
            }
        }

        return new SourceCallGraph(order, library.ToList(), librarySymbols, size);
    }

    private static IEnumerable<ISymbol> Callees(SyntaxNode declaration, SemanticModel model)
    {
        foreach (SyntaxNode node in declaration.DescendantNodes())
        {
            IOperation? operation = model.GetOperation(node);
            ISymbol? target = operation switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IObjectCreationOperation creation => creation.Constructor,
                IPropertyReferenceOperation property => property.Property,
                IBinaryOperation { OperatorMethod: { } method } => method,
                IUnaryOperation { OperatorMethod: { } method } => method,
                _ => null,
            };
            if (target is not null)
            {
                yield return target.OriginalDefinition;
            }
        }
    }
}
