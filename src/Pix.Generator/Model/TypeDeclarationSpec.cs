namespace Pix.Generator.Model;

/// <summary>One type of the chain that contains a <c>[PerformanceInterface]</c> method, as the generated partial declaration repeats it.</summary>
/// <param name="Keyword">The declaration keywords after the accessibility: <c>class</c>, <c>struct</c>, <c>ref struct</c>, <c>record</c>, <c>record struct</c>.</param>
/// <param name="Name">The type's name, escaped if it is a keyword.</param>
/// <param name="TypeParameters">The type-parameter list with its angle brackets (<c>&lt;TKey, TValue&gt;</c>), or empty.</param>
/// <param name="Accessibility">The declared accessibility keywords (<c>public</c>, <c>protected internal</c>…).</param>
/// <param name="IsStatic">True for a static class (repeated so the declaration reads as the user's).</param>
internal sealed record TypeDeclarationSpec(
    string Keyword,
    string Name,
    string TypeParameters,
    string Accessibility,
    bool IsStatic);
