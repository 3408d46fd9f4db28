using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Costs;
using Pix.Model;

namespace Pix.Extraction.Analysis;

// Creating a delegate (a lambda, an anonymous method, a method group converted to a delegate type)
// runs none of its body, so what the creation costs is known from how the C# compiler lowers it:
// - a lambda that captures nothing, and a static method group, are cached by the compiler in a static
//   field: after the first call, a load and a null test;
// - one that captures `this` or an instance method group: a new delegate each time (one allocation);
// - one that captures locals or parameters: also the closure object that holds them (one allocation
//   more; the compiler allocates it where the captured variables' scope begins, counted here at the
//   creation).
// What a lambda captures includes what the local functions it calls capture (the compiler hands it their
// closure); an object initializer's implicit receiver is no `this`.
// What runs the body is an invocation: of a delegate (an opaque `delegate call` with its own gap, as its
// target is not known statically there), or inside the code the delegate is given to, which is analysed
// when it is source and is an opaque call with a gap when it is an API the model library does not price.
// So creating a delegate is no gap. (No library model takes a delegate, which would price the calls and
// not the body: LibraryTests.No_library_model_takes_a_delegate keeps it so.)
internal sealed partial class MethodAnalyzer
{
    private DependencyFlow CreateDelegate(IOperation creation)
    {
        IOperation target = creation is IDelegateCreationOperation delegateCreation ? delegateCreation.Target : creation;
        switch (LoweringOf(target))
        {
            case DelegateLowering.Cached:
                Emit(OperationVector.Of((OperationClass.Load, 1), (OperationClass.IntegerAlu, 1), (OperationClass.Branch, 1)));
                break;
            case DelegateLowering.NewDelegate:
                Emit(OperationClass.Allocation);
                break;
            default:
                Emit(OperationVector.Of((OperationClass.Allocation, 2)));
                break;
        }

        return DependencyFlow.None;
    }

    /// <summary>How the C# compiler lowers the creation of a delegate (see the file's comment).</summary>
    private enum DelegateLowering
    {
        Cached,
        NewDelegate,
        NewDelegateAndClosure,
    }

    private static DelegateLowering LoweringOf(IOperation target)
    {
        switch (target)
        {
            case IMethodReferenceOperation { Method.MethodKind: MethodKind.LocalFunction } reference
                when CapturesOf(reference.Method, reference, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default)) == DelegateLowering.NewDelegateAndClosure:
                // The closure that holds the local function's captured variables goes with the delegate.
                return DelegateLowering.NewDelegateAndClosure;
            case IMethodReferenceOperation reference:
                // An extension method group (`s.Twice`) binds its receiver: a new delegate each time.
                return reference.Method.IsStatic && reference.Instance is null ? DelegateLowering.Cached : DelegateLowering.NewDelegate;
            case IAnonymousFunctionOperation lambda:
                return CapturesOf(lambda.Body, lambda.Syntax, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default));
            default:
                // A delegate created from another delegate or an expression: a new delegate.
                return DelegateLowering.NewDelegate;
        }
    }

    /// <summary>
    /// What a function whose body is <paramref name="body"/> (declared at <paramref name="scope"/>) captures:
    /// variables declared outside it, <c>this</c>, and what the local functions declared outside it that it
    /// calls or converts capture (the compiler gives it their closure).
    /// </summary>
    private static DelegateLowering CapturesOf(IOperation body, SyntaxNode scope, HashSet<IMethodSymbol> visited)
    {
        bool capturesThis = false;
        foreach (IOperation operation in body.DescendantsAndSelf())
        {
            DelegateLowering captured = operation switch
            {
                ILocalReferenceOperation local when DeclaredOutside(local.Local, scope) => DelegateLowering.NewDelegateAndClosure,
                // A class's primary-constructor parameter, read in a method, is a field of `this`.
                IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor }
                    when IsPrimary(constructor) => DelegateLowering.NewDelegate,
                IParameterReferenceOperation parameter when DeclaredOutside(parameter.Parameter, scope) => DelegateLowering.NewDelegateAndClosure,
                // Not an object initializer's or a pattern's implicit receiver: those are no `this`.
                IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } => DelegateLowering.NewDelegate,
                IInvocationOperation { TargetMethod: { MethodKind: MethodKind.LocalFunction } called } when DeclaredOutside(called, scope)
                    => CapturesOf(called, operation, visited),
                IMethodReferenceOperation { Method: { MethodKind: MethodKind.LocalFunction } referenced } when DeclaredOutside(referenced, scope)
                    => CapturesOf(referenced, operation, visited),
                _ => DelegateLowering.Cached,
            };
            if (captured == DelegateLowering.NewDelegateAndClosure)
            {
                return captured;
            }

            capturesThis |= captured == DelegateLowering.NewDelegate;
        }

        return capturesThis ? DelegateLowering.NewDelegate : DelegateLowering.Cached;
    }

    /// <summary>What the local function <paramref name="localFunction"/>, used at <paramref name="use"/>, captures (once per function: recursion ends).</summary>
    private static DelegateLowering CapturesOf(IMethodSymbol localFunction, IOperation use, HashSet<IMethodSymbol> visited)
    {
        localFunction = localFunction.OriginalDefinition;
        if (!visited.Add(localFunction))
        {
            return DelegateLowering.Cached;
        }

        IOperation root = use;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        ILocalFunctionOperation? declaration = root.Descendants().OfType<ILocalFunctionOperation>()
            .FirstOrDefault(f => SymbolEqualityComparer.Default.Equals(f.Symbol, localFunction));
        return declaration?.Body is { } body ? CapturesOf(body, declaration.Syntax, visited) : DelegateLowering.Cached;
    }

    private static bool IsPrimary(IMethodSymbol constructor) =>
        constructor.DeclaringSyntaxReferences.Any(reference => reference.GetSyntax() is TypeDeclarationSyntax);

    /// <summary>Whether <paramref name="symbol"/> is declared outside <paramref name="scope"/> (so a function declared there captures it).</summary>
    private static bool DeclaredOutside(ISymbol symbol, SyntaxNode scope)
    {
        foreach (Location location in symbol.Locations)
        {
            if (location.SourceTree == scope.SyntaxTree && scope.Span.Contains(location.SourceSpan))
            {
                return false;
            }
        }

        return true;
    }
}
