using System.Linq;
using Microsoft.CodeAnalysis;

namespace Pix.ConstantTime;

/// <summary>
/// The types the constant-time analysis looks for, resolved once per compilation (an analyzer does
/// it in its compilation-start action).
/// </summary>
public sealed class ConstantTimeSymbols
{
    private ConstantTimeSymbols(
        INamedTypeSymbol secret,
        INamedTypeSymbol? @public,
        INamedTypeSymbol constantTime,
        INamedTypeSymbol? methodImpl,
        IMethodSymbol? fixedTimeEquals)
    {
        SecretAttribute = secret;
        PublicAttribute = @public;
        ConstantTimeAttribute = constantTime;
        MethodImplAttribute = methodImpl;
        FixedTimeEquals = fixedTimeEquals;
    }

    /// <summary><c>Pix.SecretAttribute</c>.</summary>
    public INamedTypeSymbol SecretAttribute { get; }

    /// <summary><c>Pix.PublicAttribute</c> (absent in older runtimes).</summary>
    public INamedTypeSymbol? PublicAttribute { get; }

    /// <summary><c>Pix.ConstantTimeAttribute</c>.</summary>
    public INamedTypeSymbol ConstantTimeAttribute { get; }

    /// <summary><c>System.Runtime.CompilerServices.MethodImplAttribute</c>.</summary>
    public INamedTypeSymbol? MethodImplAttribute { get; }

    /// <summary>
    /// <c>CryptographicOperations.FixedTimeEquals(ReadOnlySpan&lt;byte&gt;, ReadOnlySpan&lt;byte&gt;)</c>
    /// when the target framework has it (.NET Core 2.1 and later), else null.
    /// </summary>
    public IMethodSymbol? FixedTimeEquals { get; }

    /// <summary>The symbols of <paramref name="compilation"/>, or null when it does not reference Pix.Runtime.</summary>
    public static ConstantTimeSymbols? Create(Compilation compilation)
    {
        INamedTypeSymbol? secret = compilation.GetTypeByMetadataName("Pix.SecretAttribute");
        INamedTypeSymbol? constantTime = compilation.GetTypeByMetadataName("Pix.ConstantTimeAttribute");
        if (secret is null || constantTime is null)
        {
            return null;
        }

        IMethodSymbol? fixedTimeEquals = compilation
            .GetTypeByMetadataName("System.Security.Cryptography.CryptographicOperations")?
            .GetMembers("FixedTimeEquals")
            .OfType<IMethodSymbol>()
            .FirstOrDefault(m => m.Parameters.Length == 2);

        return new ConstantTimeSymbols(
            secret,
            compilation.GetTypeByMetadataName("Pix.PublicAttribute"),
            constantTime,
            compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.MethodImplAttribute"),
            fixedTimeEquals);
    }

    /// <summary>True when <paramref name="symbol"/> carries <paramref name="attribute"/>.</summary>
    public static bool Has(ISymbol symbol, INamedTypeSymbol? attribute) =>
        attribute is not null &&
        symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

    /// <summary>True when <paramref name="method"/> is <c>[ConstantTime]</c>.</summary>
    public bool IsConstantTime(IMethodSymbol method) => Has(method, ConstantTimeAttribute);

    /// <summary>True when a field or property is <c>[Secret]</c>.</summary>
    public bool IsSecretMember(ISymbol member) => Has(member, SecretAttribute);
}
