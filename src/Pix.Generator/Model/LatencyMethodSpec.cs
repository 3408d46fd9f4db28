using Pix.Model;

namespace Pix.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one <c>LatencyOf_X</c>: the original method's shape (as
/// strings), and its performance interface. Value-only, so the incremental pipeline can compare two
/// runs and skip emission when nothing changed.
/// </summary>
/// <param name="Type">Where the method lives.</param>
/// <param name="MethodName">The original method's name (<c>Adler32</c>).</param>
/// <param name="DisplayName">The original for people: <c>Adler32(ReadOnlySpan&lt;byte&gt;)</c>.</param>
/// <param name="Cref">A <c>cref</c> to the original: <c>Adler32(global::System.ReadOnlySpan{byte})</c>; null when none can name it (a function-pointer parameter).</param>
/// <param name="IsStatic">Same static-ness as the original.</param>
/// <param name="Accessibility">Same accessibility keywords as the original.</param>
/// <param name="IsUnsafe">True when a parameter type involves pointers (the companion is then <c>unsafe</c>).</param>
/// <param name="HidesBaseCompanion">True when a base type already has a <c>LatencyOf_X</c>, which this one hides on purpose.</param>
/// <param name="TypeParameters">The method's type parameters and constraints.</param>
/// <param name="Parameters">The kept parameters, in order.</param>
/// <param name="ProfileParameter">The name of the <c>HardwareProfile</c> parameter: <c>hw</c> unless the method already uses it.</param>
/// <param name="SignatureKey">The companion's parameter list as <see cref="Pix.Targets.MethodSupport.CompanionSignatureKey"/> gives it: equal keys would collide.</param>
/// <param name="ExplicitResolution">The attribute's <c>Resolution</c> when set (≥ 0), else null (the project default applies).</param>
/// <param name="Interface">The performance interface.</param>
internal sealed record LatencyMethodSpec(
    ContainingTypeSpec Type,
    string MethodName,
    string DisplayName,
    string? Cref,
    bool IsStatic,
    string Accessibility,
    bool IsUnsafe,
    bool HidesBaseCompanion,
    EquatableArray<TypeParameterSpec> TypeParameters,
    EquatableArray<ParameterSpec> Parameters,
    string ProfileParameter,
    string SignatureKey,
    double? ExplicitResolution,
    InterfaceModel Interface)
{
    /// <summary>
    /// True when a base type has a method of the same name that annotate-all mode gives a companion, which
    /// this one then hides (read only when the mode is on). Not positional, so that specs built by hand need not set it.
    /// </summary>
    public bool HidesImplicitBaseCompanion { get; init; }

    /// <summary>The original's <c>[Obsolete]</c> and <c>[Experimental]</c> attributes as C#, repeated on the companions.</summary>
    public EquatableArray<string> UsageAttributes { get; init; }

    /// <summary>
    /// True when a parameter or constraint type was written with nullable annotations off: the companions are then
    /// emitted with annotations off too, so that they accept what the method accepts (the file's annotations-on
    /// context would read <c>string</c> as never null, and a caller passing null would get CS8625).
    /// </summary>
    public bool IsNullableOblivious { get; init; }

    /// <summary>The companion's name.</summary>
    public string CompanionName => Pix.Targets.MethodSupport.LatencyMethodName(MethodName);
}
