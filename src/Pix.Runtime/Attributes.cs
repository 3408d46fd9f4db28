using System;

namespace Pix;

/// <summary>
/// Asks Pix to generate a performance interface for this method: a companion
/// <c>LatencyOf_{Name}(same parameters…, HardwareProfile hw, PCVs…)</c> in the same partial type,
/// returning the method's predicted <see cref="Latency"/>.
/// </summary>
/// <remarks>
/// The interface describes the calls that return: a way of the code that ends by throwing (an argument
/// check, <c>?? throw</c>, a <c>[DoesNotReturn]</c> helper) is not part of it, and for inputs that make the
/// method throw it makes no claim.
/// </remarks>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, Inherited = false, AllowMultiple = false)]
public sealed class PerformanceInterfaceAttribute : Attribute
{
    /// <summary>
    /// Performance resolution, relative (0.05 = 5%). Pieces of the interface whose latency differs by
    /// less than this on the reference profile are merged (keeping the larger). 0 keeps every piece;
    /// a negative value (the default) means "use the project's <c>PixResolution</c>, else 0.05".
    /// </summary>
    public double Resolution { get; set; } = -1;

    /// <summary>
    /// A latency budget the method must meet for every input, e.g. <c>"2us"</c>, <c>"500 ns"</c>,
    /// <c>"1.5ms"</c> (units <c>ns</c>, <c>us</c>, <c>µs</c>, <c>ms</c>, <c>s</c>). The analyzers report
    /// (PIX0205) each class of inputs whose predicted latency can exceed it, with an input that shows
    /// it. Inputs the latency grows with need an upper bound: see <see cref="InputBoundAttribute"/>.
    /// Null (the default): no budget.
    /// </summary>
    public string? Budget { get; set; }

    /// <summary>
    /// The hardware profile the <see cref="Budget"/> is checked on: <c>"prod"</c> names the project's
    /// <c>prod.pixhw.json</c> (an <c>AdditionalFiles</c> item; the Pix package adds every
    /// <c>*.pixhw.json</c> of the project). Null (the default): the shipped reference profile.
    /// </summary>
    public string? BudgetProfile { get; set; }

    /// <summary>
    /// The relative change over this method's baseline interface (<c>pix.baseline.json</c>) that the
    /// regression check accepts before it reports (PIX0200 slower, PIX0204 faster); 0.2 = 20%. A
    /// negative value (the default) means "use the project's <c>PixRegressionTolerance</c>, else 0.1".
    /// </summary>
    public double RegressionTolerance { get; set; } = -1;
}

/// <summary>
/// Marks a parameter, field or property as secret: a <see cref="ConstantTimeAttribute"/> method's
/// latency must not depend on it.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Field | AttributeTargets.Property, Inherited = false)]
public sealed class SecretAttribute : Attribute
{
}

/// <summary>
/// Marks a parameter of a <see cref="ConstantTimeAttribute"/> method as public (not secret), for
/// methods where every parameter is otherwise treated as secret.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class PublicAttribute : Attribute
{
}

/// <summary>
/// Requires this method's latency not to depend on its secret inputs. Parameters marked
/// <see cref="SecretAttribute"/> are secret; when none is marked, every parameter is secret except
/// those marked <see cref="PublicAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, Inherited = false)]
public sealed class ConstantTimeAttribute : Attribute
{
}
