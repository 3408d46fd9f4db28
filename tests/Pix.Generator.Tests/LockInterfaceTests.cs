using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Pix.Generator.Tests.Infrastructure;

namespace Pix.Generator.Tests;

/// <summary>
/// A <c>lock</c> in a generated interface (thirteenth session): the uncontended monitor is a term whose comment
/// says contention is not modelled, and <c>LatencyOf_X</c> pays it once per entry, in a loop once per iteration.
/// </summary>
public sealed class LockInterfaceTests
{
    private const string Source = """
        using Pix;

        namespace Demo
        {
            public static partial class Counter
            {
                private static readonly object s_gate = new object();
                private static int s_count;

                [PerformanceInterface]
                public static void AddAll(int n)
                {
                    for (int i = 0; i < n; i++)
                    {
                        lock (s_gate)
                        {
                            s_count++;
                        }
                    }
                }
            }
        }
        """;

    [Fact]
    public void The_generated_interface_says_contention_is_not_modelled_and_pays_the_lock_per_iteration()
    {
        Compilation input = Pix.Testing.TestCompilation.CreateNamed("LockTest", Source);
        (Compilation output, GeneratorRunResult run) = GeneratorRunner.Run(input);

        string generated = string.Join("\n", GeneratorRunner.Files(run).Values);
        Assert.Contains("contention is not modelled", generated);
        Assert.DoesNotContain("incomplete", generated);

        using LoadedAssembly assembly = LoadedAssembly.Load(output);
        MethodInfo latencyOf = assembly.Assembly.GetType("Demo.Counter", throwOnError: true)!.GetMethod("LatencyOf_AddAll")!;
        double at0 = LoadedAssembly.Invoke(latencyOf, null, 0, HardwareProfile.Reference);
        double at10 = LoadedAssembly.Invoke(latencyOf, null, 10, HardwareProfile.Reference);
        // Two uncontended locked compare-exchanges per iteration at least (6.0 ns each on the reference).
        Assert.True(at10 - at0 >= 10 * 2 * HardwareProfile.Reference.ThroughputNs(OperationClass.AtomicRmw), $"{at10} - {at0}");
    }
}
