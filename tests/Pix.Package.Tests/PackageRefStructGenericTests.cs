using System;

namespace Pix.Package.Tests;

/// <summary>
/// C# 13's <c>allows ref struct</c> anti-constraint, which only a real SDK build can show (Pix's tests compile with Roslyn 4.8,
/// which cannot parse it): the companion must accept the ref structs the method accepts.
/// </summary>
[Trait("Category", "Package")]
[Collection(PackageCollection.Name)]
public sealed class PackageRefStructGenericTests
{
    private const string Program = """
        using System;
        using Pix;

        namespace PixConsumer;

        public static partial class Spans
        {
            [PerformanceInterface]
            public static int Count<T>(T items, int n) where T : allows ref struct
            {
                int count = 0;
                for (int i = 0; i < n; i++)
                {
                    count++;
                }

                return count;
            }
        }

        internal static class Program
        {
            private static int Main()
            {
                Span<int> items = stackalloc int[4];
                int count = Spans.Count(items, 4);
                Latency predicted = Spans.LatencyOf_Count(items, 4, HardwareProfile.Reference);
                return count == 4 && predicted.Nanoseconds > 0 ? 0 : 1;
            }
        }
        """;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);

    private readonly PackedPackage _package;

    public PackageRefStructGenericTests(PackedPackage package) => _package = package;

    [Fact]
    public void The_companion_of_a_method_whose_type_parameter_allows_ref_structs_takes_a_span()
    {
        // Without the anti-constraint on the companion the call above is CS9244, and the build fails.
        using var consumer = new ConsumerProject(_package, Program, "<TreatWarningsAsErrors>true</TreatWarningsAsErrors>");

        consumer.Build(CommandTimeout);
    }
}
