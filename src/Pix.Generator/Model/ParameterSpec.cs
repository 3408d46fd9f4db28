namespace Pix.Generator.Model;

/// <summary>How a companion takes one of the original method's parameters.</summary>
internal enum ParameterPassing
{
    /// <summary>By value, as the original.</summary>
    Value,

    /// <summary>
    /// As <c>in</c>: the original took it by <c>ref</c>, <c>in</c> or <c>ref readonly</c>. A read-only
    /// reference copies nothing (large structs, ref structs), lets callers pass the same variable without
    /// a keyword, and guarantees the companion cannot write to the caller's variable.
    /// </summary>
    In,
}

/// <summary>A parameter of the original method that the companion keeps (<c>out</c> parameters are outputs and are dropped).</summary>
/// <param name="Type">The type as a <c>global::</c>-qualified C# name, with nullable annotations.</param>
/// <param name="Name">The name, escaped with <c>@</c> if it is a keyword.</param>
/// <param name="Passing">By value or <c>in</c>.</param>
/// <param name="IsParams">True when the original is a <c>params</c> array. The companion takes the array
/// itself: its profile and PCV parameters come after, and <c>params</c> must be last.</param>
/// <param name="IsScoped">True when the original is <c>scoped</c> (repeated).</param>
/// <param name="IsThis">True for the receiver of an extension method (repeated: <c>data.LatencyOf_X(hw)</c>).</param>
internal sealed record ParameterSpec(
    string Type,
    string Name,
    ParameterPassing Passing,
    bool IsParams,
    bool IsScoped,
    bool IsThis);
