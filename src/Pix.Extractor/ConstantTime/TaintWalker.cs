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
internal sealed class TaintWalker
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

    private Taint? VisitBinary(IBinaryOperation binary)
    {
        if (binary.OperatorKind is BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr)
        {
            Taint? left = Visit(binary.LeftOperand);
            if (left is not null && _conditionDepth == 0)
            {
                string op = binary.OperatorKind == BinaryOperatorKind.ConditionalAnd ? "&&" : "||";
                ReportBranch(binary, $"short-circuit '{op}' in '{Text(binary)}'", left, arms: new[] { binary.RightOperand });
            }

            Push(left, binary);
            Taint? right = Visit(binary.RightOperand);
            Pop(left);
            return Either(left, right);
        }

        Taint? l = Visit(binary.LeftOperand);
        Taint? r = Visit(binary.RightOperand);
        Taint? either = Either(l, r);
        if (either is null)
        {
            return null;
        }

        if (LibraryModel.TimingOf(binary) is { } timing)
        {
            Report(timing.Kind, binary, $"operator '{Text(binary)}'", either, timing.Reason);
        }
        else if (IsVariableLatencyDivision(binary.OperatorKind, binary.LeftOperand.Type, binary.RightOperand))
        {
            Report(ViolationKind.VariableLatencyOperation, binary, $"integer {DivisionName(binary.OperatorKind)} '{Text(binary)}'", either,
                "the divider's latency depends on its operands");
        }

        return either;
    }

    private Taint? VisitCompoundAssignment(ICompoundAssignmentOperation compound)
    {
        Taint? target = Visit(compound.Target);
        Taint? value = Visit(compound.Value);
        Taint? either = Either(target, value);
        if (either is not null && IsVariableLatencyDivision(compound.OperatorKind, compound.Target.Type, compound.Value))
        {
            Report(ViolationKind.VariableLatencyOperation, compound, $"integer {DivisionName(compound.OperatorKind)} '{Text(compound)}'", either,
                "the divider's latency depends on its operands");
        }

        return Assign(compound.Target, either, compound);
    }

    private static string DivisionName(BinaryOperatorKind kind) => kind == BinaryOperatorKind.Divide ? "division" : "remainder";

    /// <summary>
    /// Integer / and % take operand-dependent time, except unsigned division by a constant power of
    /// two, which the JIT turns into a shift or a mask.
    /// </summary>
    private static bool IsVariableLatencyDivision(BinaryOperatorKind kind, ITypeSymbol? type, IOperation divisor)
    {
        if (kind is not (BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder) || type is null || !IsInteger(type))
        {
            return false;
        }

        bool unsigned = type.SpecialType is SpecialType.System_Byte or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_UIntPtr;
        return !(unsigned && divisor.ConstantValue is { HasValue: true, Value: { } v } && IsPowerOfTwo(v));
    }

    private static bool IsInteger(ITypeSymbol type) => type.SpecialType is
        SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16 or
        SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64 or
        SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_Char;

    private static bool IsPowerOfTwo(object value)
    {
        ulong v = value switch
        {
            int i when i > 0 => (ulong)i,
            uint u => u,
            long l when l > 0 => (ulong)l,
            ulong ul => ul,
            _ => 0,
        };
        return v != 0 && (v & (v - 1)) == 0;
    }

    private Taint? VisitConditional(IConditionalOperation conditional)
    {
        Taint? condition = VisitCondition(conditional.Condition);
        if (condition is not null)
        {
            string what = conditional.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.IfStatementSyntax ? "if condition" : "condition of '?:'";
            ReportBranch(conditional, $"{what} '{Text(conditional.Condition)}'", condition,
                arms: new[] { conditional.WhenTrue, conditional.WhenFalse }, reportAt: conditional.Condition);
        }

        Push(condition, conditional);
        Taint? whenTrue = Visit(conditional.WhenTrue);
        Taint? whenFalse = Visit(conditional.WhenFalse);
        Pop(condition);
        return Either(condition, Either(whenTrue, whenFalse));
    }

    /// <summary>Visits the condition of an if, ?: or loop: short-circuit operators in it are part of that one branch.</summary>
    private Taint? VisitCondition(IOperation? condition)
    {
        _conditionDepth++;
        try
        {
            return Visit(condition);
        }
        finally
        {
            _conditionDepth--;
        }
    }

    private Taint? VisitCoalesce(ICoalesceOperation coalesce)
    {
        Taint? value = Visit(coalesce.Value);
        if (value is not null)
        {
            ReportBranch(coalesce, $"null test of '??' in '{Text(coalesce)}'", value, arms: new[] { coalesce.WhenNull });
        }

        Push(value, coalesce);
        Taint? whenNull = Visit(coalesce.WhenNull);
        Pop(value);
        return Either(value, whenNull);
    }

    private Taint? VisitIsPattern(IIsPatternOperation isPattern)
    {
        Taint? value = Visit(isPattern.Value);
        // `x is 0` or `x is > 3` compiles to one compare whose result is data, like `x == 0`.
        // `and`/`or` combinators and type tests short-circuit: they are branches.
        if (value is not null && isPattern.Pattern is not (IConstantPatternOperation or IRelationalPatternOperation))
        {
            ReportBranch(isPattern, $"pattern test '{Text(isPattern)}'", value, arms: System.Array.Empty<IOperation>());
        }

        return value;
    }

    private Taint? VisitSwitch(ISwitchOperation @switch)
    {
        Taint? value = Visit(@switch.Value);
        if (value is not null)
        {
            ReportBranch(@switch, $"switch on '{Text(@switch.Value)}'", value, arms: @switch.Cases.Cast<IOperation>().ToArray(), reportAt: @switch.Value);
        }

        Push(value, @switch);
        foreach (ISwitchCaseOperation @case in @switch.Cases)
        {
            Visit(@case);
        }

        Pop(value);
        return null;
    }

    private Taint? VisitSwitchExpression(ISwitchExpressionOperation @switch)
    {
        Taint? value = Visit(@switch.Value);
        if (value is not null)
        {
            ReportBranch(@switch, $"switch expression on '{Text(@switch.Value)}'", value, arms: @switch.Arms.Cast<IOperation>().ToArray(), reportAt: @switch.Value);
        }

        Push(value, @switch);
        Taint? result = value;
        foreach (ISwitchExpressionArmOperation arm in @switch.Arms)
        {
            Visit(arm.Guard);
            result = Either(result, Visit(arm.Value));
        }

        Pop(value);
        return result;
    }

    private void VisitLoop(ILoopOperation loop)
    {
        // A later iteration may read what the body writes after the read: nothing overwritten before
        // the loop is trusted inside it.
        _overwritten.Clear();
        _loops.Add(loop);
        try
        {
            switch (loop)
            {
                case IForLoopOperation @for:
                    foreach (IOperation before in @for.Before)
                    {
                        Visit(before);
                    }

                    VisitLoopBody(loop, @for.Condition, () =>
                    {
                        Visit(@for.Body);
                        foreach (IOperation bottom in @for.AtLoopBottom)
                        {
                            Visit(bottom);
                        }
                    });
                    break;
                case IWhileLoopOperation @while:
                    VisitLoopBody(loop, @while.Condition, () => Visit(@while.Body));
                    break;
                case IForEachLoopOperation forEach:
                    // The trip count is the collection's length, which is public; its elements may be secret.
                    Taint? elements = Visit(forEach.Collection);
                    Assign(forEach.LoopControlVariable, elements, forEach);
                    Visit(forEach.Body);
                    break;
                default:
                    VisitChildren(loop);
                    break;
            }
        }
        finally
        {
            _loops.RemoveAt(_loops.Count - 1);
        }
    }

    private void VisitLoopBody(ILoopOperation loop, IOperation? condition, System.Action body)
    {
        Taint? bound = VisitCondition(condition);
        if (bound is not null && condition is not null)
        {
            Report(ViolationKind.Loop, condition, $"trip count of the {LoopName(loop)} ('{Text(condition)}')", bound,
                "a different secret runs a different number of iterations");
        }

        // The body is not walked under the bound's taint: the loop is reported once here, and the
        // counter's value in each iteration (0, 1, 2…) is public even when the count is not.
        body();
    }

    private static string LoopName(ILoopOperation loop) => loop.LoopKind switch
    {
        LoopKind.For => "for loop",
        LoopKind.ForEach => "foreach loop",
        LoopKind.While when loop is IWhileLoopOperation { ConditionIsTop: false } => "do loop",
        _ => "while loop",
    };

    private Taint? VisitDeconstruction(IDeconstructionAssignmentOperation deconstruction)
    {
        IOperation target = deconstruction.Target is IDeclarationExpressionOperation declaration ? declaration.Expression : deconstruction.Target;
        if (target is ITupleOperation targets && deconstruction.Value is ITupleOperation values && targets.Elements.Length == values.Elements.Length)
        {
            // Element-wise: (a, b) = (b, a) keeps each value's own taint.
            var taints = values.Elements.Select(Visit).ToArray();
            for (int i = 0; i < taints.Length; i++)
            {
                Assign(targets.Elements[i], taints[i], deconstruction);
            }

            return taints.Aggregate((Taint?)null, Either);
        }

        Taint? value = Visit(deconstruction.Value);
        return Assign(target, value, deconstruction);
    }

    private Taint? VisitDeclarator(IVariableDeclaratorOperation declarator)
    {
        IVariableInitializerOperation? initializer = declarator.GetVariableInitializer();
        Taint? value = Visit(initializer?.Value);
        foreach (IOperation argument in declarator.IgnoredArguments)
        {
            Visit(argument);
        }

        Mark(declarator.Symbol, Either(value, ControlOver(declarator.Symbol)), declarator.Syntax);
        return value;
    }

    private Taint? VisitArrayCreation(IArrayCreationOperation creation)
    {
        Taint? size = null;
        foreach (IOperation dimension in creation.DimensionSizes)
        {
            size = Either(size, Visit(dimension));
        }

        if (size is not null)
        {
            Report(ViolationKind.Loop, creation, $"allocation '{Text(creation)}'", size, "zeroing the array takes time proportional to its secret length");
        }

        return Either(size, Visit(creation.Initializer));
    }

    private Taint? VisitInvocation(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.ContainingType?.Name == "PixHint" && method.ContainingNamespace?.Name == "Pix")
        {
            return null;
        }

        Taint? receiver = Visit(invocation.Instance);
        var arguments = new (IArgumentOperation Argument, Taint? Taint)[invocation.Arguments.Length];
        Taint? inputs = receiver;
        for (int i = 0; i < arguments.Length; i++)
        {
            IArgumentOperation argument = invocation.Arguments[i];
            Taint? taint = argument.Parameter?.RefKind == RefKind.Out ? null : Visit(argument.Value);
            arguments[i] = (argument, taint);
            inputs = Either(inputs, taint);
        }

        if (inputs is null && CurrentControl() is null)
        {
            return null;
        }

        if (_engine.HasSource(method))
        {
            return FlowThroughSource(invocation, method, receiver, arguments, inputs);
        }

        if (inputs is not null && LibraryModel.TimingOf(method) is { } timing)
        {
            string name = $"{method.ContainingType?.Name}.{method.Name}";
            string construct = timing.Kind == ViolationKind.Branch ? $"call to '{name}'" : $"call to '{name}' in '{Text(invocation)}'";
            if (timing.Kind == ViolationKind.Branch)
            {
                ReportBranch(invocation, construct, inputs, arms: System.Array.Empty<IOperation>());
            }
            else
            {
                Report(timing.Kind, invocation, construct, inputs, timing.Reason);
            }
        }

        // A library method passes its inputs' taint to its result and to every buffer it can write.
        Taint? flowing = Either(inputs, CurrentControl());
        foreach (var (argument, _) in arguments)
        {
            if (argument.Parameter is { } p && IsWritable(p))
            {
                Assign(argument.Value, flowing, invocation);
            }
        }

        if (invocation.Instance is { } instance && IsWritable(instance.Type))
        {
            Assign(instance, flowing, invocation);
        }

        return method.ReturnsVoid || LibraryModel.ReturnsShape(method) ? null : inputs;
    }

    private Taint? FlowThroughSource(
        IInvocationOperation invocation,
        IMethodSymbol method,
        Taint? receiver,
        (IArgumentOperation Argument, Taint? Taint)[] arguments,
        Taint? inputs)
    {
        var secretOrdinals = new HashSet<int>();
        foreach (var (argument, taint) in arguments)
        {
            if (taint is not null && argument.Parameter is { } p)
            {
                secretOrdinals.Add(p.Ordinal);
            }
        }

        CalleeSummary summary = _engine.Summarize(method, secretOrdinals, receiver is not null, _depth + 1, _callChain, _cancellationToken);
        if (inputs is not null && !_engine.IsCheckedOnItsOwn(method))
        {
            foreach (ConstantTimeFinding inner in summary.Findings)
            {
                Location line = inner.Location;
                string construct = $"call to '{method.Name}' ({inner.Construct} at line {line.GetLineSpan().StartLinePosition.Line + 1})";
                Report(inner.Kind, invocation, construct, inputs, inner.Detail, via: inner.Via.Insert(0, inner.Location));
            }
        }

        Taint? flowing = Either(inputs, CurrentControl());
        foreach (var (argument, _) in arguments)
        {
            if (argument.Parameter is { } p && summary.SecretOutputs.Contains(p.Ordinal))
            {
                Assign(argument.Value, flowing ?? Taint.FromSecret(p.Name, invocation.Syntax.GetLocation()), invocation);
            }
        }

        return summary.ReturnsSecret ? inputs : null;
    }

    private static bool IsWritable(IParameterSymbol parameter) =>
        parameter.RefKind is RefKind.Ref or RefKind.Out || IsWritable(parameter.Type);

    private static bool IsWritable(ITypeSymbol? type) =>
        type is IArrayTypeSymbol ||
        type is INamedTypeSymbol named && LibraryModel.MetadataName(named) is "System.Span`1" or "System.Array";

    /// <summary>Records that <paramref name="target"/> receives <paramref name="value"/> (plus any secret control).</summary>
    private Taint? Assign(IOperation target, Taint? value, IOperation site)
    {
        Taint? taint = Either(value, target is ILocalReferenceOperation { Local: var written } ? ControlOver(written) : CurrentControl());
        switch (target)
        {
            case ILocalReferenceOperation local:
                TrackOverwrite(local.Local, taint, site);
                Mark(local.Local, taint, site.Syntax);
                break;
            case IParameterReferenceOperation parameter:
                Mark(parameter.Parameter, taint, site.Syntax);
                break;
            case IFieldReferenceOperation field:
                Mark(field.Field, taint, site.Syntax);
                break;
            case IPropertyReferenceOperation { Arguments.IsEmpty: true } property:
                Mark(property.Property, taint, site.Syntax);
                break;
            case IArrayElementReferenceOperation element:
                AssignContainer(element.ArrayReference, taint, site);
                break;
            case IPropertyReferenceOperation property:
                if (property.Instance is not null)
                {
                    AssignContainer(property.Instance, taint, site);
                }

                break;
            case IImplicitIndexerReferenceOperation implicitIndexer:
                AssignContainer(implicitIndexer.Instance, taint, site);
                break;
            case IDeclarationExpressionOperation declaration:
                Assign(declaration.Expression, value, site);
                break;
            case ITupleOperation tuple:
                foreach (IOperation element in tuple.Elements)
                {
                    Assign(element, value, site);
                }

                break;
            case IVariableDeclaratorOperation declarator:
                Mark(declarator.Symbol, taint, site.Syntax);
                break;
            case IConversionOperation conversion:
                Assign(conversion.Operand, value, site);
                break;
        }

        return taint;
    }

    /// <summary>
    /// Flow sensitivity where it is cheap: a public value assigned to a local in straight-line code at
    /// the top of the method (no enclosing branch, loop, try or lambda; no goto in the method)
    /// overwrites its secret, so the statements after it read a public value until the local is
    /// assigned a secret again. Anywhere else the analysis stays flow-insensitive.
    /// </summary>
    private void TrackOverwrite(ILocalSymbol local, Taint? taint, IOperation site)
    {
        if (taint is not null)
        {
            _overwritten.Remove(local);
        }
        else if (_straightLineKills && local.RefKind == RefKind.None && IsTopLevelStatement(site))
        {
            _overwritten.Add(local);
        }
    }

    private static bool IsTopLevelStatement(IOperation site)
    {
        for (IOperation? node = site.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case IExpressionStatementOperation or IBlockOperation:
                    continue;
                case IMethodBodyOperation:
                    return true;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>A store into an element makes the whole array (or span) secret.</summary>
    private void AssignContainer(IOperation container, Taint? taint, IOperation site)
    {
        switch (container)
        {
            case ILocalReferenceOperation local:
                Mark(local.Local, taint, site.Syntax);
                break;
            case IParameterReferenceOperation parameter:
                Mark(parameter.Parameter, taint, site.Syntax);
                break;
            case IFieldReferenceOperation field:
                Mark(field.Field, taint, site.Syntax);
                break;
            case IInvocationOperation { Instance: { } receiver }:
                // span.Slice(…)[i] = x: the store lands in the span the slice came from.
                AssignContainer(receiver, taint, site);
                break;
            case IConversionOperation conversion:
                AssignContainer(conversion.Operand, taint, site);
                break;
        }
    }

    private void Mark(ISymbol symbol, Taint? taint, SyntaxNode site)
    {
        if (taint is null || _secrets.ContainsKey(symbol))
        {
            return;
        }

        _secrets[symbol] = taint.Then(symbol.Name, site.GetLocation());
        _changed = true;
    }

    /// <summary>Enters code that runs only when <paramref name="construct"/>'s secret condition says so.</summary>
    private void Push(Taint? taint, IOperation construct)
    {
        if (taint is not null)
        {
            _control.Push((taint, construct.Syntax.Span));
        }
    }

    private void Pop(Taint? taint)
    {
        if (taint is not null)
        {
            _control.Pop();
        }
    }

    private Taint? CurrentControl() => _control.Count > 0 ? _control.Peek().Taint : null;

    /// <summary>
    /// The implicit flow into <paramref name="target"/>: the innermost secret condition, unless the
    /// target is a local declared inside that condition's construct (an arm's own temporary, or the
    /// counter of a loop in the arm). Such a local is dead once the arm ends and, inside it, only one
    /// arm runs, so which arm ran cannot reach it; its data flows still count.
    /// </summary>
    private Taint? ControlOver(ISymbol target)
    {
        if (_control.Count == 0)
        {
            return null;
        }

        var (taint, scope) = _control.Peek();
        bool declaredInside = target is ILocalSymbol local &&
            local.DeclaringSyntaxReferences.Any(r => scope.Contains(r.Span));
        return declaredInside ? null : taint;
    }

    /// <summary>
    /// A branch on a secret: inside a loop, a branch whose arm leaves the loop is an early exit
    /// (PIX0101); anywhere else it is a branch (PIX0100), possibly the method's public verdict.
    /// </summary>
    private void ReportBranch(IOperation branch, string construct, Taint condition, IReadOnlyList<IOperation?> arms, IOperation? reportAt = null)
    {
        if (!_reporting)
        {
            return;
        }

        IOperation at = reportAt ?? branch;
        ILoopOperation? exited = _loops.Count == 0 ? null : _loops.LastOrDefault(loop => arms.Any(arm => LeavesLoop(arm, loop)));
        if (exited is not null)
        {
            string witness = EarlyExitWitness.Describe(exited, branch);
            Add(ViolationKind.Loop, at, $"early exit '{Text(at)}' of the {LoopName(exited)}", condition, witness, verdict: false);
            return;
        }

        string detail = "each way runs different code";
        if (branch is IConditionalOperation conditional && _engine.BalanceOf(_method, conditional, _cancellationToken) is { } balance)
        {
            // Both arms cost the same in the interface model: not a branch leak by the model's measure
            // (docs/constant-time.md says what it still leaks on real hardware).
            if (balance.IsBalanced)
            {
                return;
            }

            detail = balance.Detail;
        }

        Add(ViolationKind.Branch, at, construct, condition, detail, _loops.Count == 0 && DecidesResult(branch, arms));
    }

    /// <summary>
    /// True when the branch only turns the outcome into the method's result: an if whose arms end in
    /// <c>return constant</c> or <c>throw</c> (holding no loop), a <c>?:</c> between two constants, or a
    /// <c>&amp;&amp;</c>/<c>||</c>, inside a return. Such a branch reveals what the result reveals; it is
    /// the method's verdict if nothing secret follows it (<see cref="VerdictRule"/> decides). A branch
    /// that picks between secret-dependent values (<c>return bit == 1 ? a : b;</c>) is never a verdict.
    /// </summary>
    private static bool DecidesResult(IOperation branch, IReadOnlyList<IOperation?> arms)
    {
        if (arms.Any(arm => arm is not null && arm.DescendantsAndSelf().Any(d => d is ILoopOperation)))
        {
            return false;
        }

        switch (branch)
        {
            case IConditionalOperation { Type: null }:
                return arms.All(arm => arm is null || EndsInConstantReturnOrThrow(arm));
            case IConditionalOperation conditional:
                return IsConstant(conditional.WhenTrue) && IsConstant(conditional.WhenFalse) && IsInsideReturn(branch);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr }:
                return IsInsideReturn(branch);
            default:
                return false;
        }
    }

    private static bool IsInsideReturn(IOperation operation)
    {
        for (IOperation? node = operation.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case IReturnOperation:
                    return true;
                case IBlockOperation or IExpressionStatementOperation or IVariableDeclaratorOperation:
                    return false;
            }
        }

        return false;
    }

    private static bool EndsInConstantReturnOrThrow(IOperation arm) => arm switch
    {
        IBlockOperation block => block.Operations.Length > 0 && EndsInConstantReturnOrThrow(block.Operations[block.Operations.Length - 1]),
        IReturnOperation { ReturnedValue: var value } => value is null || IsConstant(value),
        IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation } => true,
        _ => false,
    };

    private static bool IsConstant(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation is null || operation.ConstantValue.HasValue || operation is IDefaultValueOperation;
    }

    private static bool LeavesLoop(IOperation? arm, ILoopOperation loop)
    {
        if (arm is null)
        {
            return false;
        }

        foreach (IOperation operation in arm.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IReturnOperation { Kind: OperationKind.Return }:
                case IThrowOperation:
                    return true;
                case IBranchOperation { BranchKind: BranchKind.Break } branch when SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel):
                    return true;
            }
        }

        return false;
    }

    private void Report(ViolationKind kind, IOperation at, string construct, Taint taint, string? detail, ImmutableArray<Location> via = default)
    {
        if (_reporting)
        {
            Add(kind, at, construct, taint, detail, verdict: false, via);
        }
    }

    private void Add(ViolationKind kind, IOperation at, string construct, Taint taint, string? detail, bool verdict, ImmutableArray<Location> via = default)
    {
        Location location = at.Syntax.GetLocation();
        var finding = new ConstantTimeFinding(
            kind,
            location,
            construct,
            taint.Then(Text(at), location),
            detail,
            via.IsDefault ? ImmutableArray<Location>.Empty : via);
        _findings.Add(new PendingFinding(finding, verdict));
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
