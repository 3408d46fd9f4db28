using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Costs;
using Pix.Extraction.Inputs;

namespace Pix.Extraction.Analysis;

// Which loads x86 folds into the instruction that uses them. `cmp eax, [rcx+8]` + `jne` issues as one
// fused micro-operation, `add eax, [rdx+4*rax+16]` as one: the load rides in its consumer's slot. The
// counts cannot tell which loads those are (a Tier-1 listing folds 1 of 2 loads in one loop, 2 of 4 in
// another), the operation tree can: a load that is a direct operand of arithmetic or a compare, whose
// value is used nowhere else, folds. A load whose value lands in a variable (used twice, or once
// later), is stored, or is an address or an index does not: it is a `mov` of its own. Nor does an
// element load into floating-point arithmetic: the VEX form (`vaddsd xmm1, xmm0, [rax+8*rcx+16]`) is
// split again at issue when its address has an index register, so the load takes a slot of its own.
internal sealed partial class MethodAnalyzer
{
    /// <summary>
    /// 1 when one operand of <paramref name="binary"/> (a built-in operator the caller is about to
    /// lower) is a load the JIT makes the instruction's memory operand, else 0. x86 instructions
    /// take at most one memory operand, so two loaded operands fold one.
    /// </summary>
    private double FoldedLoads(IBinaryOperation binary)
    {
        if (binary.IsLifted || !FoldsAMemoryOperand(binary.OperatorKind, CostLowering.IsFloating(binary.LeftOperand.Type)))
        {
            return 0;
        }

        // Against a constant the JIT writes `mov eax, [mem]` + `add eax, 5`, or `cmp [mem], 5`, which
        // cannot macro-fuse with its branch: two slots either way, nothing saved.
        if (binary.LeftOperand.ConstantValue.HasValue || binary.RightOperand.ConstantValue.HasValue)
        {
            return 0;
        }

        // The destination (left) operand of `sub`/`vsubsd`/`vdivsd` is a register; a compare's
        // operands swap freely, and the commutative operators put the load second.
        bool either = !IsNonCommutative(binary.OperatorKind);
        bool floatingArithmetic = CostLowering.IsFloating(binary.LeftOperand.Type) && !IsComparison(binary.OperatorKind);
        return IsFoldableLoad(binary.RightOperand, floatingArithmetic) || (either && IsFoldableLoad(binary.LeftOperand, floatingArithmetic)) ? 1 : 0;
    }

    /// <summary>
    /// 1 when <c>x op= value</c> on a local or parameter (a register) folds the load of its value: <c>add eax, [mem]</c>.
    /// Not through a reference: <c>add [rdx], eax</c> already takes its one memory operand.
    /// </summary>
    private double FoldedLoads(ICompoundAssignmentOperation compound) =>
        compound.OperatorMethod is null
        && compound.Target is ILocalReferenceOperation or IParameterReferenceOperation
        && ReferenceVariable(compound.Target) is null
        && FoldsAMemoryOperand(compound.OperatorKind, CostLowering.IsFloating(compound.Target.Type))
        && IsFoldableLoad(compound.Value, floatingArithmetic: CostLowering.IsFloating(compound.Target.Type))
            ? 1
            : 0;

    /// <summary>Operators with an <c>op reg, [mem]</c> form the JIT uses (not shifts, integer division or short-circuits).</summary>
    private static bool FoldsAMemoryOperand(BinaryOperatorKind kind, bool floating) => kind switch
    {
        BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply => true,
        _ when IsComparison(kind) => true,
        BinaryOperatorKind.And or BinaryOperatorKind.Or or BinaryOperatorKind.ExclusiveOr => !floating,
        BinaryOperatorKind.Divide => floating,
        _ => false,
    };

    private static bool IsNonCommutative(BinaryOperatorKind kind) =>
        kind is BinaryOperatorKind.Subtract or BinaryOperatorKind.Divide;

    private static bool IsComparison(BinaryOperatorKind kind) =>
        kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals
            or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual
            or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual;

    /// <summary>
    /// <see cref="IsFoldableLoad(IOperation)"/>, except that in floating-point arithmetic (<paramref name="floatingArithmetic"/>)
    /// an array, span or string element does not fold. Intel's cores since Haswell issue a micro-fused load as two
    /// slots again when the instruction has three operands (every VEX <c>vaddsd</c>, <c>vmulsd</c>, <c>vsubsd</c>,
    /// <c>vdivsd</c>) and its address an index register, which an element's has (<c>[rax+8*rcx+16]</c>, <c>[rdi+r8]</c>
    /// in a cloned loop); a field's (<c>[rdi+8]</c>) has none. Measured (bench/Pix.IssueRate, "forms: FP add of an
    /// indexed element" against "of a base+disp element"): six such loads an iteration cost 1.3 cycles more, one
    /// slot each at the loop's 5.4 slots a cycle. Compares (<c>vucomisd</c>, two operands) stay fused.
    /// </summary>
    private bool IsFoldableLoad(IOperation operand, bool floatingArithmetic) =>
        IsFoldableLoad(operand) && !(floatingArithmetic && IsElementLoad(operand));

    private static bool IsElementLoad(IOperation operand) => operand switch
    {
        IArrayElementReferenceOperation => true,
        IPropertyReferenceOperation { Property.IsIndexer: true } => true,
        _ => false,
    };

    /// <summary>
    /// True when <paramref name="operand"/> is exactly one load as <c>Evaluate</c> counts it, of a
    /// value the instruction can take as it is in memory: no conversion around it (a byte, char or short
    /// is widened by <c>movzx</c>, an int to a long by <c>movsxd</c>, and that instruction is the load).
    /// </summary>
    private bool IsFoldableLoad(IOperation operand) => operand switch
    {
        IFieldReferenceOperation { Field.IsConst: false } => true,
        IArrayElementReferenceOperation => true,
        IPropertyReferenceOperation { Property: var property } reference => IsFoldablePropertyLoad(reference, property),
        _ => false,
    };

    // Mirrors PropertyRead: which property reads it counts as one load.
    private bool IsFoldablePropertyLoad(IPropertyReferenceOperation reference, IPropertySymbol property)
    {
        bool spanLike = InputResolver.IsSpanLike(property.ContainingType);
        if (property.IsIndexer)
        {
            return reference.Arguments.Length == 1 && (spanLike || property.ContainingType.SpecialType == SpecialType.System_String);
        }

        if (property.Name == "Length" && reference.Instance is { } instance)
        {
            return !spanLike && !(InLoop && ReferencedVariable(instance) is not null);
        }

        return IsAutoProperty(property);
    }
}
