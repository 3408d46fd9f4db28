using System;

namespace Pix;

/// <summary>
/// Asks Pix to generate a performance interface for this method: a companion
/// <c>LatencyOf_{Name}(same parameters…, HardwareProfile hw, PCVs…)</c> in the same partial type,
/// returning the method's predicted <see cref="Latency"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor, Inherited = false, AllowMultiple = false)]
public sealed class PerformanceInterfaceAttribute : Attribute
{
    /// <summary>
    /// Performance resolution, relative (0.05 = 5%). Pieces of the interface whose latency differs by
    /// less than this on the reference profile are merged (keeping the larger). 0 keeps every piece;
    /// a negative value (the default) means "use the project's <c>PixResolution</c>, else 0.05".
    /// </summary>
    public double Resolution { get; set; } = -1;
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
