using System;
using System.Collections.Generic;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Generator.Model;
using Pix.Generator.Tests.Infrastructure;
using Pix.Model;
using static Pix.Generator.Tests.Infrastructure.HandBuilt;

namespace Pix.Generator.Tests;

/// <summary>First level: the emitter on hand-built models (golden files, compilation, numbers).</summary>
public sealed class EmitterTests
{
    private const string ChecksumSource = """
        namespace Demo
        {
            /// <summary>Subject.</summary>
            public static partial class Checksums
            {
                /// <summary>Adler-32.</summary>
                public static uint Adler32(System.ReadOnlySpan<byte> data) => (uint)data.Length;
            }
        }
        """;

    private const string FinderSource = """
        namespace Demo
        {
            /// <summary>Subject.</summary>
            public static partial class Finder
            {
                /// <summary>Search.</summary>
                public static int IndexOf(byte[] data, int n, bool ignoreCase) => n;
            }
        }
        """;

    private const string ShapesSource = """
        namespace Demo
        {
            /// <summary>Subject.</summary>
            public static partial class Shapes
            {
                /// <summary>Work.</summary>
                public static int Work(int n, byte[] data) => n;
            }
        }
        """;

    private static GeneratedFileSpec ChecksumFile() =>
        File(Method(StaticClass("Demo", "Checksums"), "Adler32", Checksum(), Parameter("global::System.ReadOnlySpan<byte>", "data")));

    private static GeneratedFileSpec FinderFile() =>
        File(Method(StaticClass("Demo", "Finder"), "IndexOf", Search(), Parameter("byte[]", "data"), Parameter("int", "n"), Parameter("bool", "ignoreCase")));

    private static GeneratedFileSpec ShapesFile() =>
        File(Method(StaticClass("Demo", "Shapes"), "Work", Arithmetic(), Parameter("int", "n"), Parameter("byte[]", "data")));

    [Fact]
    public void Checksum_matches_golden_file() => VerifyEmitted(nameof(Checksum_matches_golden_file), ChecksumFile());

    [Fact]
    public void Search_with_guards_pcvs_and_gaps_matches_golden_file() => VerifyEmitted(nameof(Search_with_guards_pcvs_and_gaps_matches_golden_file), FinderFile());

    [Fact]
    public void Every_expression_kind_matches_golden_file() => VerifyEmitted(nameof(Every_expression_kind_matches_golden_file), ShapesFile());

    [Fact]
    public void Emission_is_deterministic() =>
        Assert.Equal(PerformanceInterfaceGenerator.Emitter.Emit(FinderFile(), "1.0", explain: true), PerformanceInterfaceGenerator.Emitter.Emit(FinderFile(), "1.0", explain: true));

    [Theory]
    [InlineData("Checksums")]
    [InlineData("Finder")]
    [InlineData("Shapes")]
    public void Emitted_code_compiles_without_warnings_as_CSharp8(string which)
    {
        (string source, GeneratedFileSpec file) = which switch
        {
            "Checksums" => (ChecksumSource, ChecksumFile()),
            "Finder" => (FinderSource, FinderFile()),
            _ => (ShapesSource, ShapesFile()),
        };

        Compile.AssertClean(Compile.Library(Compile.CSharp8, source, PerformanceInterfaceGenerator.Emitter.Emit(file, "1.0", explain: true)));
    }

    [Fact]
    public void Emitted_code_compiles_in_the_global_namespace()
    {
        var type = StaticClass("", "Checksums");
        var file = File(Method(type, "Adler32", Checksum(), Parameter("global::System.ReadOnlySpan<byte>", "data")));
        const string source = """
            /// <summary>In the global namespace.</summary>
            /// <summary>Subject.</summary>
            public static partial class Checksums
            {
                /// <summary>Adler-32.</summary>
                public static uint Adler32(System.ReadOnlySpan<byte> data) => (uint)data.Length;
            }
            """;
        Compile.AssertClean(Compile.Library(Compile.CSharp8, source, PerformanceInterfaceGenerator.Emitter.Emit(file, "1.0", explain: true)));
    }

    [Fact]
    public void Search_agrees_with_ModelEvaluator()
    {
        InterfaceModel model = Search();
        using LoadedAssembly assembly = LoadedAssembly.Load(Compile.Library(Compile.Latest, FinderSource, PerformanceInterfaceGenerator.Emitter.Emit(FinderFile(), "1.0", explain: true)));
        MethodInfo latencyOf = assembly.Method("Demo.Finder", "LatencyOf_IndexOf", 6);
        var random = new Random(1234);
        foreach (HardwareProfile hw in Profiles())
        {
            for (int i = 0; i < 300; i++)
            {
                byte[] data = new byte[random.Next(0, 3) == 0 ? 0 : random.Next(1, 200)];
                int n = random.Next(-2, 40);
                bool ignoreCase = random.Next(2) == 1;
                double probes = random.Next(0, 10);
                double? matchIndex = random.Next(2) == 0 ? null : random.Next(0, data.Length + 1);
                var values = new Dictionary<string, double>
                {
                    ["data.Length"] = data.Length,
                    ["n"] = n,
                    ["ignoreCase"] = ignoreCase ? 1 : 0,
                    ["probes"] = probes,
                };
                if (matchIndex is { } m)
                {
                    values["matchIndex"] = m;
                }

                double expected = ModelEvaluator.Evaluate(model, values, hw).Nanoseconds;
                double actual = LoadedAssembly.Invoke(latencyOf, null, data, n, ignoreCase, hw, probes, matchIndex);
                AssertSame(expected, actual, $"n={n}, data.Length={data.Length}, ignoreCase={ignoreCase}, probes={probes}, matchIndex={matchIndex}");
            }
        }
    }

    [Fact]
    public void Every_expression_kind_agrees_with_ModelEvaluator()
    {
        InterfaceModel model = Arithmetic();
        using LoadedAssembly assembly = LoadedAssembly.Load(Compile.Library(Compile.Latest, ShapesSource, PerformanceInterfaceGenerator.Emitter.Emit(ShapesFile(), "1.0", explain: true)));
        MethodInfo latencyOf = assembly.Method("Demo.Shapes", "LatencyOf_Work", 3);
        var random = new Random(99);
        for (int i = 0; i < 500; i++)
        {
            int n = random.Next(-5, 5000);
            byte[] data = new byte[random.Next(0, 4) == 0 ? 0 : random.Next(0, 5000)];
            var values = new Dictionary<string, double> { ["n"] = n, ["data.Length"] = data.Length };
            double expected = ModelEvaluator.Evaluate(model, values, HardwareProfile.Reference).Nanoseconds;
            AssertSame(expected, LoadedAssembly.Invoke(latencyOf, null, n, data, HardwareProfile.Reference), $"n={n}, data.Length={data.Length}");
        }
    }

    [Fact]
    public void A_null_profile_is_rejected()
    {
        using LoadedAssembly assembly = LoadedAssembly.Load(Compile.Library(Compile.Latest, ShapesSource, PerformanceInterfaceGenerator.Emitter.Emit(ShapesFile(), "1.0", explain: true)));
        MethodInfo latencyOf = assembly.Method("Demo.Shapes", "LatencyOf_Work", 3);
        ArgumentNullException e = Assert.Throws<ArgumentNullException>(() => LoadedAssembly.Invoke(latencyOf, null, 3, new byte[2], null));
        Assert.Equal("hw", e.ParamName);
    }

    [Fact]
    public void Each_term_is_described_once_in_the_block_table_and_priced_from_it()
    {
        string text = PerformanceInterfaceGenerator.Emitter.Emit(ChecksumFile(), "1.0", explain: false);
        Assert.Contains("// loop over data.Length (for loop at lines 14-18)\n", text, StringComparison.Ordinal);
        Assert.Contains(
            "internal static readonly global::Pix.BlockCounts Adler32_loopOverDataLength = global::Pix.BlockCounts.Of(integerAlu: 3, load: 1, boundsCheck: 1, branch: 1).WithChain(integerAlu: 2);\n",
            text,
            StringComparison.Ordinal);
        Assert.Contains("+ (double)data.Length * hw.Price(__PixBlocks.Adler32_loopOverDataLength)", text, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(text, "loop over data.Length (for loop at lines 14-18)"));
    }

    [Fact]
    public void Block_counts_are_summed_per_class_and_written_in_class_order()
    {
        var block = new BlockSummary(
            new[] { new OperationCount(OperationClass.Branch, 1), new OperationCount(OperationClass.IntegerAlu, 2), new OperationCount(OperationClass.Branch, 0.5) }.ToEquatableArray(),
            new[] { new OperationCount(OperationClass.Load, 1) }.ToEquatableArray(),
            new[] { new OpaqueCall("Parse", 1), new OpaqueCall("Format", 2) }.ToEquatableArray());
        Assert.Equal(
            "global::Pix.BlockCounts.Of(integerAlu: 2, branch: 1.5).WithChain(load: 1).WithOpaque(\"Parse\").WithOpaque(\"Format\", 2)",
            PerformanceInterfaceGenerator.BlockTable.Counts(block));
    }

    private static int Occurrences(string text, string part)
    {
        int count = 0;
        for (int at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public void Summary_gives_the_formula_on_the_reference_profile()
    {
        // entry: the ALU port, 4·0.10 = 0.40 ns (issue: 4 ALU + 1 branch fused = 4 slots·0.0825 = 0.33 ns);
        // per byte: the chain, 2·0.33 = 0.66 ns (issue: 1 load + 3 ALU + 1 bounds check + 1 branch fused = 5 slots, 0.41 ns).
        Assert.Equal("≈ 0.40 ns + 0.66 ns × data.Length", PerformanceInterfaceGenerator.Describer.Formula(Checksum().Pieces[0]));
    }

    internal static IEnumerable<HardwareProfile> Profiles()
    {
        yield return HardwareProfile.Reference;
        yield return new HardwareProfile(
            "test",
            HardwareProfile.Reference.Machine,
            System.Linq.Enumerable.ToDictionary(HardwareProfile.AllClasses, c => c, c => new OperationCost(1 + (int)c * 0.37, 0.5 + (int)c * 0.11)),
            new Dictionary<string, double> { ["Demo.Table.Probe"] = 42.5 },
            defaultOpaqueCallNs: 7);
    }

    /// <summary>The generated code computes exactly what the model evaluator computes: same operations, same order, same bits.</summary>
    internal static void AssertSame(double expected, double actual, string inputs) =>
        Assert.True(expected == actual || (double.IsNaN(expected) && double.IsNaN(actual)), $"expected {expected:R} ns, generated code gave {actual:R} ns for {inputs}");

    /// <summary>For differences of generated results (two calls subtracted), which round once more than either call.</summary>
    internal static void AssertClose(double expected, double actual, string inputs)
    {
        double tolerance = 1e-9 * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected:R} ns, generated code gave {actual:R} ns for {inputs}");
    }

    private static void VerifyEmitted(string test, GeneratedFileSpec file) =>
        GoldenFiles.Verify(test, new Dictionary<string, string>
        {
            [file.Type.HintName] = PerformanceInterfaceGenerator.Emitter.Emit(file, PerformanceInterfaceGenerator.GeneratorVersion, explain: true),
        });
}
