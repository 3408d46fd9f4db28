namespace Pix.Generator.Model;

/// <summary>A type parameter of a generic method, repeated on its companion with the same constraints.</summary>
/// <param name="Name">The name.</param>
/// <param name="Constraints">The constraint list after <c>where T :</c> (<c>struct, global::System.IComparable&lt;T&gt;</c>), or empty.</param>
internal sealed record TypeParameterSpec(string Name, string Constraints);
