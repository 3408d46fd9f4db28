using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Costs;
using Pix.Library;
using Pix.Model;
using Pix.Extraction.Symbolic;

namespace Pix.Extraction.Analysis;

internal sealed partial class MethodAnalyzer
{
    private void VisitStatement(IOperation? operation)
    {
        if (operation is null || !Enter(operation))
        {
            return;
        }

        try
        {
            VisitStatementCore(operation);
        }
        finally
        {
            Leave();
        }
    }

    private void VisitStatementCore(IOperation operation)
    {
        switch (operation)
        {
            case IBlockOperation block:
                foreach (IOperation statement in block.Operations)
                {
                    VisitStatement(statement);
                }

                break;
            case IMethodBodyOperation body:
                VisitStatement((IOperation?)body.BlockBody ?? body.ExpressionBody);
                break;
            case IConstructorBodyOperation constructor:
                if (constructor.Initializer is { } initializer)
                {
                    VisitStatement(initializer);
                }

                VisitStatement((IOperation?)constructor.BlockBody ?? constructor.ExpressionBody);
                break;
            case IVariableDeclarationGroupOperation group:
                foreach (IVariableDeclarationOperation declaration in group.Declarations)
                {
                    foreach (IVariableDeclaratorOperation declarator in declaration.Declarators)
                    {
                        IOperation? value = declarator.Initializer?.Value ?? declaration.Initializer?.Value;
                        if (value is not null)
                        {
                            // `ref var e = ref entries[i]` binds the element's address; reads through it load.
                            bool byReference = declarator.Symbol.RefKind != RefKind.None;
                            WriteVariable(declarator.Symbol, value, byReference ? EvaluateAddress(value) : Evaluate(value));
                        }
                    }
                }

                break;
            case IExpressionStatementOperation expression:
                _region.Observe(Evaluate(expression.Operation));
                break;
            case IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak } yield:
                Evaluate(yield.ReturnedValue);
                Unsupported(yield, "iterator (yield)", "Iterators run lazily, driven by their consumer; Pix prices each yield as an opaque term. Annotate the consumer instead.");
                break;
            case IReturnOperation ret:
            {
                Costs.DependencyFlow returned = Evaluate(ret.ReturnedValue);
                _region.Observe(returned);
                _returnPaths.Observe(returned);
                ExitPaths();
                break;
            }

            case IConditionalOperation conditional:
                VisitIf(conditional);
                break;
            case ISwitchOperation @switch:
                VisitSwitch(@switch);
                break;
            case IForLoopOperation loop:
                VisitFor(loop);
                break;
            case IForEachLoopOperation loop:
                VisitForEach(loop);
                break;
            case IWhileLoopOperation loop:
                VisitWhile(loop);
                break;
            case IBranchOperation branch:
                VisitBranch(branch);
                break;
            case ILabeledOperation labeled:
                VisitStatement(labeled.Operation);
                break;
            case ITryOperation @try:
                VisitStatement(@try.Body);
                VisitStatement(@try.Finally);
                if (@try.Catches.Length > 0)
                {
                    AddGap(
                        GapKind.UnsupportedConstruct,
                        "try/catch",
                        "Exception handlers are not counted (the exceptional path is assumed not taken); the try body and any finally block are.",
                        @try);
                }

                break;
            case IUsingOperation @using:
                VisitResources(@using.Resources);
                VisitStatement(@using.Body);
                Unsupported(@using, "using (Dispose)", "The Dispose call at the end of a using block is priced as an opaque term.");
                break;
            case IUsingDeclarationOperation usingDeclaration:
                VisitStatement(usingDeclaration.DeclarationGroup);
                Unsupported(usingDeclaration, "using (Dispose)", "The Dispose call at the end of a using declaration's scope is priced as an opaque term.");
                break;
            case ILockOperation @lock:
                Evaluate(@lock.LockedValue);
                UncontendedLock(@lock);
                VisitStatement(@lock.Body);
                break;
            case ILocalFunctionOperation:
            case IEmptyOperation:
                // A local function's declaration runs nothing; its calls are handled where they happen.
                break;
            default:
                _region.Observe(Evaluate(operation));
                break;
        }
    }

    /// <summary>
    /// A <c>lock</c>'s entry and exit, uncontended (<see cref="SynchronizationModels.LockStatement"/>), as a term of its
    /// own: its description, in the generated interface, says that contention is not modelled. The body is
    /// analysed like any block.
    /// </summary>
    private void UncontendedLock(ILockOperation @lock)
    {
        OperationVector ops = OperationVector.Of(SynchronizationModels.LockStatement.ToArray());
        Provenance where = SourceLocations.Of(@lock, "lock");
        _paths.AddTerm(new PendingTerm(PendingTerm.CreateBlock(ops, null, null), Poly.One, where, SynchronizationModels.LockDescription));
    }

    private void VisitBranch(IBranchOperation branch)
    {
        switch (branch.BranchKind)
        {
            case BranchKind.Continue:
                Emit(OperationClass.Branch);
                break;
            case BranchKind.Break:
                Emit(OperationClass.Branch);
                // Breaking out of a switch section is ordinary control flow; out of a loop it is an
                // early exit, which the loop's PCV accounts for (see VisitLoop).
                break;
            default:
                Unsupported(
                    branch,
                    "goto",
                    "goto makes control flow unstructured; Pix analyses the code around it as if the jump were not taken. Restructure with loops or a PixHint.");
                break;
        }
    }

    /// <summary>A return or throw: outside loops it ends the live paths; inside, the loop exits early (its PCV).</summary>
    private void ExitPaths()
    {
        if (!InLoop)
        {
            _paths.TerminateLive();
        }
    }

    private void WriteVariable(ISymbol variable, IOperation value, Costs.DependencyFlow flow)
    {
        _region.Write(variable, flow);
        SetValue(variable, _inputs.Resolve(value));
    }

    private void Evaluate(System.Collections.Immutable.ImmutableArray<IOperation> operations)
    {
        foreach (IOperation operation in operations)
        {
            _region.Observe(Evaluate(operation));
        }
    }

    private void VisitResources(IOperation? resources)
    {
        if (resources is null)
        {
            return;
        }

        if (resources is IVariableDeclarationGroupOperation)
        {
            VisitStatement(resources);
        }
        else
        {
            _region.Observe(Evaluate(resources));
        }
    }
}
