using System;

namespace Pix.Package.Tests;

/// <summary>
/// C# 14 extension blocks, which only a real SDK build can show: Pix's tests compile with Roslyn 4.8,
/// which cannot parse them, but the package runs inside the SDK's newer compiler.
/// </summary>
[Trait("Category", "Package")]
[Collection(PackageCollection.Name)]
public sealed class PackageExtensionBlockTests
{
    private const string Program = """
        using Pix;

        namespace PixConsumer;

        public static class Sums
        {
            extension(int[] values)
            {
                [PerformanceInterface]
                public long SumAll()
                {
                    long total = 0;
                    foreach (int value in values)
                    {
                        total += value;
                    }

                    return total;
                }
            }
        }

        internal static class Program
        {
            private static int Main() => new[] { 1, 2 }.SumAll() == 3 ? 0 : 1;
        }
        """;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);

    private readonly PackedPackage _package;

    public PackageExtensionBlockTests(PackedPackage package) => _package = package;

    [Fact]
    public void An_annotated_member_of_an_extension_block_is_reported_as_unsupported_not_as_a_type_to_make_partial()
    {
        using var consumer = new ConsumerProject(_package, Program);

        string build = consumer.Build(CommandTimeout);

        // An extension block cannot be partial: PIX0001's advice ("declare it partial") cannot be followed.
        Assert.DoesNotContain("PIX0001", build, StringComparison.Ordinal);
        Assert.Contains("PIX0003", build, StringComparison.Ordinal);
        Assert.Contains("declared in an extension block", build, StringComparison.Ordinal);
    }
}
