using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Pix.Package.Tests;

/// <summary>A fresh project restores the packed package, builds with its generator, and runs.</summary>
[Trait("Category", "Package")]
[Collection(PackageCollection.Name)]
public sealed class PackageConsumptionTests
{
    private const string Program = """
        using System;
        using System.Globalization;
        using Pix;

        namespace PixConsumer;

        public static partial class Work
        {
            [PerformanceInterface]
            public static long Sum(int[] values)
            {
                long total = 0;
                for (int i = 0; i < values.Length; i++)
                {
                    total += values[i];
                }

                return total;
            }
        }

        internal static class Program
        {
            private static int Main()
            {
                foreach (int n in new[] { 1_000, 1_000_000 })
                {
                    Latency latency = Work.LatencyOf_Sum(new int[n], HardwareProfile.Reference);
                    Console.WriteLine("LatencyOf_Sum n=" + n + " ns=" + latency.Nanoseconds.ToString("R", CultureInfo.InvariantCulture));
                }

                return 0;
            }
        }
        """;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);

    private readonly PackedPackage _package;

    public PackageConsumptionTests(PackedPackage package) => _package = package;

    [Fact]
    public void A_fresh_project_builds_with_the_package_and_calls_a_generated_LatencyOf()
    {
        using var consumer = new ConsumerProject(_package, Program, "<PixResolution>0.1</PixResolution>");

        consumer.Build(CommandTimeout);

        // It restored the package under test, not some other Pix.
        Assert.True(
            File.Exists(Path.Combine(consumer.PackagesDirectory, "pix", _package.Version, "analyzers", "dotnet", "cs", "Pix.Generator.dll")),
            "The consumer did not restore Pix from the local feed.");

        // The package's build/Pix.props and Pix.targets ran: the options reach the compiler.
        string editorConfig = File.ReadAllText(consumer.PathOf($"obj/Release/net10.0/{ConsumerProject.Name}.GeneratedMSBuildEditorConfig.editorconfig"));
        Assert.Contains("build_property.PixResolution = 0.1", editorConfig);
        Assert.Contains("build_property.PixRegressionTolerance = 0.10", editorConfig);

        // The generator ran inside the consumer's build: the interface is a file under obj/.
        Assert.NotEmpty(Directory.GetFiles(consumer.PathOf("obj/Release/net10.0/generated"), "*.cs", SearchOption.AllDirectories));

        string run = DotNet.Run(
                consumer.Root, consumer.Environment, CommandTimeout,
                consumer.PathOf($"bin/Release/net10.0/{ConsumerProject.Name}.dll"))
            .EnsureSuccess("Running the consumer program")
            .Output;

        double[] nanoseconds = Regex.Matches(run, @"LatencyOf_Sum n=\d+ ns=(\S+)")
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .ToArray();
        Assert.True(nanoseconds.Length == 2, $"Expected two predictions, got:\n{run}");
        Assert.True(nanoseconds[0] > 0, $"A latency must be positive:\n{run}");
        Assert.True(nanoseconds[1] > nanoseconds[0], $"Summing 1000x more values must be predicted slower:\n{run}");
    }
}
