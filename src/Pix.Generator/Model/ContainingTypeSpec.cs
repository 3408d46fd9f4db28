using Pix.Model;

namespace Pix.Generator.Model;

/// <summary>Where the generated methods go: a namespace and the chain of (partial) types, outermost first.</summary>
/// <param name="Namespace">The namespace, or empty for the global namespace.</param>
/// <param name="Types">The containing types, outermost first.</param>
/// <param name="HintName">The generated file's name: <c>{Namespace}.{Outer}.{Inner`1}.Pix.g.cs</c> (metadata names, so <c>Box</c> and <c>Box&lt;T&gt;</c> differ).</param>
internal sealed record ContainingTypeSpec(
    string Namespace,
    EquatableArray<TypeDeclarationSpec> Types,
    string HintName);
