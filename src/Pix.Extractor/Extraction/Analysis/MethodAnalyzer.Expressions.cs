using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Costs;
using Pix.Extraction.Inputs;
using Pix.Model;

namespace Pix.Extraction.Analysis;

internal sealed partial class MethodAnalyzer
{
    /// <summary>
    /// Lowers an expression: emits its operations on the live paths and returns its dependency
    /// flow (for the chain analysis).
    /// </summary>
    private DependencyFlow Evaluate(IOperation? operation)
    {
        if (operation is null || operation.ConstantValue.HasValue)
        {
            return DependencyFlow.None;
        }

        if (!Enter(operation))
        {
            return DependencyFlow.None;
        }

        try
        {
            return EvaluateCore(operation);
        }
        finally
        {
            Leave();
        }
    }

    private DependencyFlow EvaluateCore(IOperation operation)
    {
        if (IsDynamic(operation))
        {
            foreach (IOperation child in operation.ChildOperations)
            {
                Evaluate(child);
            }

            Unsupported(operation, "dynamic", "dynamic operations bind at run time; each is priced as an opaque term.");
            return DependencyFlow.None;
        }

        switch (operation)
        {
            case ILiteralOperation or IDefaultValueOperation or IInstanceReferenceOperation or ISizeOfOperation
                or INameOfOperation or IDiscardOperation or IConditionalAccessInstanceOperation
                or ITypeParameterObjectCreationOperation { Initializer: null } or IDeclarationExpressionOperation:
                return DependencyFlow.None;
            case ILocalReferenceOperation local:
                return _region.Read(local.Local);
            case IParameterReferenceOperation parameter when PrimaryConstructorParameters.IsCapturedRead(parameter):
                // primctor: compiled to a field of `this`, so read as one (FieldRead of this.field).
                return Then(_region.Read(parameter.Parameter), OperationVector.Of((OperationClass.Load, 1)));
            case IParameterReferenceOperation parameter:
                return _region.Read(parameter.Parameter);
            case IFieldReferenceOperation field:
                return FieldRead(field);
            case IArrayElementReferenceOperation element:
                return ElementAccess(element.ArrayReference, element.Indices);
            case IPropertyReferenceOperation property:
                return PropertyRead(property);
            case IBinaryOperation binary:
                return Binary(binary);
            case IUnaryOperation unary:
                return Unary(unary);
            case IConversionOperation conversion:
                return Conversion(conversion);
            case ISimpleAssignmentOperation { IsRef: true } rebinding:
                return Rebind(rebinding.Target, rebinding.Value);
            case ISimpleAssignmentOperation assignment:
                return Assign(assignment.Target, assignment.Value);
            case ICompoundAssignmentOperation compound:
                return CompoundAssign(compound);
            case ICoalesceAssignmentOperation coalesceAssignment:
            {
                DependencyFlow target = Evaluate(coalesceAssignment.Target);
                Emit(OperationVector.Of((OperationClass.IntegerAlu, 1), (OperationClass.Branch, 1)));
                return DependencyFlow.Combine(target, Assign(coalesceAssignment.Target, coalesceAssignment.Value));
            }

            case IIncrementOrDecrementOperation increment:
                return Increment(increment);
            case IInvocationOperation invocation:
                // Debug.Assert and the like, where the compiler removes them (MethodAnalyzer.ConditionalCalls.cs).
                return RemovedByCompiler(invocation) ? DependencyFlow.None : Invocation(invocation);
            case IObjectCreationOperation creation:
                return ObjectCreation(creation);
            case IArrayCreationOperation array:
                return ArrayCreation(array);
            case IArrayInitializerOperation initializer:
                return ArrayInitializer(initializer);
            case IConditionalOperation conditional:
                return ConditionalExpression(conditional);
            case ISwitchExpressionOperation switchExpression:
                return SwitchExpression(switchExpression);
            case ICoalesceOperation coalesce:
            {
                // Worst case: the value is null and the fallback is evaluated too; unless the fallback
                // throws, and a call that returns never takes it (MethodAnalyzer.ExceptionalPaths.cs).
                DependencyFlow value = Evaluate(coalesce.Value);
                Emit(OperationVector.Of((OperationClass.IntegerAlu, 1), (OperationClass.Branch, 1)));
                return IsThrowExpression(coalesce.WhenNull) ? value : DependencyFlow.Combine(value, Evaluate(coalesce.WhenNull));
            }

            case IConditionalAccessOperation access:
            {
                DependencyFlow receiver = Evaluate(access.Operation);
                Emit(OperationVector.Of((OperationClass.IntegerAlu, 1), (OperationClass.Branch, 1)));
                return DependencyFlow.Combine(receiver, Evaluate(access.WhenNotNull));
            }

            case IIsTypeOperation isType:
                return Then(Evaluate(isType.ValueOperand), OperationVector.Of((OperationClass.TypeCheck, 1)));
            case IIsPatternOperation isPattern:
                return Then(Evaluate(isPattern.Value), PatternCost(isPattern.Pattern));
            case ITupleOperation tuple:
                return DependencyFlow.Combine(tuple.Elements.Select(Evaluate).ToList());
            case IDeconstructionAssignmentOperation deconstruction:
                return Deconstruct(deconstruction);
            case IThrowOperation @throw:
            {
                DependencyFlow thrown = Evaluate(@throw.Exception);
                ExitPaths();
                return thrown;
            }

            case IInterpolatedStringOperation interpolated:
                foreach (IInterpolatedStringContentOperation part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation hole)
                    {
                        Evaluate(hole.Expression);
                    }
                }

                Emit(OperationClass.Allocation);
                _paths.AddOpaque("string interpolation");
                AddGap(GapKind.OpaqueCall, "string interpolation", "Formatting cost depends on the values; it is priced as the opaque term 'string interpolation'.", interpolated);
                return DependencyFlow.None;
            case IAnonymousFunctionOperation or IDelegateCreationOperation:
                return CreateDelegate(operation);
            case IAwaitOperation await:
                Evaluate(await.Operation);
                Unsupported(await, "await", "Awaiting is priced as an opaque term; the time spent waiting is not modelled.");
                return DependencyFlow.None;
            case IAnonymousObjectCreationOperation anonymous:
                foreach (IOperation initializer in anonymous.Initializers)
                {
                    Evaluate(initializer);
                }

                Emit(OperationVector.Of((OperationClass.Allocation, 1), (OperationClass.AllocatedByte, CostLowering.InstanceBytes(anonymous.Type!))));
                return DependencyFlow.None;
            case IObjectOrCollectionInitializerOperation initializer:
                foreach (IOperation member in initializer.Initializers)
                {
                    Evaluate(member);
                }

                return DependencyFlow.None;
            case IMemberInitializerOperation memberInitializer:
                Evaluate(memberInitializer.InitializedMember);
                return Evaluate(memberInitializer.Initializer);
            case IRangeOperation range:
                return DependencyFlow.Combine(Evaluate(range.LeftOperand), Evaluate(range.RightOperand));
            case ITypeOfOperation:
                return Then(DependencyFlow.None, OperationVector.Of((OperationClass.Load, 1)));
            case IInvalidOperation invalid:
                foreach (IOperation child in invalid.ChildOperations)
                {
                    Evaluate(child);
                }

                AddGap(
                    GapKind.UnsupportedConstruct,
                    "code with errors",
                    "This code does not compile; its cost is unknown until the errors are fixed.",
                    invalid);
                return DependencyFlow.None;
            case IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IDynamicObjectCreationOperation or IDynamicIndexerAccessOperation:
                Unsupported(operation, "dynamic", "dynamic operations bind at run time; each is priced as an opaque term.");
                return DependencyFlow.None;
            case IAddressOfOperation:
                Unsupported(operation, "unsafe code", "Pointers and unsafe code are not analysed; each such operation is priced as an opaque term.");
                return DependencyFlow.None;
            default:
                return UnknownOperation(operation);
        }
    }

    private static bool IsDynamic(IOperation operation) => operation switch
    {
        IBinaryOperation b => b.Type?.TypeKind == TypeKind.Dynamic || b.LeftOperand.Type?.TypeKind == TypeKind.Dynamic || b.RightOperand.Type?.TypeKind == TypeKind.Dynamic,
        IUnaryOperation u => u.Operand.Type?.TypeKind == TypeKind.Dynamic,
        IConversionOperation c => c.Operand.Type?.TypeKind == TypeKind.Dynamic && c.Type?.TypeKind != TypeKind.Dynamic,
        ICompoundAssignmentOperation ca => ca.Target.Type?.TypeKind == TypeKind.Dynamic,
        _ => false,
    };

    /// <summary>
    /// An operation kind this version does not model (pointer operations show up as
    /// <see cref="OperationKind.None"/>; newer compilers add kinds): its operands are still lowered.
    /// </summary>
    private DependencyFlow UnknownOperation(IOperation operation)
    {
        var flows = new List<DependencyFlow>();
        foreach (IOperation child in operation.ChildOperations)
        {
            flows.Add(Evaluate(child));
        }

        string construct = operation.Kind == OperationKind.None
            ? $"unsupported construct ({operation.Syntax.Kind()})"
            : $"unsupported operation {operation.Kind}";
        Unsupported(operation, construct, "Pix does not model this construct yet; it is priced as an opaque term (its operands are counted).");
        return DependencyFlow.Combine(flows);
    }

    private DependencyFlow Then(DependencyFlow input, OperationVector operations)
    {
        Emit(operations);
        return input.Then(operations);
    }

    private DependencyFlow FieldRead(IFieldReferenceOperation field) =>
        TryForwardedRead(field.Instance, field.Field, out DependencyFlow forwarded)
            ? forwarded
            : Then(FieldCell(field), OperationVector.Of((OperationClass.Load, 1)));

    /// <summary>
    /// A read of <paramref name="field"/> through a variable that points to memory, after a store to the same field
    /// through the same variable in this region: the load is issued, and on the chain the read is the stored value, as
    /// a register read would be. RyuJIT keeps the load (the policer's <c>mov [rax], r8</c> … <c>cmp [rax], rcx</c>), and
    /// the core serves it from the store: on the twenty-seventh session's Zen 5 the policer timed the same with the
    /// reload, with the reload through an index register (<c>[rax+rdx]</c>, which memory renaming cannot take) and with
    /// the value kept in a local (bench/Pix.PolicerVerdict --reload), where a load on the chain priced 1.6 ns more.
    /// </summary>
    private bool TryForwardedRead(IOperation? instance, ISymbol field, out DependencyFlow forwarded)
    {
        if (instance is not null and not IInstanceReferenceOperation && MemoryReceiver(instance) is { } receiver
            && _region.TryReadThrough(receiver, field, out forwarded))
        {
            Emit(OperationVector.Of((OperationClass.Load, 1)));
            return true;
        }

        forwarded = DependencyFlow.None;
        return false;
    }

    /// <summary>
    /// A field as a place in memory, not yet read: the object it is reached through, and what was last stored there.
    /// A read loads from it (<see cref="FieldRead"/>); a by-reference argument only passes its address.
    /// </summary>
    private DependencyFlow FieldCell(IFieldReferenceOperation field)
    {
        DependencyFlow instance = field.Instance is null ? DependencyFlow.None : EvaluateInstance(field.Instance);
        // A field of this (or a static) carries a value from one iteration to the next like a variable; a field
        // stored through the same reference earlier in straight-line code holds that store's value.
        DependencyFlow stored = field.Instance is null or IInstanceReferenceOperation
            ? _region.Read(field.Field)
            : MemoryReceiver(field.Instance) is { } receiver && _region.TryReadThrough(receiver, field.Field, out DependencyFlow value) ? value : DependencyFlow.None;
        return DependencyFlow.Combine(instance, stored);
    }

    /// <summary>Load of an array, span or string element, with a bounds check unless the loop proves it.</summary>
    private DependencyFlow ElementAccess(IOperation array, ImmutableArray<IOperation> indices) =>
        Then(ElementAddress(array, indices), OperationVector.Of((OperationClass.Load, 1)));

    /// <summary>
    /// The address of an array, span or string element: the operands, the bounds checks (unless the
    /// loop proves them) and, for more than one index, the row-major arithmetic. The checks are counted
    /// but kept off the returned flow: the branch is predicted, so the load does not wait for the
    /// length compare; only the address computation leads to the element.
    /// </summary>
    private DependencyFlow ElementAddress(IOperation array, ImmutableArray<IOperation> indices)
    {
        (ISymbol Array, ISymbol Index)? reusable = ReusableAddress(array, indices);
        if (reusable is { } key && _region.TryReuseAddress(key.Array, key.Index, out DependencyFlow known))
        {
            return known;
        }

        DependencyFlow address = ComputeElementAddress(array, indices);
        if (reusable is { } computed && array.Parent is { } access && !RunsConditionally(access, _loops[_loops.Count - 1].Loop))
        {
            OperationVector kept = CostLowering.MaterializedElementAddress(ElementType(array.Type));
            if (!kept.IsEmpty && NamedAgainInIteration(_loops[_loops.Count - 1].Loop, computed.Array, computed.Index))
            {
                // Kept in a register for the iteration's other accesses: on the way to every field. The lea
                // issues as an ALU operation; on the chain it is a scaled lea.
                Emit(kept);
                address = address.Then(CostLowering.ScaledLeaOnChain);
            }

            _region.RememberAddress(computed.Array, computed.Index, address);
        }

        return address;
    }

    /// <summary>
    /// Whether the loop's own code (not its callees') names element <paramref name="index"/> of
    /// <paramref name="array"/> more than once: then RyuJIT keeps the address in a register
    /// (<see cref="CostLowering.MaterializedElementAddress"/>). Accesses in inlined callees
    /// (the bridge's <c>_table.MacAt(i)</c>, <c>_table.Next(i)</c>) load the array again and fold the
    /// address into each load, as Tier-1 code does.
    /// </summary>
    private bool NamedAgainInIteration(IOperation loop, ISymbol array, ISymbol index)
    {
        int named = 0;
        foreach (IOperation operation in loop.Descendants())
        {
            (IOperation Array, IOperation Index)? element = operation switch
            {
                IArrayElementReferenceOperation { Indices.Length: 1 } a => (a.ArrayReference, a.Indices[0]),
                IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } span, Arguments.Length: 1 } indexer
                    when InputResolver.IsSpanLike(indexer.Property.ContainingType) => (span, indexer.Arguments[0].Value),
                _ => null,
            };
            ISymbol? elementArray = element?.Array switch
            {
                IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
                { } other => ReferencedVariable(other),
                null => null,
            };
            if (element is { } e && SymbolEqualityComparer.Default.Equals(ReferencedVariable(e.Index), index)
                && SymbolEqualityComparer.Default.Equals(elementArray, array) && ++named > 1)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The array and index of an element address RyuJIT computes once per loop iteration however often
    /// the iteration names it (<c>entries[i].Hash</c>, <c>entries[i].Key</c>, <c>entries[i].Next</c>:
    /// one bounds check, one scaling, one load of the array reference): a one-index access, in a loop
    /// body, to a readonly field of this or a local or parameter, at a local or parameter index. The
    /// region forgets the address when either variable is written; null for any other access.
    /// </summary>
    private (ISymbol Array, ISymbol Index)? ReusableAddress(IOperation array, ImmutableArray<IOperation> indices)
    {
        if (!_region.IsLoopBody || !InLoop || _hoisting || indices.Length != 1 || ReferencedVariable(indices[0]) is not { } index)
        {
            return null;
        }

        return array switch
        {
            IFieldReferenceOperation { Field.IsReadOnly: true, Instance: null or IInstanceReferenceOperation } field => (field.Field, index),
            _ when ReferencedVariable(array) is { } variable => (variable, index),
            _ => null,
        };
    }

    private DependencyFlow ComputeElementAddress(IOperation array, ImmutableArray<IOperation> indices)
    {
        var flows = new List<DependencyFlow> { Evaluate(array) };
        flows.AddRange(indices.Select(Evaluate));
        var address = new OperationVector();
        bool scaledLea = indices.Length == 1 && CostLowering.IsScaledLeaOffset(ElementType(array.Type));
        if (scaledLea)
        {
            // One ALU operation to issue, a scaled lea on the chain (CostLowering.ScaledLeaOnChain).
            Emit(CostLowering.ElementOffset(ElementType(array.Type)));
        }
        else if (indices.Length == 1)
        {
            address.Add(CostLowering.ElementOffset(ElementType(array.Type)));
        }

        if (indices.Length == 1 && !IsBoundsCheckElided(array, indices[0]))
        {
            Emit(OperationClass.BoundsCheck);
        }
        else if (indices.Length > 1)
        {
            // Row-major address: a multiply-add per extra dimension, a check per dimension.
            Emit(OperationClass.BoundsCheck, indices.Length);
            address.Add(OperationClass.IntegerMultiply, indices.Length - 1).Add(OperationClass.IntegerAlu, indices.Length - 1);
        }

        DependencyFlow computed = Then(DependencyFlow.Combine(flows), address);
        return scaledLea ? computed.Then(CostLowering.ScaledLeaOnChain) : computed;
    }

    /// <summary>The element type of an array, span or string (null when unknown).</summary>
    private static ITypeSymbol? ElementType(ITypeSymbol? indexed) => indexed switch
    {
        IArrayTypeSymbol array => array.ElementType,
        INamedTypeSymbol { SpecialType: SpecialType.System_String } text => text.ContainingAssembly.GetTypeByMetadataName("System.Char"),
        INamedTypeSymbol { TypeArguments.Length: 1 } span when InputResolver.IsSpanLike(span) => span.TypeArguments[0],
        _ => null,
    };

    /// <summary>
    /// The receiver of a field or property read or write. A struct element of an array or span
    /// (<c>entries[i].Next</c>) is not loaded as a whole: the access reads the field at the element's
    /// address (<c>mov eax, [rcx+rdx*8+20]</c>), so only the address is computed.
    /// </summary>
    private DependencyFlow EvaluateInstance(IOperation instance) =>
        instance.Type is { IsValueType: true } ? EvaluateAddress(instance) : Evaluate(instance);

    /// <summary>
    /// An element access whose address is taken, not its value (a struct element's field is read, or a
    /// <c>ref</c> local is bound to it); any other operation is evaluated as usual.
    /// </summary>
    private DependencyFlow EvaluateAddress(IOperation operation)
    {
        (IOperation Array, ImmutableArray<IOperation> Indices)? element = operation switch
        {
            IArrayElementReferenceOperation a => (a.ArrayReference, a.Indices),
            IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } span, Arguments.Length: 1 } indexer
                when InputResolver.IsSpanLike(indexer.Property.ContainingType) => (span, ImmutableArray.Create(indexer.Arguments[0].Value)),
            _ => null,
        };
        if (element is not { } access)
        {
            return Evaluate(operation);
        }

        // Evaluate's budget and depth bookkeeping (Evaluate itself would load the element).
        if (!Enter(operation))
        {
            return DependencyFlow.None;
        }

        try
        {
            return ElementAddress(access.Array, access.Indices);
        }
        finally
        {
            Leave();
        }
    }

    private DependencyFlow PropertyRead(IPropertyReferenceOperation reference)
    {
        IPropertySymbol property = reference.Property;
        INamedTypeSymbol type = property.ContainingType;
        bool spanLike = InputResolver.IsSpanLike(type);
        if (property.IsIndexer && reference.Arguments.Length == 1 && (spanLike || type.SpecialType == SpecialType.System_String))
        {
            return ElementAccess(reference.Instance!, ImmutableArray.Create(reference.Arguments[0].Value));
        }

        if (!property.IsIndexer && property.Name == "Length" && reference.Instance is { } instance)
        {
            // Span lengths live in a register. An array's or string's length is one load, which the
            // JIT hoists out of loops when the array is a local or parameter (it cannot change).
            DependencyFlow receiver = Evaluate(instance);
            bool hoisted = InLoop && ReferencedVariable(instance) is not null;
            return spanLike || hoisted ? receiver : Then(receiver, OperationVector.Of((OperationClass.Load, 1)));
        }

        if (BackingField(property) is { } backing)
        {
            // The load of its backing field, whose value chains as a field's does (FieldCell, TryForwardedRead): a record's
            // positional property read by its own inlined method (FlowKey.Hash) is on the caller's path from the receiver.
            if (TryForwardedRead(reference.Instance, backing, out DependencyFlow forwarded))
            {
                return forwarded;
            }

            DependencyFlow receiver = reference.Instance is null ? DependencyFlow.None : EvaluateInstance(reference.Instance);
            DependencyFlow stored = reference.Instance is null or IInstanceReferenceOperation ? _region.Read(backing) : DependencyFlow.None;
            return Then(DependencyFlow.Combine(receiver, stored), OperationVector.Of((OperationClass.Load, 1)));
        }

        if (property.GetMethod is { } getter)
        {
            return Call(getter, reference.Instance, reference.Arguments, reference, isVirtual: property.IsVirtual || property.IsAbstract || property.IsOverride);
        }

        return UnknownOperation(reference);
    }

    private static bool IsAutoProperty(IPropertySymbol property) => BackingField(property) is not null;

    /// <summary>The compiler-declared field behind an auto-property (null for a property with code).</summary>
    private static IFieldSymbol? BackingField(IPropertySymbol property) =>
        AutoProperties.GetValue(property, static p => new Backing(p.ContainingType.GetMembers().OfType<IFieldSymbol>()
            .FirstOrDefault(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, p)))).Field;

    // The backing field of a property, per symbol (a fact of the compilation): reading the type's members made a
    // new array per property read. Weak: the table lives no longer than the compilation.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPropertySymbol, Backing> AutoProperties = new();

    private sealed record Backing(IFieldSymbol? Field);

    private DependencyFlow Binary(IBinaryOperation binary)
    {
        if (binary.OperatorMethod is { } method)
        {
            return Call(method, null, ImmutableArray<IArgumentOperation>.Empty, binary, isVirtual: false, binary.LeftOperand, binary.RightOperand);
        }

        if (binary.Type?.SpecialType == SpecialType.System_String)
        {
            return StringConcatenation(binary);
        }

        // Computed once before the loop: a constant inside it.
        if (TryHoist(binary))
        {
            return DependencyFlow.None;
        }

        // A search loop's `if (a && b) return`: failing iterations stop at the first comparison.
        if (TryEvaluateSearchExitTest(binary, out DependencyFlow exitTest))
        {
            return exitTest;
        }

        DependencyFlow left = Evaluate(binary.LeftOperand);
        DependencyFlow right = Evaluate(binary.RightOperand);
        OperationVector ops = CostLowering.Binary(binary.OperatorKind, binary.LeftOperand.Type ?? binary.Type, binary.RightOperand, binary.IsChecked);
        if (binary.IsLifted)
        {
            // HasValue tests on both operands.
            ops.Add(OperationClass.IntegerAlu, 2).Add(OperationClass.Branch);
        }

        ops.AddFoldedLoads(FoldedLoads(binary));

        return Then(DependencyFlow.Combine(left, right), ops);
    }

    /// <summary><c>a + b + c</c> on strings compiles to one <c>string.Concat</c> of all the parts.</summary>
    private DependencyFlow StringConcatenation(IBinaryOperation binary)
    {
        var parts = new List<IOperation>();
        var stack = new Stack<IOperation>();
        stack.Push(binary);
        while (stack.Count > 0)
        {
            IOperation current = stack.Pop();
            if (current is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, OperatorMethod: null } add
                && add.Type?.SpecialType == SpecialType.System_String)
            {
                stack.Push(add.RightOperand);
                stack.Push(add.LeftOperand);
            }
            else
            {
                parts.Add(current);
            }
        }

        IMethodSymbol? concat = _session.Compilation.GetSpecialType(SpecialType.System_String).GetMembers("Concat")
            .OfType<IMethodSymbol>()
            .FirstOrDefault(m => m.Parameters.Length == 2 && m.Parameters.All(p => p.Type.SpecialType == SpecialType.System_String));
        if (concat is null)
        {
            return UnknownOperation(binary);
        }

        return Call(concat, null, ImmutableArray<IArgumentOperation>.Empty, binary, isVirtual: false, parts.ToArray());
    }

    private DependencyFlow Unary(IUnaryOperation unary)
    {
        if (unary.OperatorMethod is { } method)
        {
            return Call(method, null, ImmutableArray<IArgumentOperation>.Empty, unary, isVirtual: false, unary.Operand);
        }

        return Then(Evaluate(unary.Operand), CostLowering.Unary(unary.OperatorKind, unary.Operand.Type, unary.IsChecked));
    }

    private DependencyFlow Conversion(IConversionOperation conversion)
    {
        if (conversion.OperatorMethod is { } method)
        {
            // Array-to-span conversions are a null test and two moves once inlined.
            if (InputResolver.IsSpanLike(method.ContainingType))
            {
                return Then(Evaluate(conversion.Operand), OperationVector.Of((OperationClass.IntegerAlu, 1)));
            }

            return Call(method, null, ImmutableArray<IArgumentOperation>.Empty, conversion, isVirtual: false, conversion.Operand);
        }

        DependencyFlow operand = Evaluate(conversion.Operand);
        ITypeSymbol? from = conversion.Operand.Type;
        ITypeSymbol? to = conversion.Type;
        var ops = new OperationVector();
        Conversion kind = conversion.GetConversion();
        if (kind.IsBoxing && from is not null)
        {
            ops.Add(OperationClass.Allocation).Add(OperationClass.AllocatedByte, 16 + CostLowering.ValueSize(from));
        }
        else if (kind.IsUnboxing)
        {
            ops.Add(OperationClass.TypeCheck).Add(OperationClass.Load);
        }
        else if (kind.IsNumeric && (CostLowering.IsFloating(from) || CostLowering.IsFloating(to)))
        {
            ops.Add(OperationClass.FloatAdd);
        }
        else if (kind.IsNumeric && conversion.IsChecked && !kind.IsImplicit)
        {
            ops.Add(OperationClass.IntegerAlu).Add(OperationClass.Branch);
        }
        else if (kind.IsReference && kind.IsExplicit)
        {
            ops.Add(OperationClass.TypeCheck);
        }

        return Then(operand, ops);
    }

    private DependencyFlow Assign(IOperation target, IOperation value)
    {
        DependencyFlow flow = Evaluate(value);
        switch (target)
        {
            case ILocalReferenceOperation or IParameterReferenceOperation when ReferenceVariable(target) is { } variable:
                // `slot = index` on an `out int slot`: the value goes where the reference points.
                Emit(OperationClass.Store);
                WriteVariable(variable, value, flow);
                return flow;
            case ILocalReferenceOperation local:
                WriteVariable(local.Local, value, flow);
                return flow;
            case IParameterReferenceOperation parameter:
                WriteVariable(parameter.Parameter, value, flow);
                return flow;
            case IDiscardOperation or IDeclarationExpressionOperation:
                return flow;
            default:
                return Store(target, flow);
        }
    }

    /// <summary>
    /// <c>r = ref location</c>: the ref local or parameter now points elsewhere. Nothing is stored; the
    /// location's address is computed, as for <c>ref var r = ref location</c>.
    /// </summary>
    private DependencyFlow Rebind(IOperation target, IOperation location)
    {
        DependencyFlow address = EvaluateAddress(location);
        if (target is ILocalReferenceOperation or IParameterReferenceOperation)
        {
            ISymbol variable = target is ILocalReferenceOperation l ? l.Local : ((IParameterReferenceOperation)target).Parameter;
            WriteVariable(variable, location, address);
        }

        return address;
    }

    /// <summary>
    /// The variable <paramref name="target"/> names when it holds a reference (an <c>out</c>, <c>ref</c>
    /// or <c>in</c> parameter, a <c>ref</c> local), null for a plain local or parameter. A plain one
    /// lives in a register; a reference's value lives where it points, so writing it is a store and
    /// updating it is a load, the operation and a store (x64 <c>inc dword ptr [r9]</c>). Counted where
    /// the method's own code runs: a caller that the JIT inlines it into may keep the variable in a register.
    /// </summary>
    private static ISymbol? ReferenceVariable(IOperation target) => target switch
    {
        ILocalReferenceOperation { Local: { RefKind: not RefKind.None } local } => local,
        IParameterReferenceOperation { Parameter: { RefKind: not RefKind.None } parameter } => parameter,
        _ => null,
    };

    /// <summary>
    /// The variable a field access goes through when that variable points to memory: a <c>ref</c> local, a
    /// <c>ref</c>/<c>in</c>/<c>out</c> parameter, or a local or parameter holding an object reference. A field
    /// stored through it and read back through it is a store and a load of one address, which RyuJIT keeps
    /// (it cannot prove that nothing else wrote there: the policer's <c>bucket.Tokens = …</c>, then
    /// <c>if (bucket.Tokens &lt; cost)</c>, is <c>mov [rax], r8</c> … <c>cmp [rax], rcx</c>); the core
    /// forwards the stored value to the load. Null for a plain struct local (its fields live in registers).
    /// </summary>
    private static ISymbol? MemoryReceiver(IOperation instance) => instance switch
    {
        ILocalReferenceOperation { Local: var local } when local.RefKind != RefKind.None || local.Type.IsReferenceType => local,
        IParameterReferenceOperation { Parameter: var parameter } when parameter.RefKind != RefKind.None || parameter.Type.IsReferenceType => parameter,
        _ => null,
    };

    /// <summary>A store to memory (field, element, property setter) of a value with flow <paramref name="value"/>.</summary>
    private DependencyFlow Store(IOperation target, DependencyFlow value)
    {
        switch (target)
        {
            case IFieldReferenceOperation field:
            {
                DependencyFlow instance = field.Instance is null ? DependencyFlow.None : EvaluateInstance(field.Instance);
                DependencyFlow stored = Then(DependencyFlow.Combine(instance, value), OperationVector.Of((OperationClass.Store, 1)));
                if (field.Instance is null or IInstanceReferenceOperation)
                {
                    _region.Write(field.Field, stored);
                }
                else if (MemoryReceiver(field.Instance) is { } receiver)
                {
                    _region.WriteThrough(receiver, field.Field, value);
                }

                return stored;
            }

            case IArrayElementReferenceOperation element:
            {
                var flows = new List<DependencyFlow> { value, Evaluate(element.ArrayReference) };
                flows.AddRange(element.Indices.Select(Evaluate));
                var ops = OperationVector.Of((OperationClass.Store, 1));
                if (element.Indices.Length != 1 || !IsBoundsCheckElided(element.ArrayReference, element.Indices[0]))
                {
                    ops.Add(OperationClass.BoundsCheck, element.Indices.Length);
                }

                return Then(DependencyFlow.Combine(flows), ops);
            }

            case IPropertyReferenceOperation { Property: var property } reference:
            {
                if (property.IsIndexer && reference.Arguments.Length == 1 && InputResolver.IsSpanLike(property.ContainingType))
                {
                    DependencyFlow address = DependencyFlow.Combine(Evaluate(reference.Instance), Evaluate(reference.Arguments[0].Value), value);
                    var ops = OperationVector.Of((OperationClass.Store, 1));
                    if (!IsBoundsCheckElided(reference.Instance!, reference.Arguments[0].Value))
                    {
                        ops.Add(OperationClass.BoundsCheck);
                    }

                    return Then(address, ops);
                }

                if (BackingField(property) is { } backing)
                {
                    // A store to the backing field, which a later read of the property gets its value from (as a field's, above).
                    DependencyFlow instance = reference.Instance is null ? DependencyFlow.None : Evaluate(reference.Instance);
                    DependencyFlow stored = Then(DependencyFlow.Combine(instance, value), OperationVector.Of((OperationClass.Store, 1)));
                    if (reference.Instance is null or IInstanceReferenceOperation)
                    {
                        _region.Write(backing, stored);
                    }
                    else if (MemoryReceiver(reference.Instance) is { } receiver)
                    {
                        _region.WriteThrough(receiver, backing, value);
                    }

                    return stored;
                }

                if (property.SetMethod is null)
                {
                    DependencyFlow instance = reference.Instance is null ? DependencyFlow.None : Evaluate(reference.Instance);
                    return Then(DependencyFlow.Combine(instance, value), OperationVector.Of((OperationClass.Store, 1)));
                }

                return DependencyFlow.Combine(value, Call(property.SetMethod, reference.Instance, reference.Arguments, reference, isVirtual: property.IsVirtual || property.IsAbstract || property.IsOverride));
            }

            default:
                return DependencyFlow.Combine(value, Evaluate(target));
        }
    }

    private DependencyFlow CompoundAssign(ICompoundAssignmentOperation compound)
    {
        if (compound.OperatorMethod is { } method)
        {
            DependencyFlow result = Call(method, null, ImmutableArray<IArgumentOperation>.Empty, compound, isVirtual: false, compound.Target, compound.Value);
            ForgetTarget(compound.Target);
            return result;
        }

        ITypeSymbol? type = compound.Target.Type;
        OperationVector ops = type?.SpecialType == SpecialType.System_String
            ? OperationVector.Of((OperationClass.Call, 1), (OperationClass.Allocation, 1))
            : CostLowering.Binary(compound.OperatorKind, type, compound.Value, compound.IsChecked).AddFoldedLoads(FoldedLoads(compound));
        return ReadModifyWrite(compound.Target, compound.Value, ops, UpdatedValue(compound));
    }

    private DependencyFlow Increment(IIncrementOrDecrementOperation increment)
    {
        var ops = OperationVector.Of((CostLowering.IsFloating(increment.Target.Type) ? OperationClass.FloatAdd : OperationClass.IntegerAlu, 1));
        if (increment.IsChecked)
        {
            ops.Add(OperationClass.Branch);
        }

        SymbolicValue? updated = _inputs.Number(increment.Target) is { } before
            ? new NumberValue(before.Plus(Symbolic.Poly.Const(increment.Kind == OperationKind.Increment ? 1 : -1)))
            : null;
        return ReadModifyWrite(increment.Target, null, ops, updated);
    }

    /// <summary><c>x op= v</c>, <c>x++</c>: read the target, apply, write back.</summary>
    private DependencyFlow ReadModifyWrite(IOperation target, IOperation? value, OperationVector ops, SymbolicValue? updated)
    {
        DependencyFlow operand = value is null ? DependencyFlow.None : Evaluate(value);
        switch (target)
        {
            case ILocalReferenceOperation or IParameterReferenceOperation when ReferenceVariable(target) is { } reference:
            {
                // Load, operate, store back through the reference: three issue slots where a register takes
                // one. The chain from one update to the next stays the operation's: the core forwards the
                // stored value to the next load (the firewall's rule scan, `inc dword ptr [rdx]` per rule,
                // runs at 0.8 ns a rule, less than a load and a store in sequence would take).
                Emit(OperationClass.Load);
                DependencyFlow computed = Then(DependencyFlow.Combine(_region.Read(reference), operand), ops);
                Emit(OperationClass.Store);
                _region.Write(reference, computed);
                SetValue(reference, updated);
                return computed;
            }

            case ILocalReferenceOperation or IParameterReferenceOperation:
            {
                ISymbol variable = target is ILocalReferenceOperation l ? l.Local : ((IParameterReferenceOperation)target).Parameter;
                DependencyFlow result = Then(DependencyFlow.Combine(_region.Read(variable), operand), ops);
                _region.Write(variable, result);
                SetValue(variable, updated);
                return result;
            }

            default:
            {
                // Memory: load, operate, store back (an element's address computed once for both).
                DependencyFlow loaded = Evaluate(target);
                if (target is IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true })
                {
                    Emit(CostLowering.ElementReadModifyWrite(target.Type));
                }

                DependencyFlow computed = Then(DependencyFlow.Combine(loaded, operand), ops);
                Emit(OperationClass.Store);
                if (target is IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field)
                {
                    _region.Write(field.Field, computed.Then(OperationVector.Of((OperationClass.Store, 1))));
                }
                else if (target is IFieldReferenceOperation { Instance: { } instance } throughReference && MemoryReceiver(instance) is { } receiver)
                {
                    _region.WriteThrough(receiver, throughReference.Field, computed);
                }

                return computed;
            }
        }
    }

    private SymbolicValue? UpdatedValue(ICompoundAssignmentOperation compound)
    {
        if (_inputs.Number(compound.Target) is not { } before || _inputs.Number(compound.Value) is not { } operand)
        {
            return null;
        }

        return compound.OperatorKind switch
        {
            BinaryOperatorKind.Add => new NumberValue(before.Plus(operand)),
            BinaryOperatorKind.Subtract => new NumberValue(before.Minus(operand)),
            BinaryOperatorKind.Multiply => new NumberValue(before.Times(operand)),
            _ => null,
        };
    }

    /// <summary>
    /// A variable the code no longer knows the value of (a call wrote it through a reference): its flow
    /// becomes <paramref name="written"/>, what the write depended on (none when unknown).
    /// </summary>
    private void ForgetTarget(IOperation target, DependencyFlow? written = null)
    {
        switch (target)
        {
            case ILocalReferenceOperation local:
                _region.Write(local.Local, written ?? DependencyFlow.None);
                SetValue(local.Local, null);
                break;
            case IParameterReferenceOperation parameter:
                _region.Write(parameter.Parameter, written ?? DependencyFlow.None);
                SetValue(parameter.Parameter, null);
                break;
        }
    }

    private DependencyFlow Deconstruct(IDeconstructionAssignmentOperation deconstruction)
    {
        DependencyFlow value = Evaluate(deconstruction.Value);
        foreach (IOperation target in deconstruction.Target is ITupleOperation tuple ? tuple.Elements : ImmutableArray.Create(deconstruction.Target))
        {
            IOperation element = target is IDeclarationExpressionOperation declaration ? declaration.Expression : target;
            if (element is ILocalReferenceOperation or IParameterReferenceOperation)
            {
                ForgetTarget(element);
            }
            else if (element is not IDiscardOperation)
            {
                Store(element, value);
            }
        }

        return value;
    }

    private DependencyFlow ObjectCreation(IObjectCreationOperation creation)
    {
        ITypeSymbol? type = creation.Type;
        if (type is { IsReferenceType: true } && type.TypeKind != TypeKind.Delegate)
        {
            Emit(OperationVector.Of((OperationClass.Allocation, 1), (OperationClass.AllocatedByte, CostLowering.InstanceBytes(type))));
        }

        DependencyFlow flow = DependencyFlow.None;
        // A struct's or a library type's compiler-declared constructor runs nothing (the zeroed value); a source class's
        // runs its initializers and base constructor (ConstructorBody).
        if (creation.Constructor is { } constructor
            && (!constructor.IsImplicitlyDeclared || ConstructorBody.IsImplicitOfSourceClass(constructor, _session.Compilation)))
        {
            flow = Call(constructor, null, creation.Arguments, creation, isVirtual: false);
        }

        if (creation.Initializer is { } initializer)
        {
            Evaluate(initializer);
        }

        return flow;
    }

    /// <summary>An array: one allocation, and bytes zeroed in proportion to its length (a size-dependent term).</summary>
    private DependencyFlow ArrayCreation(IArrayCreationOperation array)
    {
        var flows = array.DimensionSizes.Select(Evaluate).ToList();
        double elementBytes = array.Type is IArrayTypeSymbol arrayType ? CostLowering.ValueSize(arrayType.ElementType) : 8;
        Emit(OperationVector.Of((OperationClass.Allocation, 1), (OperationClass.AllocatedByte, 16)));
        Symbolic.Poly elements = Symbolic.Poly.One;
        foreach (IOperation size in array.DimensionSizes)
        {
            Symbolic.Poly? length = _inputs.Number(size);
            if (length is null)
            {
                QuantityInfo pcv = _quantities.Pcv(
                    PcvNames.ArrayLength(array),
                    $"length of the array allocated at line {SourceLocations.Line(array)}",
                    bound: null,
                    SourceLocations.Of(array, "array allocation"));
                AddGap(GapKind.UnsupportedConstruct, "array of data-dependent length", $"Its length is the PCV '{pcv.Name}'.", array);
                length = Symbolic.Poly.Of(pcv.Atom);
            }

            elements = elements.Times(Symbolic.FunctionAtom.Apply(Symbolic.AtomFunction.NonNegative, length));
        }

        AddSizedOperations(
            OperationVector.Of((OperationClass.AllocatedByte, elementBytes)),
            elements,
            SourceLocations.Of(array, "array allocation"),
            "bytes zeroed for new " + array.Type?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
        if (array.Initializer is { } initializer)
        {
            Evaluate(initializer);
        }

        return DependencyFlow.Combine(flows);
    }

    private DependencyFlow ArrayInitializer(IArrayInitializerOperation initializer)
    {
        foreach (IOperation element in initializer.ElementValues)
        {
            Evaluate(element);
            Emit(OperationClass.Store);
        }

        return DependencyFlow.None;
    }

    /// <summary>
    /// Operations executed <paramref name="count"/> times: folded into the block when the count is a
    /// constant, else a term of their own.
    /// </summary>
    private void AddSizedOperations(OperationVector perUnit, Symbolic.Poly count, Provenance where, string description)
    {
        if (count.IsConstant(out double constant))
        {
            Emit(new OperationVector().Add(perUnit, constant));
            return;
        }

        _paths.AddTerm(new PendingTerm(PendingTerm.CreateBlock(perUnit, null, null), count, where, description));
    }

    private static OperationVector PatternCost(IPatternOperation pattern)
    {
        var ops = new OperationVector();
        var stack = new Stack<IOperation>();
        stack.Push(pattern);
        while (stack.Count > 0)
        {
            IOperation current = stack.Pop();
            switch (current)
            {
                case ITypePatternOperation or IDeclarationPatternOperation { MatchesNull: false } or IRecursivePatternOperation:
                    ops.Add(OperationClass.TypeCheck);
                    break;
                case IConstantPatternOperation or IRelationalPatternOperation:
                    ops.Add(OperationClass.IntegerAlu);
                    break;
                case IBinaryPatternOperation:
                    ops.Add(OperationClass.Branch);
                    break;
            }

            foreach (IOperation child in current.ChildOperations)
            {
                if (child is IPatternOperation)
                {
                    stack.Push(child);
                }
            }
        }

        return ops;
    }
}
