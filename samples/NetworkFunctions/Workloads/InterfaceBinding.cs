using System;
using System.Linq;
using System.Reflection;

namespace Pix.Samples.NetworkFunctions.Workloads;

/// <summary>
/// Binds a network function's generated <c>LatencyOf_X</c> to a delegate at run time, so the driver
/// and the workloads build and run whether or not Pix generated the interfaces (e.g. with the
/// analyzers switched off), and say clearly when a generated signature is not the expected one.
/// </summary>
public static class InterfaceBinding
{
    /// <summary>
    /// The instance method <c>LatencyOf_{entryPoint}</c> of <paramref name="target"/> as a
    /// <typeparamref name="TDelegate"/>, or null when it was not generated.
    /// </summary>
    /// <exception cref="InvalidOperationException">It was generated with a different signature.</exception>
    public static TDelegate? Bind<TDelegate>(object target, string entryPoint)
        where TDelegate : Delegate =>
        BindMethod<TDelegate>(target, "LatencyOf_" + entryPoint);

    /// <summary>
    /// The instance method <c>ExplainLatencyOf_{entryPoint}</c> of <paramref name="target"/> (the
    /// breakdown twin of <c>LatencyOf_{entryPoint}</c>) as a <typeparamref name="TDelegate"/>, or null when it was not generated.
    /// </summary>
    /// <exception cref="InvalidOperationException">It was generated with a different signature.</exception>
    public static TDelegate? BindExplanation<TDelegate>(object target, string entryPoint)
        where TDelegate : Delegate =>
        BindMethod<TDelegate>(target, "ExplainLatencyOf_" + entryPoint);

    private static TDelegate? BindMethod<TDelegate>(object target, string name)
        where TDelegate : Delegate
    {
        MethodInfo? method = target.GetType().GetMethod(name, BindingFlags.Public | BindingFlags.Instance);
        if (method is null)
        {
            return null;
        }

        Type[] expected = typeof(TDelegate).GetMethod("Invoke")!.GetParameters().Select(p => p.ParameterType).ToArray();
        Type[] actual = method.GetParameters().Select(p => p.ParameterType).ToArray();
        if (!expected.SequenceEqual(actual))
        {
            throw new InvalidOperationException(
                $"{target.GetType().Name}.{name} was generated as ({Describe(actual)}); the driver expects ({Describe(expected)}). " +
                "The interface's PCVs changed: update the scenario's delegate.");
        }

        return (TDelegate)Delegate.CreateDelegate(typeof(TDelegate), target, method);
    }

    private static string Describe(Type[] types) => string.Join(", ", types.Select(t => t.Name));
}
