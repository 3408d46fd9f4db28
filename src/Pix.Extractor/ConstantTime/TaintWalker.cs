using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.ConstantTime;

/// <summary>
/// Taint analysis of one method body over its IOperation tree. Flow-insensitive inside the method
/// (except for public overwrites in top-level straight-line code, see <see cref="TrackOverwrite"/>):
/// a variable is secret if any assignment to it carries a secret, so the walk repeats until no new
/// variable becomes secret, then a last walk reports the leaks. That is sound for the straight-line,
/// loop-heavy code of cryptography and costs a few walks of a small tree.
/// </summary>
/// <remarks>
/// Implicit flows are followed: an assignment under a secret condition (or in the body of a loop
/// whose condition is secret) makes its target secret. Comparisons and bitwise operators are data:
/// only control flow (branches, loop exits), addresses and variable-latency instructions leak.
/// </remarks>
internal sealed partial class TaintWalker
{
    private const int MaxPasses = 16;

    private readonly ConstantTimeEngine _engine;
    private readonly IMethodSymbol _method;
    private readonly int _depth;
    private readonly ImmutableHashSet<IMethodSymbol> _callChain;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<ISymbol, Taint> _secrets = new(SymbolEqualityComparer.Default);
    private readonly Stack<(Taint Taint, Microsoft.CodeAnalysis.Text.TextSpan Scope)> _control = new();
    private readonly List<ILoopOperation> _loops = new();
    private readonly List<PendingFinding> _findings = new();
    private readonly HashSet<ISymbol> _overwritten = new(SymbolEqualityComparer.Default);

    // The taint of each enclosing a?.… receiver, innermost on top: the instance operation inside
    // WhenNotNull stands for that value (a?.SequenceEqual(b) compares a).
    private readonly Stack<Taint?> _conditionalReceivers = new();
    private bool _straightLineKills;
    private bool _reporting;
    private bool _changed;
    private int _conditionDepth;

    public TaintWalker(
        ConstantTimeEngine engine,
        IMethodSymbol method,
        int depth,
        ImmutableHashSet<IMethodSymbol> callChain,
        CancellationToken cancellationToken)
    {
        _engine = engine;
        _method = method;
        _depth = depth;
        _callChain = callChain;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The taint of every returned value, merged.</summary>
    public Taint? ReturnTaint { get; private set; }

    /// <summary>Marks <paramref name="symbol"/> secret before the walk.</summary>
    public void Seed(ISymbol symbol, Taint taint) => _secrets[symbol] = taint;

    /// <summary>Every symbol found secret (after <see cref="Run"/>), with its path.</summary>
    public IReadOnlyDictionary<ISymbol, Taint> Secrets => _secrets;

    /// <summary>The secret state of <paramref name="symbol"/> after the walk.</summary>
    public Taint? TaintOf(ISymbol symbol) => _secrets.TryGetValue(symbol, out Taint? t) ? t : null;

    /// <summary>Propagates to a fixed point, then reports. Returns the findings in source order.</summary>
    public IReadOnlyList<PendingFinding> Run(IOperation body)
    {
        // A goto can turn straight-line code into a loop the walk does not see.
        _straightLineKills = !body.DescendantsAndSelf().Any(o => o is IBranchOperation { BranchKind: BranchKind.GoTo } or ILabeledOperation);
        for (int pass = 0; pass < MaxPasses; pass++)
        {
            _changed = false;
            Walk(body);
            if (!_changed)
            {
                break;
            }
        }

        _reporting = true;
        ReturnTaint = null;
        Walk(body);
        return _findings;
    }

    private void Walk(IOperation body)
    {
        _control.Clear();
        _loops.Clear();
        _overwritten.Clear();
        _conditionDepth = 0;
        Visit(body);
    }

    private Taint? Visit(IOperation? operation)
    {
        if (operation is null)
        {
            return null;
        }

        _cancellationToken.ThrowIfCancellationRequested();
        if (operation.ConstantValue.HasValue)
        {
            return null;
        }

        switch (operation)
        {
            case ILocalReferenceOperation local:
                return _overwritten.Contains(local.Local) ? null : Lookup(local.Local);
            case IParameterReferenceOperation parameter:
                return Lookup(parameter.Parameter);
            case IFieldReferenceOperation field:
                return Either(Visit(field.Instance), MemberTaint(field.Field, field));
            case IPropertyReferenceOperation property:
                return VisitProperty(property);
            case IArrayElementReferenceOperation element:
                return VisitElement(element, Visit(element.ArrayReference), element.Indices);
            case IImplicitIndexerReferenceOperation implicitIndexer:
                return VisitImplicitIndexer(implicitIndexer);
            case IConditionalAccessOperation conditionalAccess:
                return VisitConditionalAccess(conditionalAccess);
            case IConditionalAccessInstanceOperation:
                return _conditionalReceivers.Count > 0 ? _conditionalReceivers.Peek() : null;
            case IBinaryOperation binary:
                return VisitBinary(binary);
            case IUnaryOperation unary:
                return Visit(unary.Operand);
            case IConversionOperation conversion:
                return Visit(conversion.Operand);
            case IConditionalOperation conditional:
                return VisitConditional(conditional);
            case ICoalesceOperation coalesce:
                return VisitCoalesce(coalesce);
            case IIsPatternOperation isPattern:
                return VisitIsPattern(isPattern);
            case ISwitchOperation @switch:
                return VisitSwitch(@switch);
            case ISwitchExpressionOperation switchExpression:
                return VisitSwitchExpression(switchExpression);
            case ILoopOperation loop:
                VisitLoop(loop);
                return null;
            case ISimpleAssignmentOperation assignment:
                // Visiting the target checks the address a store goes to (table[secret] = x).
                Visit(assignment.Target);
                return Assign(assignment.Target, Visit(assignment.Value), assignment);
            case ICompoundAssignmentOperation compound:
                return VisitCompoundAssignment(compound);
            case IIncrementOrDecrementOperation increment:
                return Assign(increment.Target, Visit(increment.Target), increment);
            case IDeconstructionAssignmentOperation deconstruction:
                return VisitDeconstruction(deconstruction);
            case IVariableDeclaratorOperation declarator:
                return VisitDeclarator(declarator);
            case IInvocationOperation invocation:
                return VisitInvocation(invocation);
            case IReturnOperation @return:
                ReturnTaint = Either(ReturnTaint, Either(Visit(@return.ReturnedValue), CurrentControl()));
                return null;
            case IInterpolationOperation interpolation:
                return VisitInterpolation(interpolation);
            case IArrayCreationOperation arrayCreation:
                return VisitArrayCreation(arrayCreation);
            case IAnonymousFunctionOperation:
            case ILocalFunctionOperation:
                // Lambdas and local functions run when called, not here; Pix does not follow them.
                return null;
            default:
                return VisitChildren(operation);
        }
    }

    private Taint? VisitChildren(IOperation operation)
    {
        Taint? result = null;
        foreach (IOperation child in operation.ChildOperations)
        {
            result = Either(result, Visit(child));
        }

        return result;
    }

    private Taint? Lookup(ISymbol symbol) => _secrets.TryGetValue(symbol, out Taint? t) ? t : null;

    private Taint? MemberTaint(ISymbol member, IOperation reference)
    {
        if (_secrets.TryGetValue(member, out Taint? assigned))
        {
            return assigned;
        }

        return _engine.Symbols.IsSecretMember(member)
            ? Taint.FromSecret(member.Name, member.Locations.FirstOrDefault() ?? reference.Syntax.GetLocation())
            : null;
    }

    private Taint? VisitProperty(IPropertyReferenceOperation property)
    {
        Taint? receiver = Visit(property.Instance);
        if (property.Arguments.IsEmpty)
        {
            if (LibraryModel.ReturnsShape(property.Property))
            {
                return null;
            }

            return Either(receiver, MemberTaint(property.Property, property));
        }

        Taint? index = null;
        foreach (IArgumentOperation argument in property.Arguments)
        {
            index = Either(index, Visit(argument.Value));
        }

        if (index is not null)
        {
            IMethodSymbol? accessor = property.Property.GetMethod ?? property.Property.SetMethod;
            if (accessor is not null && LibraryModel.TimingOf(accessor) is { } timing)
            {
                Report(timing.Kind, property, $"lookup '{Text(property)}'", index, timing.Reason);
            }
            else if (LibraryModel.IsIndexedMemory(property.Property.ContainingType))
            {
                Report(ViolationKind.MemoryIndex, property, $"element access '{Text(property)}'", index, IndexDetail);
            }
        }

        return Either(receiver, index);
    }

    private const string IndexDetail = "the cache line it touches reveals the index";

    private Taint? VisitElement(IOperation access, Taint? array, ImmutableArray<IOperation> indices)
    {
        Taint? index = null;
        foreach (IOperation i in indices)
        {
            index = Either(index, Visit(i));
        }

        if (index is not null)
        {
            Report(ViolationKind.MemoryIndex, access, $"element access '{Text(access)}'", index, IndexDetail);
        }

        return Either(array, index);
    }

    private Taint? VisitImplicitIndexer(IImplicitIndexerReferenceOperation indexer)
    {
        Taint? receiver = Visit(indexer.Instance);
        Taint? index = Visit(indexer.Argument);
        if (index is not null)
        {
            Report(ViolationKind.MemoryIndex, indexer, $"element access '{Text(indexer)}'", index, IndexDetail);
        }

        return Either(receiver, index);
    }

    private Taint? VisitConditionalAccess(IConditionalAccessOperation access)
    {
        Taint? receiver = Visit(access.Operation);
        _conditionalReceivers.Push(receiver);
        try
        {
            return Either(receiver, Visit(access.WhenNotNull));
        }
        finally
        {
            _conditionalReceivers.Pop();
        }
    }

    private static Taint? Either(Taint? left, Taint? right) => Taint.Either(left, right);

    /// <summary>The source text of an operation on one line, shortened for messages.</summary>
    internal static string Text(IOperation operation)
    {
        string text = string.Join(" ", operation.Syntax.ToString().Split(new[] { ' ', '\r', '\n', '\t' }, System.StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}

/// <summary>A finding, and whether it may be the method's public verdict (see <see cref="VerdictRule"/>).</summary>
internal sealed record PendingFinding(ConstantTimeFinding Finding, bool VerdictCandidate);
