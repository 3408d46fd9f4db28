using Microsoft.CodeAnalysis;
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
            case IMethodReferenceOperation reference:
                return reference.Method.IsStatic ? DelegateLowering.Cached : DelegateLowering.NewDelegate;
            case IAnonymousFunctionOperation lambda:
                bool capturesThis = false;
                foreach (IOperation operation in lambda.Body.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case ILocalReferenceOperation local when DeclaredOutside(local.Local, lambda):
                        case IParameterReferenceOperation parameter when DeclaredOutside(parameter.Parameter, lambda):
                            return DelegateLowering.NewDelegateAndClosure;
                        case IInstanceReferenceOperation:
                            capturesThis = true;
                            break;
                    }
                }

                return capturesThis ? DelegateLowering.NewDelegate : DelegateLowering.Cached;
            default:
                // A delegate created from another delegate or an expression: a new delegate.
                return DelegateLowering.NewDelegate;
        }
    }

    /// <summary>Whether <paramref name="variable"/> is declared outside <paramref name="lambda"/> (so the lambda captures it).</summary>
    private static bool DeclaredOutside(ISymbol variable, IAnonymousFunctionOperation lambda)
    {
        foreach (Location location in variable.Locations)
        {
            if (location.SourceTree == lambda.Syntax.SyntaxTree && lambda.Syntax.Span.Contains(location.SourceSpan))
            {
                return false;
            }
        }

        return true;
    }
}
