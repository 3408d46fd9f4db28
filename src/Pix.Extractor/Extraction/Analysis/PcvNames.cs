using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.Extraction.Analysis;

/// <summary>
/// Names for the PCVs Pix makes up, taken from the code only (never from line numbers), so that a
/// PCV keeps its name — and the generated <c>LatencyOf_X</c> its signature — when unrelated lines are
/// edited. Two PCVs that would share a name are told apart by the quantity table (<c>_2</c>, <c>_3</c>
/// in source order).
/// </summary>
internal static class PcvNames
{
    /// <summary>
    /// The PCV name a hint's argument gives (<c>PixHint.Pcv</c>, <c>PixHint.ColdLoads</c>): a constant,
    /// non-empty C# identifier (the generated parameter's name); otherwise null.
    /// </summary>
    public static string? FromHint(IOperation? argument) =>
        argument?.ConstantValue.Value is string { Length: > 0 } name && Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(name)
            ? name
            : null;

    /// <summary>Iterations of a loop Pix cannot bound.</summary>
    public const string UnboundedIterations = "iterations";

    /// <summary>Iterations of a bounded loop before an early exit that is not a recognised search.</summary>
    public const string IterationsBeforeExit = "iterationsBeforeExit";

    /// <summary>
    /// The size a library call works on when it is not an expression over the inputs:
    /// <c>builderLength</c> for <c>builder.ToString()</c>, else <c>toStringSize</c>.
    /// </summary>
    public static string CallSize(IMethodSymbol method, IOperation? receiver) =>
        VariableName(receiver) is { } name ? name + "Length" : Camel(method.Name) + "Size";

    /// <summary>
    /// The length of an array allocated with a data-dependent length: <c>bufferLength</c> for
    /// <c>var buffer = new byte[n]</c> or <c>buffer = new byte[n]</c>, else <c>arrayLength</c>.
    /// </summary>
    public static string ArrayLength(IArrayCreationOperation array)
    {
        IOperation? parent = array.Parent;
        while (parent is IConversionOperation { IsImplicit: true })
        {
            parent = parent.Parent;
        }

        string? name = parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol.Name,
            ISimpleAssignmentOperation assignment => VariableName(assignment.Target),
            _ => null,
        };
        return name is null ? "arrayLength" : name + "Length";
    }

    /// <summary>The C# name of a local, parameter, field (without a leading underscore) or property read, camel-cased.</summary>
    private static string? VariableName(IOperation? operation)
    {
        string? name = operation switch
        {
            ILocalReferenceOperation local => local.Local.Name,
            IParameterReferenceOperation parameter => parameter.Parameter.Name,
            IFieldReferenceOperation field => field.Field.Name.TrimStart('_'),
            IPropertyReferenceOperation property => property.Property.Name,
            IConversionOperation { IsImplicit: true } conversion => VariableName(conversion.Operand),
            _ => null,
        };
        return string.IsNullOrEmpty(name) || name!.StartsWith("<", System.StringComparison.Ordinal) ? null : Camel(name);
    }

    private static string Camel(string name) =>
        name.Length == 0 || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
}
