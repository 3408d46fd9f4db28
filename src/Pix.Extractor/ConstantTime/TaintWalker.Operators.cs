using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.ConstantTime;

// Operators: which ones leak (a division whose latency depends on its operands) and which only carry data.
internal sealed partial class TaintWalker
{
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

        ReportConcatenationFormatting(binary, l, r);
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
}
