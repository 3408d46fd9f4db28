using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Costs;

namespace Pix.Extraction.Analysis;

/// <summary>
/// Loop-invariant code motion, as RyuJIT does it in optimised (Tier-1) code: integer arithmetic on
/// variables a loop does not assign is computed once before the loop, not in every iteration. In
/// <c>for (j…) product[i * n + j] += …</c> the multiply <c>i * n</c> runs once per entry into the
/// <c>j</c> loop (in fact once per <c>i</c>, since the <c>k</c> loop between does not assign
/// <c>i</c> or <c>n</c> either). Kept deliberately narrow, so that the JIT moves everything it
/// accepts (docs/extractor.md): no calls, no memory reads (the loop may write them), no checked
/// arithmetic, no division (both can throw), and nothing that runs only on some iterations.
/// </summary>
internal sealed partial class MethodAnalyzer
{
    /// <summary>True while an invariant expression is being counted in a preheader (it is not hoisted again).</summary>
    private bool _hoisting;

    /// <summary>
    /// Counts <paramref name="binary"/> in the preheader of the outermost enclosing loop it is
    /// invariant in, once per distinct expression there; false (nothing counted) when it is not
    /// invariant in the innermost loop. The value is a constant inside the loop, so it carries no
    /// dependency into the loop's chains.
    /// </summary>
    private bool TryHoist(IBinaryOperation binary)
    {
        if (_hoisting || !InLoop || InvariantKey(binary) is not { } key)
        {
            return false;
        }

        LoopFrame? target = null;
        for (int i = _loops.Count - 1; i >= 0; i--)
        {
            LoopFrame frame = _loops[i];
            if (!IsInvariantIn(binary, frame.Written) || RunsConditionally(binary, frame.Loop))
            {
                break;
            }

            target = frame;
        }

        if (target is null)
        {
            return false;
        }

        // RyuJIT hoists by value number: the same expression met twice is computed once.
        if (target.Hoisted.Add(key))
        {
            PathSet inLoop = _paths;
            _paths = target.Preheader;
            _hoisting = true;
            try
            {
                Binary(binary);
            }
            finally
            {
                _hoisting = false;
                _paths = inLoop;
            }
        }

        return true;
    }

    /// <summary>True when every variable <paramref name="expression"/> reads is outside <paramref name="written"/>.</summary>
    private static bool IsInvariantIn(IOperation expression, HashSet<ISymbol> written)
    {
        foreach (IOperation operation in expression.DescendantsAndSelf())
        {
            if (ReferencedVariable(operation) is { } variable && written.Contains(variable))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A key naming <paramref name="expression"/> by its operators and variables when it is pure,
    /// non-throwing integer arithmetic on constants, locals and parameters (the only kind this
    /// version hoists); null otherwise.
    /// </summary>
    private static string? InvariantKey(IOperation expression)
    {
        var key = new StringBuilder();
        return AppendKey(expression, key) ? key.ToString() : null;
    }

    private static bool AppendKey(IOperation operation, StringBuilder key)
    {
        if (operation.ConstantValue.HasValue)
        {
            key.Append(operation.ConstantValue.Value);
            return true;
        }

        switch (operation)
        {
            case ILocalReferenceOperation { Local.RefKind: RefKind.None } local:
                key.Append(local.Local.Name);
                return true;
            case IParameterReferenceOperation { Parameter.RefKind: RefKind.None } parameter:
                key.Append(parameter.Parameter.Name);
                return true;
            case IBinaryOperation { OperatorMethod: null, IsChecked: false, IsLifted: false } binary
                when IsHoistableOperator(binary.OperatorKind) && IsInteger(binary.Type) && IsInteger(binary.LeftOperand.Type) && IsInteger(binary.RightOperand.Type):
                key.Append('(').Append(binary.OperatorKind).Append(' ');
                bool pure = AppendKey(binary.LeftOperand, key);
                key.Append(' ');
                pure = pure && AppendKey(binary.RightOperand, key);
                key.Append(')');
                return pure;
            case IUnaryOperation { OperatorMethod: null, IsChecked: false, IsLifted: false, OperatorKind: UnaryOperatorKind.Minus or UnaryOperatorKind.BitwiseNegation or UnaryOperatorKind.Plus } unary
                when IsInteger(unary.Type):
                key.Append('(').Append(unary.OperatorKind).Append(' ');
                bool operand = AppendKey(unary.Operand, key);
                key.Append(')');
                return operand;
            case IConversionOperation { OperatorMethod: null, IsChecked: false } conversion
                when IsInteger(conversion.Type) && IsInteger(conversion.Operand.Type):
                key.Append('(').Append(conversion.Type!.SpecialType).Append(' ');
                bool converted = AppendKey(conversion.Operand, key);
                key.Append(')');
                return converted;
            default:
                return false;
        }
    }

    private static bool IsHoistableOperator(BinaryOperatorKind kind) => kind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract
        or BinaryOperatorKind.Multiply or BinaryOperatorKind.And or BinaryOperatorKind.Or or BinaryOperatorKind.ExclusiveOr
        or BinaryOperatorKind.LeftShift or BinaryOperatorKind.RightShift or BinaryOperatorKind.UnsignedRightShift;

    private static bool IsInteger(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt32
        or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Int16 or SpecialType.System_UInt16
        or SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Char;

    /// <summary>
    /// True when <paramref name="operation"/> runs on some iterations of <paramref name="loop"/> only
    /// (an arm of a branch, the right of <c>&amp;&amp;</c>, a switch, a handler), or is not inside it.
    /// An inner loop does not count: the JIT hoists out of a nest whether or not it runs.
    /// </summary>
    private static bool RunsConditionally(IOperation operation, ILoopOperation loop)
    {
        IOperation child = operation;
        for (IOperation? parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent == loop)
            {
                return false;
            }

            bool conditional = parent switch
            {
                IConditionalOperation branch => child != branch.Condition,
                IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical => child == logical.RightOperand,
                ICoalesceOperation coalesce => child == coalesce.WhenNull,
                IConditionalAccessOperation access => child == access.WhenNotNull,
                ISwitchOperation or ISwitchCaseOperation or ISwitchExpressionOperation or ISwitchExpressionArmOperation => true,
                ITryOperation or ICatchClauseOperation or IUsingOperation => true,
                IAnonymousFunctionOperation or ILocalFunctionOperation => true,
                _ => false,
            };
            if (conditional)
            {
                return true;
            }
        }

        return true;
    }
}
