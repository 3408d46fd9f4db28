using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Analysis;
using Pix.Extraction.Symbolic;
using Pix.Model;

namespace Pix.Extraction.Inputs;

/// <summary>
/// Expresses operations in terms of the method's inputs: numbers as polynomials over quantities,
/// references as access paths, conditions as guards. Anything that depends on data the inputs do
/// not show resolves to null. Variables are looked up in the analyser's environment, which maps
/// locals and parameters to what is known of their current value.
/// </summary>
internal sealed class InputResolver
{
    private readonly QuantityTable _quantities;
    private readonly Func<ISymbol, SymbolicValue?> _lookup;
    private readonly Func<ISymbol, bool> _isAccessible;

    /// <param name="quantities">Where inputs are registered.</param>
    /// <param name="lookup">What is known of a local's or parameter's current value.</param>
    /// <param name="isAccessible">
    /// Whether a member can be read by the generated companion of the extracted method (an input's
    /// expression must compile there; another type's private field cannot be an input).
    /// </param>
    public InputResolver(QuantityTable quantities, Func<ISymbol, SymbolicValue?> lookup, Func<ISymbol, bool> isAccessible)
    {
        _quantities = quantities;
        _lookup = lookup;
        _isAccessible = isAccessible;
    }

    public bool IsAccessible(ISymbol member) => _isAccessible(member);

    /// <summary>The value of <paramref name="operation"/> as a polynomial, or null.</summary>
    public Poly? Number(IOperation? operation) => Resolve(operation) is NumberValue n ? n.Value : null;

    /// <summary>The length (<c>Length</c>/<c>Count</c>) of the array, span, string or collection <paramref name="operation"/> yields.</summary>
    public Poly? LengthOf(IOperation? operation) => Resolve(operation) is ObjectValue o ? LengthOf(o) : null;

    public Poly? LengthOf(ObjectValue value, string? member = null) =>
        value.Length ?? (value.Path is { } path && (member ?? value.SizeMember) is { } size
            ? Poly.Of(_quantities.Input(path.Append(size, AccessStepKind.Size), QuantityKind.Size).Atom)
            : null);

    /// <summary>What is known of <paramref name="operation"/>'s value.</summary>
    public SymbolicValue? Resolve(IOperation? operation)
    {
        switch (operation)
        {
            case null:
                return null;
            case { ConstantValue: { HasValue: true, Value: var constant } }:
                return constant switch
                {
                    bool b => new PredicateValue(b ? Guard.Always : Guard.Not(Guard.Always)),
                    null or string => null,
                    _ when NumericConstant.TryGetValue(constant, out double number) => new NumberValue(Poly.Const(number)),
                    _ => null,
                };
            case IParameterReferenceOperation p:
                return _lookup(p.Parameter);
            case ILocalReferenceOperation l:
                return _lookup(l.Local);
            case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } instance:
                // Sized with its own type's member when passed on (new JArray(this) reads this.Count, not this.Length).
                return new ObjectValue(AccessPath.This, null, instance.Type is { } type ? SizeMemberOf(type) : null);
            case IFieldReferenceOperation f:
                return Member(f.Field.IsStatic ? StaticRoot(f.Field.ContainingType) : Resolve(f.Instance), f.Field);
            case IPropertyReferenceOperation { Arguments.Length: 0 } pr:
                return Property(pr);
            case IConversionOperation { OperatorMethod: not null }:
                return null;
            case IConversionOperation c:
                // A downcast or unboxing ((Period)obj, obj as Period) leads to members the operand's static type
                // lacks: a path through it ('obj.Years') would not compile in the companion.
                SymbolicValue? operand = Resolve(c.Operand);
                if (operand is ObjectValue && !c.Conversion.IsImplicit)
                {
                    return null;
                }

                return operand is NumberValue converted && !KeepsValue(c, converted.Value) ? Wrapped(c, converted.Value) : operand;
            case IBinaryOperation b:
                return Binary(b);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } u when Resolve(u.Operand) is PredicateValue pv:
                return new PredicateValue(Guard.Not(pv.Guard));
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } u when Number(u.Operand) is { } negated:
                return new NumberValue(negated.Scale(-1));
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Plus } u:
                return Resolve(u.Operand);
            case IIsPatternOperation pattern:
                return Pattern(pattern.Value, pattern.Pattern) is { } g ? new PredicateValue(g) : null;
            case IArrayCreationOperation { DimensionSizes.Length: 1 } array:
                return new ObjectValue(null, Number(array.DimensionSizes[0]) is { } size ? Length(size) : null);
            case IInvocationOperation invocation:
                return Invocation(invocation);
            case IImplicitIndexerReferenceOperation { Argument: IRangeOperation range } sliced:
                // span[1..^1], s[..k]: Slice / Substring through the range.
                return Resolve(sliced.Instance) is ObjectValue whole ? RangeOf(whole, range) : null;
            case IArrayElementReferenceOperation { Indices: [IRangeOperation range] } sliced:
                // a[1..^1] on an array: RuntimeHelpers.GetSubArray, a new array of the range's length.
                return Resolve(sliced.ArrayReference) is ObjectValue elements ? RangeOf(elements, range) : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// The slice <paramref name="range"/> takes of <paramref name="whole"/>: <c>a[i..j]</c> has j − i elements, an end
    /// from the end (<c>^k</c>) counts back from the length, a missing end is the whole's. A range outside the whole throws
    /// before any element is read, so the length is never counted negative (<see cref="Length"/>).
    /// </summary>
    private ObjectValue? RangeOf(ObjectValue whole, IRangeOperation range)
    {
        Poly? full = LengthOf(whole);
        Poly? start = range.LeftOperand is null ? Poly.Zero : IndexInto(range.LeftOperand, full);
        Poly? end = range.RightOperand is null ? full : IndexInto(range.RightOperand, full);
        return start is null || end is null ? null : new ObjectValue(null, Length(end.Minus(start)));
    }

    /// <summary>The position <c>i</c> or <c>^k</c> (k from the end of a whole of length <paramref name="full"/>) names, or null.</summary>
    private Poly? IndexInto(IOperation index, Poly? full)
    {
        // int → System.Index is Index's own implicit operator, which keeps the value (a negative one throws).
        while (index is IConversionOperation { IsImplicit: true, Type: { Name: "Index", ContainingNamespace.Name: "System" } } conversion)
        {
            index = conversion.Operand;
        }

        if (index is IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat } fromEnd)
        {
            return full is not null && Number(fromEnd.Operand) is { } back ? full.Minus(back) : null;
        }

        return IsIntegral(index.Type) ? Number(index) : null;
    }

    /// <summary><paramref name="condition"/> as a guard over inputs, or null when data decide it.</summary>
    public Guard? GuardOf(IOperation? condition)
    {
        switch (condition)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } b when IsBool(b):
                return GuardOf(b.LeftOperand) is { } l && GuardOf(b.RightOperand) is { } r ? Model.Guard.And(l, r) : null;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } b when IsBool(b):
                return GuardOf(b.LeftOperand) is { } l2 && GuardOf(b.RightOperand) is { } r2 ? Model.Guard.Or(l2, r2) : null;
            case IBinaryOperation b when ComparisonOf(b.OperatorKind) is { } op:
                return Comparison(b.LeftOperand, op, b.RightOperand);
            case IIsPatternOperation pattern:
                return Pattern(pattern.Value, pattern.Pattern);
            case IPropertyReferenceOperation { Property.Name: "IsEmpty", Arguments.Length: 0 } empty
                when LengthOf(empty.Instance) is { } length && IsInputOnly(length):
                return Model.Guard.Compare(length.ToExpr(), Model.Comparison.Equal, Expr.Zero);
            default:
                return Resolve(condition) is PredicateValue p ? p.Guard : null;
        }
    }

    /// <summary>The guard for <paramref name="value"/> matching <paramref name="pattern"/>, or null.</summary>
    public Guard? Pattern(IOperation value, IPatternOperation pattern)
    {
        switch (pattern)
        {
            case IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } }:
                return NullFlag(value) is { } flag ? Model.Guard.Compare(flag, Model.Comparison.Equal, Expr.One) : null;
            case IConstantPatternOperation constant:
                return Comparison(value, Model.Comparison.Equal, constant.Value);
            case IRelationalPatternOperation relational when ComparisonOf(relational.OperatorKind) is { } op:
                return Comparison(value, op, relational.Value);
            case INegatedPatternOperation negated:
                return Pattern(value, negated.Pattern) is { } inner ? Model.Guard.Not(inner) : null;
            case IBinaryPatternOperation binary:
                Guard? left = Pattern(value, binary.LeftPattern);
                Guard? right = Pattern(value, binary.RightPattern);
                if (left is null || right is null)
                {
                    return null;
                }

                return binary.OperatorKind == BinaryOperatorKind.And ? Model.Guard.And(left, right) : Model.Guard.Or(left, right);
            case IDiscardPatternOperation:
                return Model.Guard.Always;
            default:
                return null;
        }
    }

    /// <summary>True when the polynomial reads only quantities (no loop variables): usable in a guard or a bound.</summary>
    public static bool IsInputOnly(Poly poly) => !poly.ContainsAtom(a => a is LoopVariableAtom);

    private Guard? Comparison(IOperation left, Comparison op, IOperation right)
    {
        if (left.ConstantValue is { HasValue: true, Value: null } || right.ConstantValue is { HasValue: true, Value: null })
        {
            Expr? flag = NullFlag(left.ConstantValue is { HasValue: true, Value: null } ? right : left);
            if (flag is null || op is not (Model.Comparison.Equal or Model.Comparison.NotEqual))
            {
                return null;
            }

            return Model.Guard.Compare(flag, op, Expr.One);
        }

        if (Resolve(left) is PredicateValue pl && Resolve(right) is PredicateValue pr && op is Model.Comparison.Equal or Model.Comparison.NotEqual)
        {
            Guard same = Model.Guard.Or(Model.Guard.And(pl.Guard, pr.Guard), Model.Guard.And(Model.Guard.Not(pl.Guard), Model.Guard.Not(pr.Guard)));
            return op == Model.Comparison.Equal ? same : Model.Guard.Not(same);
        }

        if (Number(left) is { } l && Number(right) is { } r && IsInputOnly(l) && IsInputOnly(r))
        {
            return Model.Guard.Compare(l.ToExpr(), op, r.ToExpr());
        }

        return null;
    }

    private Expr? NullFlag(IOperation operand)
    {
        while (operand is IConversionOperation { OperatorMethod: null } c)
        {
            operand = c.Operand;
        }

        if (Resolve(operand) is ObjectValue { Path: { } path } && path.LastKind != AccessStepKind.IsNull)
        {
            return Expr.Symbol(_quantities.Input(path.Append("null", AccessStepKind.IsNull), QuantityKind.Flag).Name);
        }

        return null;
    }

    private SymbolicValue? Member(SymbolicValue? receiver, ISymbol member)
    {
        if (receiver is not ObjectValue { Path: { } path } || !_isAccessible(member))
        {
            return null;
        }

        ITypeSymbol type = member is IFieldSymbol f ? f.Type : ((IPropertySymbol)member).Type;
        AccessPath next = path.Append(member.Name, AccessStepKind.Member, member);
        return ValueOfPath(next, type);
    }

    private SymbolicValue? ValueOfPath(AccessPath path, ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_Boolean)
        {
            QuantityInfo flag = _quantities.Input(path, QuantityKind.Flag);
            return new PredicateValue(Model.Guard.Compare(flag.Atom.ToExpr(), Model.Comparison.Equal, Expr.One));
        }

        if (IsIntegral(type))
        {
            QuantityKind kind = path.RootKind == AccessRootKind.Parameter && path.Steps.Count == 0 ? QuantityKind.Value : QuantityKind.State;
            return new NumberValue(Poly.Of(_quantities.Input(path, kind, isEnum: type.TypeKind == TypeKind.Enum).Atom));
        }

        return type.IsReferenceType || IsSpanLike(type) || IsReadOnlyStruct(type) ? new ObjectValue(path, null, SizeMemberOf(type)) : null;
    }

    /// <summary>
    /// A <c>readonly struct</c> (NodaTime's <c>Duration</c>, <c>ImmutableArray&lt;T&gt;</c>): no code can write its fields, so
    /// a copy of one read through a path (a parameter by value, a field) keeps the members it had at entry, as an object's
    /// path does. A mutable struct's fields can be written in place (<c>p.X = 10</c>) before a branch reads them, which
    /// the environment does not track, so they stay data. <see cref="Nullable{T}"/> is not a readonly struct.
    /// </summary>
    private static bool IsReadOnlyStruct(ITypeSymbol type) => type is INamedTypeSymbol { TypeKind: TypeKind.Struct, IsReadOnly: true };

    /// <summary>The initial symbolic value of a parameter.</summary>
    public SymbolicValue? Parameter(IParameterSymbol parameter)
    {
        if (parameter.RefKind == RefKind.Out)
        {
            return null;
        }

        // A readonly struct passed by reference aliases storage the method (or a callee) can replace whole through another
        // name: only a copy is certain to keep its entry members. Numbers and flags (int, bool: readonly structs to Roslyn),
        // spans and objects by reference are as before.
        if (parameter.RefKind != RefKind.None && IsReadOnlyStruct(parameter.Type) && !IsSpanLike(parameter.Type)
            && !IsIntegral(parameter.Type) && parameter.Type.SpecialType != SpecialType.System_Boolean)
        {
            return null;
        }

        return ValueOfPath(AccessPath.Parameter(parameter.Ordinal, parameter.Name), parameter.Type);
    }

    /// <summary>The value at entry of a primary-constructor parameter the method may read (see <see cref="PrimaryConstructorParameters"/>).</summary>
    public SymbolicValue? Captured(IParameterSymbol parameter) => ValueOfPath(AccessPath.Captured(parameter), parameter.Type);

    private SymbolicValue? Property(IPropertyReferenceOperation reference)
    {
        IPropertySymbol property = reference.Property;
        SymbolicValue? receiver = property.IsStatic ? StaticRoot(property.ContainingType) : Resolve(reference.Instance);
        if (receiver is ObjectValue o && IsSizeProperty(property))
        {
            return LengthOf(o, property.Name) is { } length ? new NumberValue(length) : null;
        }

        if (property.GetMethod is null || property.IsIndexer)
        {
            return null;
        }

        return Member(receiver, property);
    }

    /// <summary>
    /// True unless <paramref name="conversion"/> is an unchecked integral conversion that can change
    /// <paramref name="value"/> (wrap it round or flip its sign). A checked one throws rather than change it.
    /// </summary>
    private static bool KeepsValue(IConversionOperation conversion, Poly value) =>
        conversion.IsChecked
        || IntegralRange.Of(conversion.Type) is not { } target
        || IntegralRange.Of(value, conversion.Operand.Type) is not { } source
        || target.Contains(source);

    /// <summary>
    /// <paramref name="value"/> after the unchecked integral conversion <paramref name="conversion"/>, which keeps it modulo
    /// 2^w (w the target's width) in the target's range: ((v − min) mod 2^w) + min, the modulo as y − 2^w·⌊y / 2^w⌋. So a
    /// guard on the cast itself (<c>(ulong)(v + 1) &lt;= 9</c>, <c>(byte)n &gt; 3</c>) and a count read through it
    /// (<c>i &lt; (byte)n</c>) are exact whatever the wrap, where the operand's own value would be wrong.
    /// </summary>
    private static NumberValue? Wrapped(IConversionOperation conversion, Poly value)
    {
        if (IntegralRange.Of(conversion.Type) is not { } target)
        {
            return null;
        }

        double width = target.Max - target.Min + 1;
        Poly fromMin = value.Minus(Poly.Const(target.Min));
        Poly remainder = fromMin.Minus(FunctionAtom.Apply(AtomFunction.FloorDivide, fromMin, width).Scale(width));
        return new NumberValue(remainder.Plus(Poly.Const(target.Min)));
    }

    private SymbolicValue? Binary(IBinaryOperation b)
    {
        if (b.OperatorMethod is not null)
        {
            return null;
        }

        if (IsBool(b) || ComparisonOf(b.OperatorKind) is not null)
        {
            return GuardOf(b) is { } g ? new PredicateValue(g) : null;
        }

        Poly? left = Number(b.LeftOperand);
        Poly? right = Number(b.RightOperand);
        if (left is null || right is null)
        {
            return null;
        }

        bool rightConstant = right.IsConstant(out double r);
        Poly? result = b.OperatorKind switch
        {
            BinaryOperatorKind.Add => left.Plus(right),
            BinaryOperatorKind.Subtract => left.Minus(right),
            BinaryOperatorKind.Multiply => left.Times(right),
            BinaryOperatorKind.Divide when rightConstant && r > 0 && IsIntegral(b.Type) => FunctionAtom.Apply(AtomFunction.FloorDivide, left, r),
            BinaryOperatorKind.Divide when rightConstant && r > 0 => left.Scale(1 / r),
            BinaryOperatorKind.RightShift or BinaryOperatorKind.UnsignedRightShift when rightConstant && r >= 0 && r < 63 =>
                FunctionAtom.Apply(AtomFunction.FloorDivide, left, Math.Pow(2, r)),
            BinaryOperatorKind.LeftShift when rightConstant && r >= 0 && r < 63 => left.Scale(Math.Pow(2, r)),
            _ => null,
        };
        return result is null ? null : new NumberValue(result);
    }

    private SymbolicValue? Invocation(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        IOperation? receiver = method.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : invocation.Instance;
        int first = method.IsExtensionMethod ? 1 : 0;
        int count = invocation.Arguments.Length - first;
        if (MinOrMax(invocation) is { } extreme)
        {
            return extreme;
        }

        switch (method.Name)
        {
            case "CompareTo" when count == 1:
                return CompareTo(method, receiver, invocation.Arguments[first].Value);
            case "AsSpan" or "AsMemory" or "AsReadOnlySpan" when count == 0:
                return Resolve(receiver) is ObjectValue same ? same : null;
            case "Slice" or "AsSpan" or "Substring" when count is 1 or 2:
            {
                if (Resolve(receiver) is not ObjectValue source)
                {
                    return null;
                }

                Poly? start = Number(invocation.Arguments[first].Value);
                Poly? length = count == 2 ? Number(invocation.Arguments[first + 1].Value)
                    : start is not null && LengthOf(source) is { } full ? full.Minus(start) : null;
                return length is null ? null : new ObjectValue(null, Length(length));
            }

            default:
                return null;
        }
    }

    /// <summary>
    /// <c>Math.Min(a, b)</c> as a − max(0, a − b) and <c>Math.Max(a, b)</c> as a + max(0, b − a): exact for integers, and a
    /// loop bound <c>i &lt; Math.Min(n, m)</c> then counts min(n, m) iterations. Integral arguments only: a floating
    /// <c>Math.Min</c> returns NaN when either argument is NaN, which max(0, ·) would not.
    /// </summary>
    private NumberValue? MinOrMax(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.Name is not ("Min" or "Max") || invocation.Arguments.Length != 2 || !IsIntegral(method.ReturnType)
            || method.ContainingType is not { Name: "Math", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
        {
            return null;
        }

        if (Number(invocation.Arguments[0].Value) is not { } a || Number(invocation.Arguments[1].Value) is not { } b)
        {
            return null;
        }

        return method.Name == "Min"
            ? new NumberValue(a.Minus(FunctionAtom.Apply(AtomFunction.NonNegative, a.Minus(b))))
            : new NumberValue(a.Plus(FunctionAtom.Apply(AtomFunction.NonNegative, b.Minus(a))));
    }

    /// <summary>
    /// <c>a.CompareTo(b)</c> of two integers, as the runtime computes it: <c>int</c>, <c>uint</c>, <c>long</c> and <c>ulong</c>
    /// return −1, 0 or 1, which is [a − b ≥ 1] − [b − a ≥ 1] with [d ≥ 1] = max(0, d) − max(0, d − 1), exact for an integer d;
    /// <c>byte</c>, <c>sbyte</c>, <c>short</c>, <c>ushort</c> and <c>char</c> return a − b itself (an <c>int</c>, never wrapping).
    /// <c>CompareTo(object)</c> unboxes and can throw: not a number.
    /// </summary>
    private NumberValue? CompareTo(IMethodSymbol method, IOperation? receiver, IOperation argument)
    {
        INamedTypeSymbol type = method.ContainingType;
        if (method.IsStatic || !SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, type)
            || Number(receiver) is not { } a || Number(argument) is not { } b)
        {
            return null;
        }

        Poly difference = a.Minus(b);
        switch (type.SpecialType)
        {
            case SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Char:
                return new NumberValue(difference);
            case SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64:
                return new NumberValue(AtLeastOne(difference).Minus(AtLeastOne(difference.Scale(-1))));
            default:
                return null;
        }
    }

    /// <summary>1 when the integer <paramref name="d"/> is at least 1, else 0.</summary>
    private static Poly AtLeastOne(Poly d) =>
        FunctionAtom.Apply(AtomFunction.NonNegative, d).Minus(FunctionAtom.Apply(AtomFunction.NonNegative, d.Minus(Poly.One)));

    /// <summary>
    /// A length computed from arguments (<c>new T[n]</c>, <c>a.AsSpan(1, k)</c>, <c>s.Slice(k)</c>): never negative,
    /// since a negative one throws before any element is read; a loop over it must not count −1 iterations.
    /// </summary>
    private static Poly Length(Poly computed) => FunctionAtom.Apply(AtomFunction.NonNegative, computed);

    private static ObjectValue StaticRoot(INamedTypeSymbol type) =>
        new(AccessPath.Static(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)), null);

    /// <summary>
    /// The member that gives the size of a value of <paramref name="type"/>: Length or Count, or null when it
    /// has neither (an <c>IEnumerable&lt;T&gt;</c>): its size is then no input a companion could read.
    /// </summary>
    public static string? SizeMemberOf(ITypeSymbol type) => SizeMembers[type];

    // Per type symbol: asked for every parameter, field and `this` resolved, each a walk of the type's base types and interfaces.
    private static readonly PerSymbol<ITypeSymbol, string?> SizeMembers = new(ComputeSizeMemberOf);

    private static string? ComputeSizeMemberOf(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol || type.SpecialType == SpecialType.System_String || IsSpanLike(type))
        {
            return "Length";
        }

        for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            foreach (ISymbol member in t.GetMembers("Count"))
            {
                if (member is IPropertySymbol)
                {
                    return "Count";
                }
            }
        }

        foreach (INamedTypeSymbol @interface in type.AllInterfaces)
        {
            if (@interface.GetMembers("Count").Length > 0)
            {
                return "Count";
            }
        }

        for (ITypeSymbol? t = type; t is not null; t = t.BaseType)
        {
            if (t.GetMembers("Length").Any(m => m is IPropertySymbol property && IsSizeProperty(property)))
            {
                return "Length";
            }
        }

        return null;
    }

    private static bool IsSizeProperty(IPropertySymbol property) =>
        property.Name is "Length" or "Count" or "LongLength" && !property.IsIndexer && IsIntegral(property.Type);

    private static bool IsBool(IOperation operation) => operation.Type?.SpecialType == SpecialType.System_Boolean;

    public static bool IsIntegral(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { EnumUnderlyingType: { } underlying })
        {
            type = underlying;
        }

        return type?.SpecialType is SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16
            or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64
            or SpecialType.System_UInt64 or SpecialType.System_Char or SpecialType.System_IntPtr or SpecialType.System_UIntPtr;
    }

    public static bool IsSpanLike(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" or "Memory" or "ReadOnlyMemory", ContainingNamespace.Name: "System" };

    private static Comparison? ComparisonOf(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.LessThan => Model.Comparison.Less,
        BinaryOperatorKind.LessThanOrEqual => Model.Comparison.LessOrEqual,
        BinaryOperatorKind.GreaterThan => Model.Comparison.Greater,
        BinaryOperatorKind.GreaterThanOrEqual => Model.Comparison.GreaterOrEqual,
        BinaryOperatorKind.Equals => Model.Comparison.Equal,
        BinaryOperatorKind.NotEquals => Model.Comparison.NotEqual,
        _ => null,
    };
}
