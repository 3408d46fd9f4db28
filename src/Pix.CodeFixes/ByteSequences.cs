using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Pix.CodeFixes;

/// <summary>Which values <c>CryptographicOperations.FixedTimeEquals</c> accepts as they are.</summary>
internal static class ByteSequences
{
    /// <summary>True for <c>byte[]</c>, <c>Span&lt;byte&gt;</c> and <c>ReadOnlySpan&lt;byte&gt;</c>.</summary>
    public static bool IsByteBuffer(ITypeSymbol? type) => type switch
    {
        IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte } => true,
        INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", ContainingNamespace.Name: "System", TypeArguments: [{ SpecialType: SpecialType.System_Byte }] } => true,
        _ => false,
    };

    /// <summary>The operand of implicit conversions (<c>byte[]</c> → <c>IEnumerable&lt;byte&gt;</c>).</summary>
    public static IOperation Unconvert(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }
}
