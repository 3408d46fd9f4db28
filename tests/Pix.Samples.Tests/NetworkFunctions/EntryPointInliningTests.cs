using System.Linq;
using System.Reflection;
using Pix.Samples.NetworkFunctions.Translation;

namespace Pix.Samples.Tests.NetworkFunctions;

/// <summary>
/// The driver times each network function's entry point as the call its interface describes. Left inlinable, the JIT
/// compiled it into whichever timed loop reached it first (the twentieth session measured the NAT's typical packet at
/// 28–30 ns under <c>levels</c>, where the NAT was inlined whole, and 47–67 ns under <c>measure</c>, where the scenario's
/// inlining budget ran out halfway through it): the figure depended on the verb's order, not on the NAT.
/// </summary>
public sealed class EntryPointInliningTests
{
    [Fact]
    public void Every_annotated_entry_point_of_a_network_function_is_compiled_as_its_own_method()
    {
        MethodInfo[] entryPoints = typeof(Nat).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.IsDefined(typeof(Pix.PerformanceInterfaceAttribute)))
            .ToArray();

        Assert.True(entryPoints.Length >= 7, $"found {entryPoints.Length} annotated instance methods");
        Assert.All(entryPoints, m => Assert.True(
            (m.MethodImplementationFlags & MethodImplAttributes.NoInlining) != 0,
            $"{m.DeclaringType!.Name}.{m.Name} is not [MethodImpl(MethodImplOptions.NoInlining)]"));
    }
}
