namespace Pix.Model;

/// <summary>What a <see cref="Quantity"/> stands for.</summary>
public enum QuantityKind
{
    /// <summary>The value of an integer parameter (<c>n</c>).</summary>
    Value,
    /// <summary>A size: <c>data.Length</c>, <c>list.Count</c>, <c>s.Length</c>.</summary>
    Size,
    /// <summary>Instance or static state read without side effects (<c>this._count</c>).</summary>
    State,
    /// <summary>A 0/1 input: a <c>bool</c> parameter or a null check.</summary>
    Flag,
    /// <summary>
    /// A performance-critical variable: state the inputs do not show (chain length, index of the
    /// first mismatch, recursion depth). The generated interface takes it as an extra parameter.
    /// </summary>
    Pcv,
}

/// <summary>
/// A non-negative number the latency depends on. Expressions refer to it by <see cref="Name"/>.
/// </summary>
/// <param name="Name">
/// Unique within the interface. For inputs, the C# expression itself (<c>data.Length</c>); for a
/// PCV, a C# identifier that becomes the generated parameter's name (<c>chainLength</c>).
/// </param>
/// <param name="Kind">What it stands for.</param>
/// <param name="Expression">
/// C# that computes it in the scope of the generated method from the method's own parameters and
/// <c>this</c> (<c>data.Length</c>, <c>(flag ? 1 : 0)</c>, <c>(data is null ? 1 : 0)</c>); null for a PCV.
/// </param>
/// <param name="Description">One line for people: what it counts and where.</param>
/// <param name="Bound">For a PCV, an upper bound over the other quantities when one is known (then
/// it is the parameter's default); otherwise null.</param>
/// <param name="Origin">Where in the source it comes from (a PCV's loop; null for plain inputs).</param>
public sealed record Quantity(
    string Name,
    QuantityKind Kind,
    string? Expression,
    string Description,
    Expr? Bound = null,
    Provenance? Origin = null)
{
    /// <summary>True for a performance-critical variable.</summary>
    public bool IsPcv => Kind == QuantityKind.Pcv;
}
