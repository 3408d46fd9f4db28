using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Analysis;

namespace Pix.Extraction.Costs;

/// <summary>
/// How C# operations lower to operation classes, as RyuJIT compiles them on x64 (see
/// docs/extractor.md for the table). Pure functions of the operation's kind, types and constants.
/// </summary>
internal static class CostLowering
{
    /// <summary>The operations of a built-in binary operator (operands excluded).</summary>
    public static OperationVector Binary(BinaryOperatorKind kind, ITypeSymbol? operandType, IOperation right, bool isChecked)
    {
        bool floating = IsFloating(operandType);
        var ops = new OperationVector();
        switch (kind)
        {
            case BinaryOperatorKind.Add or BinaryOperatorKind.Subtract:
                ops.Add(floating ? OperationClass.FloatAdd : OperationClass.IntegerAlu);
                break;
            case BinaryOperatorKind.Multiply:
                ops.Add(floating ? OperationClass.FloatMultiply : OperationClass.IntegerMultiply);
                break;
            case BinaryOperatorKind.Divide when floating:
                ops.Add(OperationClass.FloatDivide);
                break;
            case BinaryOperatorKind.Remainder when floating:
                // fmod: a divide, a truncation and a multiply-subtract.
                ops.Add(OperationClass.FloatDivide).Add(OperationClass.FloatAdd, 2).Add(OperationClass.FloatMultiply);
                break;
            case BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder:
                ops.Add(IntegerDivision(kind == BinaryOperatorKind.Remainder, IsUnsigned(operandType), right));
                break;
            case BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr:
                ops.Add(OperationClass.Branch);
                break;
            case BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.LessThan
                or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual:
                ops.Add(floating ? OperationClass.FloatAdd : OperationClass.IntegerAlu);
                break;
            default:
                // and, or, xor, shifts, rotates.
                ops.Add(OperationClass.IntegerAlu);
                break;
        }

        if (isChecked && !floating && kind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply)
        {
            // jo / jc to the overflow helper.
            ops.Add(OperationClass.Branch);
        }

        return ops;
    }

    /// <summary>
    /// Integer <c>/</c> and <c>%</c>. By a non-constant: a hardware divide. By a power of two: shifts
    /// and masks (with a sign fix-up when signed). By another constant: the JIT's multiply-high by a
    /// magic number, then shifts (and, for <c>%</c>, a multiply back and a subtract).
    /// </summary>
    public static OperationVector IntegerDivision(bool remainder, bool unsigned, IOperation divisor)
    {
        var ops = new OperationVector();
        if (divisor.ConstantValue is not { HasValue: true, Value: { } value } || !TryGetInteger(value, out long c) || c == 0)
        {
            return ops.Add(OperationClass.IntegerDivide);
        }

        long magnitude = Math.Abs(c);
        if (magnitude == 1)
        {
            return ops.Add(OperationClass.IntegerAlu);
        }

        bool powerOfTwo = (magnitude & (magnitude - 1)) == 0;
        if (powerOfTwo)
        {
            // unsigned: shr / and; signed: sar+shr+add+sar (div), or the same plus and+sub (rem).
            return ops.Add(OperationClass.IntegerAlu, unsigned ? 1 : remainder ? 4 : 3);
        }

        ops.Add(OperationClass.IntegerMultiply).Add(OperationClass.IntegerAlu, unsigned ? 2 : 3);
        if (remainder)
        {
            ops.Add(OperationClass.IntegerMultiply).Add(OperationClass.IntegerAlu);
        }

        return ops;
    }

    /// <summary>The operations of a built-in unary operator.</summary>
    public static OperationVector Unary(UnaryOperatorKind kind, ITypeSymbol? type, bool isChecked)
    {
        var ops = new OperationVector();
        if (kind == UnaryOperatorKind.Plus)
        {
            return ops;
        }

        ops.Add(IsFloating(type) ? OperationClass.FloatAdd : OperationClass.IntegerAlu);
        if (isChecked && kind == UnaryOperatorKind.Minus)
        {
            ops.Add(OperationClass.Branch);
        }

        return ops;
    }

    /// <summary>
    /// What turns an index into an element's offset, beyond the addressing mode: nothing for elements
    /// of 1, 2, 4 or 8 bytes (<c>[rax+4*rcx+16]</c>); a <c>shl</c> for another power of two; a
    /// <c>lea</c> with a scaled index for 3, 5 or 9 times those (a 40-byte struct:
    /// <c>lea rcx, [rcx+4*rcx]</c>, then <c>8*rcx</c>; on a chain, <see cref="ScaledLeaOnChain"/> instead);
    /// an <c>imul</c> otherwise (a 56-byte struct: <c>imul r9, r9, 56</c>, the NAT's flow entries).
    /// </summary>
    public static OperationVector ElementOffset(ITypeSymbol? elementType)
    {
        var ops = new OperationVector();
        if (elementType is null)
        {
            return ops;
        }

        long size = Layout(elementType, 0).Size;
        if (size is 1 or 2 or 4 or 8)
        {
            return ops;
        }

        bool powerOfTwo = (size & (size - 1)) == 0;
        return ops.Add(powerOfTwo || IsScaledLeaOffset(elementType) ? OperationClass.IntegerAlu : OperationClass.IntegerMultiply);
    }

    /// <summary>Whether <see cref="ElementOffset"/> is a <c>lea</c> with a scaled index (3, 5 or 9 times 2, 4 or 8 bytes, or 3, 5 or 9 bytes).</summary>
    public static bool IsScaledLeaOffset(ITypeSymbol? elementType)
    {
        if (elementType is null)
        {
            return false;
        }

        long size = Layout(elementType, 0).Size;
        bool leaScaled = false;
        foreach (long scale in new long[] { 1, 2, 4, 8 })
        {
            leaScaled |= size % scale == 0 && size / scale is 3 or 5 or 9;
        }

        return leaScaled;
    }

    /// <summary>
    /// A <c>lea</c> with a scaled index (<c>[rcx+4*rcx]</c>, <c>[rbx+8*rcx+16]</c>) on the chain it lies on:
    /// one <see cref="OperationClass.ScaledLea"/>, the profile's latency of such a <c>lea</c> net of the
    /// addressing the next load then does not do. Calibrated, not a constant: on the Xeon of the seventh
    /// session it measured two cycles where a shift takes one (bench/Pix.ChainWalks: 0.69 ns against 0.34 for
    /// <c>shl</c>), on the AMD EPYC of the twelfth about nothing (the load after it addresses more simply).
    /// The <c>lea</c> issues as one operation, so its issue slot stays an <see cref="OperationClass.IntegerAlu"/>
    /// in the block's counts; this vector is for the chain only (docs/accuracy.md, "Twelfth session: a scaled
    /// lea, calibrated").
    /// </summary>
    public static OperationVector ScaledLeaOnChain => OperationVector.Of((OperationClass.ScaledLea, 1));

    /// <summary>
    /// What an element's read-modify-write (<c>x[i] += v</c>, <c>x[i]++</c>) adds to its load, operation and
    /// store. x86 has no floating-point operation with a memory destination, so RyuJIT loads the element,
    /// operates in a register and stores it back, computing the address once for both:
    /// <c>lea r14, [rdx+8*r14+16]</c>, <c>vmovsd xmm1, [r14]</c>, …, <c>vmovsd [r14], xmm1</c> (Geometry.Multiply's
    /// inner loop; the span loop's <c>lea r13, [r9+8*r13]</c> too): one ALU operation the element's load and
    /// store do not count. An integer element is updated in place (<c>add [rdx+8*rcx+16], rax</c>): nothing more.
    /// Measured (bench/Pix.IssueRate, the four Multiply variants' Tier-1 listings): with this <c>lea</c> and the
    /// indexed loads floating-point arithmetic cannot fold counted, the inner loops issue 4.6–5.1 slots a cycle;
    /// without them the same timings give 3.7–4.3.
    /// </summary>
    public static OperationVector ElementReadModifyWrite(ITypeSymbol? elementType) =>
        IsFloating(elementType) ? OperationVector.Of((OperationClass.IntegerAlu, 1)) : new OperationVector();

    /// <summary>
    /// What keeping an element's address in a register adds to it, beyond <see cref="ElementOffset"/>.
    /// When a loop iteration names one element several times (<c>entries[i].Next</c>, <c>.State</c>,
    /// <c>.Hash</c>), RyuJIT computes its address once, <c>lea r, [array + scaled index + 16]</c>, and
    /// reads every field at <c>[r + offset]</c>. With an index still to scale by 2, 4 or 8 (elements of
    /// 2, 4 or 8 bytes, or 3, 5 or 9 times those: the firewall's 40-byte entries) that is a
    /// <c>lea</c> on the way to every field (<see cref="ScaledLeaOnChain"/> on a chain: bench/Pix.ChainWalks measured 0.7 ns
    /// more per entry than the same walk with the address folded into the load on the Xeon, nothing on the AMD EPYC). Only struct elements, whose fields
    /// are read at the address (a primitive element named twice is loaded once). An unscaled one (after
    /// an <c>imul</c> or <c>shl</c>: the NAT's 56-byte entries) takes one cycle, and the walk gains it
    /// back where RyuJIT renames the index instead of zero-extending it (the calibrated load includes an
    /// extension): measured as cheap as the folded address, it adds nothing.
    /// </summary>
    public static OperationVector MaterializedElementAddress(ITypeSymbol? elementType)
    {
        var ops = new OperationVector();
        if (elementType is not INamedTypeSymbol { IsValueType: true, SpecialType: SpecialType.None, EnumUnderlyingType: null })
        {
            // A primitive element named twice is loaded once (the value is reused), not addressed.
            return ops;
        }

        long size = Layout(elementType, 0).Size;
        bool scaledIndex = false;
        foreach (long scale in new long[] { 2, 4, 8 })
        {
            scaledIndex |= size == scale || (size % scale == 0 && size / scale is 3 or 5 or 9);
        }

        return scaledIndex ? ops.Add(OperationClass.IntegerAlu) : ops;
    }

    /// <summary>
    /// Size and alignment of a value of <paramref name="type"/> as the runtime lays out a sequential
    /// struct: each field at a multiple of its alignment, the size rounded up to the largest. (Structs
    /// holding references get auto layout, which packs no worse; this is the common case.)
    /// </summary>
    private static (long Size, long Alignment) Layout(ITypeSymbol type, int depth)
    {
        if (!type.IsValueType || depth > 4 || type.SpecialType != SpecialType.None || type is INamedTypeSymbol { EnumUnderlyingType: not null })
        {
            long size = (long)ValueSize(type, depth);
            return (size, Math.Min(size, 8));
        }

        long offset = 0;
        long alignment = 1;
        foreach (IFieldSymbol field in type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst))
        {
            (long fieldSize, long fieldAlignment) = Layout(field.Type, depth + 1);
            fieldAlignment = Math.Max(1, fieldAlignment);
            offset = ((offset + fieldAlignment - 1) / fieldAlignment * fieldAlignment) + fieldSize;
            alignment = Math.Max(alignment, fieldAlignment);
        }

        return (Math.Max(1, (offset + alignment - 1) / alignment * alignment), alignment);
    }

    /// <summary>Heap bytes of an instance of <paramref name="type"/>: object header and method table pointer, then fields.</summary>
    public static double InstanceBytes(ITypeSymbol type) => InstanceSizes[type];

    // Per type symbol: every allocation, element size and copy lowered walks the type's fields (and its base types'
    // and nested structs') again, and the same few types are met at every operation of a method.
    private static readonly PerSymbol<ITypeSymbol, double> InstanceSizes = new(ComputeInstanceBytes);
    private static readonly PerSymbol<ITypeSymbol, double> ValueSizes = new(type => ComputeValueSize(type, 0));

    private static double ComputeInstanceBytes(ITypeSymbol type)
    {
        const double header = 16;
        double fields = type.IsValueType ? ValueSize(type, 0) : FieldBytes(type, 0);
        return Math.Max(24, header + fields);
    }

    /// <summary>Size of a value of <paramref name="type"/> in a field or array slot.</summary>
    public static double ValueSize(ITypeSymbol type, int depth = 0) => depth == 0 ? ValueSizes[type] : ComputeValueSize(type, depth);

    private static double ComputeValueSize(ITypeSymbol type, int depth)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_SByte:
                return 1;
            case SpecialType.System_Char or SpecialType.System_Int16 or SpecialType.System_UInt16:
                return 2;
            case SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Single:
                return 4;
            case SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Double
                or SpecialType.System_IntPtr or SpecialType.System_UIntPtr or SpecialType.System_DateTime:
                return 8;
            case SpecialType.System_Decimal:
                return 16;
        }

        if (type is INamedTypeSymbol { EnumUnderlyingType: { } underlying })
        {
            return ValueSize(underlying, depth);
        }

        if (!type.IsValueType || depth > 4)
        {
            return 8;
        }

        return Math.Max(1, FieldBytes(type, depth + 1));
    }

    private static double FieldBytes(ITypeSymbol type, int depth)
    {
        double bytes = 0;
        for (ITypeSymbol? t = type; t is not null && t.SpecialType != SpecialType.System_Object; t = t.BaseType)
        {
            bytes += t.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst).Sum(f => ValueSize(f.Type, depth));
        }

        return bytes;
    }

    public static bool IsFloating(ITypeSymbol? type) =>
        type?.SpecialType is SpecialType.System_Single or SpecialType.System_Double;

    public static bool IsUnsigned(ITypeSymbol? type) =>
        type?.SpecialType is SpecialType.System_Byte or SpecialType.System_UInt16 or SpecialType.System_UInt32
            or SpecialType.System_UInt64 or SpecialType.System_Char or SpecialType.System_UIntPtr;

    private static bool TryGetInteger(object value, out long result)
    {
        switch (value)
        {
            case int i: result = i; return true;
            case uint u: result = u; return true;
            case long l: result = l; return true;
            case ulong ul when ul <= long.MaxValue: result = (long)ul; return true;
            case short s: result = s; return true;
            case ushort us: result = us; return true;
            case byte b: result = b; return true;
            case sbyte sb: result = sb; return true;
            case char ch: result = ch; return true;
            default: result = 0; return false;
        }
    }
}
