using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Pix.Extraction.Costs;

namespace Pix.Extraction.Analysis;

/// <summary>
/// Arguments passed by reference. A <c>ref</c>, <c>out</c> or <c>in</c> argument hands the callee a variable's address:
/// the call site reads nothing from the variable (<c>Interlocked.Increment(ref s_count)</c> is <c>lock xadd [address]</c>,
/// its read is the locked instruction's, which the callee's model or body prices). What the address needs is counted:
/// the object a field is reached through, an element's array, index and bounds check. The flow still carries what
/// was last stored in the variable, which the callee reads.
/// </summary>
internal sealed partial class MethodAnalyzer
{
    private DependencyFlow EvaluateArgument(IArgumentOperation argument) =>
        argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out or RefKind.In or RefKind.RefReadOnlyParameter
            ? AddressOf(argument.Value)
            : Evaluate(argument.Value);

    /// <summary>
    /// The address of a variable passed by reference. Locals and parameters are read as a value is (no operation); a
    /// field is its cell (<see cref="FieldCell"/>); an array's or a span's element its address (<see
    /// cref="EvaluateAddress"/>: <c>ref span[k]</c> is the span's pointer plus the checked index). Anything else (a
    /// ref-returning call or indexer of another type, an rvalue the compiler copies to a temporary for an <c>in</c>
    /// parameter) is evaluated as it stands.
    /// </summary>
    private DependencyFlow AddressOf(IOperation reference) =>
        reference is IFieldReferenceOperation field ? FieldCell(field) : EvaluateAddress(reference);
}
