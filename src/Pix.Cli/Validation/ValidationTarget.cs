using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Pix.Cli.Validation;

/// <summary>
/// A <c>[PerformanceInterface]</c> method found in the assembly, with what validation needs: its
/// generated <c>LatencyOf_X</c> and its <c>[PerformanceInputs]</c> factory, or why it cannot be validated.
/// </summary>
internal sealed record ValidationTarget(
    MethodInfo Method,
    MethodInfo? LatencyMethod,
    MethodInfo? Factory,
    IReadOnlyList<int> DeclaredSizes,
    string? NotValidatedBecause)
{
    private const BindingFlags AllDeclared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    /// <summary>Display name: <c>Namespace.Type.Method</c>.</summary>
    public string DisplayName => $"{Method.DeclaringType!.FullName}.{Method.Name}";

    /// <summary>Every <c>[PerformanceInterface]</c> method of the assembly, in a stable order.</summary>
    public static IReadOnlyList<ValidationTarget> Discover(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            // Types whose dependencies are missing are skipped; the others are still worth validating.
            types = e.Types.Where(t => t is not null).ToArray()!;
        }

        return types
            .SelectMany(t => t.GetMethods(AllDeclared))
            .Where(m => HasAttribute(m, typeof(PerformanceInterfaceAttribute)))
            .Select(Describe)
            .OrderBy(t => t.DisplayName, StringComparer.Ordinal)
            .ThenBy(t => t.Method.GetParameters().Length)
            .ToList();
    }

    private static ValidationTarget Describe(MethodInfo method)
    {
        Type type = method.DeclaringType!;
        MethodInfo? latency = FindLatencyMethod(method);
        CustomAttributeData? inputs = method.GetCustomAttributesData()
            .FirstOrDefault(a => a.AttributeType.FullName == typeof(PerformanceInputsAttribute).FullName);
        if (inputs is null)
        {
            return new ValidationTarget(method, latency, null, Array.Empty<int>(), "no [PerformanceInputs] factory");
        }

        string factoryName = (string)inputs.ConstructorArguments[0].Value!;
        int[] sizes = inputs.NamedArguments
            .Where(a => a.MemberName == nameof(PerformanceInputsAttribute.Sizes))
            .SelectMany(a => ((IEnumerable<CustomAttributeTypedArgument>)a.TypedValue.Value!).Select(v => (int)v.Value!))
            .ToArray();

        MethodInfo? factory = type.GetMethod(factoryName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static, null, new[] { typeof(int) }, null);
        string? problem =
            latency is null ? $"no generated LatencyOf_{method.Name} (is the Pix generator referenced, and the type partial?)"
            : factory is null ? $"[PerformanceInputs] names '{factoryName}', but {type.Name} has no static {factoryName}(int size)"
            : factory.ReturnType != typeof(object[]) && factory.ReturnType != typeof(object[][]) ? $"{factoryName}(int size) returns {factory.ReturnType}; it must return object?[] (one input set) or object?[][] (several, called in turn)"
            : null;
        return new ValidationTarget(method, latency, problem is null ? factory : null, sizes, problem);
    }

    /// <summary>The generated companion: same name prefix, the method's parameters, then a HardwareProfile.</summary>
    private static MethodInfo? FindLatencyMethod(MethodInfo method)
    {
        Type[] parameters = method.GetParameters().Select(p => p.ParameterType).ToArray();
        return method.DeclaringType!.GetMethods(AllDeclared).FirstOrDefault(candidate =>
        {
            if (candidate.Name != "LatencyOf_" + method.Name || candidate.ReturnType != typeof(Latency) || candidate.IsStatic != method.IsStatic)
            {
                return false;
            }

            ParameterInfo[] p = candidate.GetParameters();
            return p.Length > parameters.Length
                && parameters.Select((t, i) => p[i].ParameterType == t).All(same => same)
                && p[parameters.Length].ParameterType == typeof(HardwareProfile);
        });
    }

    private static bool HasAttribute(MemberInfo member, Type attribute) =>
        member.GetCustomAttributesData().Any(a => a.AttributeType.FullName == attribute.FullName);
}
