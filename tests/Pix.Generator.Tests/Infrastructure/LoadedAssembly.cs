using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace Pix.Generator.Tests.Infrastructure;

/// <summary>
/// Compiles, emits and loads a test compilation into a collectible <see cref="AssemblyLoadContext"/>
/// (after the Regex generator's tests), so generated <c>LatencyOf_X</c> methods can be called. Pix.Runtime
/// resolves to the test's own copy, so a <see cref="HardwareProfile"/> can be passed in.
/// </summary>
internal sealed class LoadedAssembly : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private LoadedAssembly(AssemblyLoadContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    public Assembly Assembly { get; }

    /// <summary>Emits <paramref name="compilation"/> (failing with numbered source lines on errors) and loads it.</summary>
    public static LoadedAssembly Load(Compilation compilation)
    {
        Testing.TestCompilation.AssertNoErrors(compilation);
        using var stream = new MemoryStream();
        EmitResult result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        stream.Position = 0;
        var context = new AssemblyLoadContext("PixGeneratorTest", isCollectible: true);
        return new LoadedAssembly(context, context.LoadFromStream(stream));
    }

    /// <summary>The public static method <paramref name="type"/>.<paramref name="name"/> with <paramref name="parameterCount"/> parameters.</summary>
    public MethodInfo Method(string type, string name, int parameterCount) =>
        Assembly.GetType(type, throwOnError: true)!.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .Single(m => m.Name == name && m.GetParameters().Length == parameterCount);

    /// <summary>Calls a static <c>LatencyOf_X</c> and returns its nanoseconds (unwrapping reflection's exception).</summary>
    public static double Invoke(MethodInfo method, object? instance, params object?[] arguments)
    {
        try
        {
            return ((Latency)method.Invoke(instance, arguments)!).Nanoseconds;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>
    /// Calls <paramref name="latencyOf"/> and its twin <c>ExplainLatencyOf_X</c> with the same arguments and
    /// asserts that the breakdown's terms, added in order, give the latency to the last bit. Returns the latency.
    /// </summary>
    public double InvokeAndExplain(MethodInfo latencyOf, object? instance, string context, params object?[] arguments)
    {
        double latency = Invoke(latencyOf, instance, arguments);
        MethodInfo explain = latencyOf.DeclaringType!.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .Single(m => m.Name == "Explain" + latencyOf.Name && m.GetParameters().Length == latencyOf.GetParameters().Length);
        LatencyBreakdown breakdown;
        try
        {
            breakdown = (LatencyBreakdown)explain.Invoke(instance, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        double sum = 0;
        foreach (LatencyTerm term in breakdown.Terms)
        {
            sum += term.Latency.Nanoseconds;
        }

        Assert.True(
            BitConverter.DoubleToInt64Bits(latency) == BitConverter.DoubleToInt64Bits(breakdown.Total.Nanoseconds) || latency == breakdown.Total.Nanoseconds,
            $"{context}: {latencyOf.Name} = {latency:R} ns, {explain.Name} totals {breakdown.Total.Nanoseconds:R} ns");
        Assert.Equal(breakdown.Total.Nanoseconds, sum);
        return latency;
    }

    public void Dispose() => _context.Unload();
}
