using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Pix.ConstantTime;
using Pix.Extraction;
using Pix.Model;
using Pix.Testing;
using ConstantTimeVerify = Pix.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Pix.Analyzers.ConstantTime.ConstantTimeAnalyzer>;
using Verify = Pix.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Pix.Analyzers.Extraction.InterfaceGapAnalyzer>;

namespace Pix.Analyzers.Tests.Extraction;

/// <summary><c>PixHint.Pcv</c> on a branch arm: a misplaced hint is reported, and a hint never hides a secret branch.</summary>
public sealed class ArmHintTests
{
    [Fact]
    public Task A_Pcv_hint_that_is_not_the_first_statement_of_an_arm_is_a_PIX0002_warning() => Verify.VerifyAsync(
        """
        using Pix;
        public static partial class Packets
        {
            [PerformanceInterface]
            public static int Patch(byte[] packet)
            {
                int sum = packet[0];
                {|#0:PixHint.Pcv("patched")|};
                return sum * 7;
            }
        }
        """,
        Verify.Diagnostic("PIX0002").WithLocation(0).WithSeverity(DiagnosticSeverity.Warning).WithArguments(
            "Packets.Patch(byte[])",
            "PixHint.Pcv (line 8)",
            "PixHint.Pcv is read only as the first statement of a loop body (the loop's trip count) or of an if's then- or else-block (that arm's runs); here it was ignored",
            "The interface is extracted as if the hint were not there"));

    [Fact]
    public Task A_hinted_arm_on_data_has_no_diagnostic() => Verify.VerifyAsync("""
        using Pix;
        public static partial class Packets
        {
            [PerformanceInterface]
            public static int Patch(byte[] packet, int[] table)
            {
                int sum = packet[0];
                if (packet[6] != 0)
                {
                    PixHint.Pcv("patched", "packets with a checksum to patch");
                    table[1] = packet[2] * 5;
                }

                return sum;
            }
        }
        """);

    private const string SecretBranch = """
        using System.Runtime.CompilerServices;
        using Pix;
        public static class C
        {
            [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
            public static int Pick(int[] table, [Secret] int key)
            {
                int r = table[0];
                int mixed = (key ^ r) & 1; // data (a table entry) mixed with the secret: no input decides the branch
                if ({|PIX0100:mixed != 0|})
                {
                    PixHint.Pcv("keyed", "the key is not zero");
                    r = r * 7 + table[1] * 5;
                }

                return r;
            }
        }
        """;

    [Fact]
    public Task A_hint_on_a_secret_branch_still_reports_PIX0100() => ConstantTimeVerify.VerifyAsync(SecretBranch);

    [Fact]
    public void The_interface_of_a_hinted_secret_branch_still_depends_on_the_secret()
    {
        string source = SecretBranch.Replace("{|PIX0100:mixed != 0|}", "mixed != 0");
        Compilation compilation = TestCompilation.CreateNamed("Hinted", source);
        TestCompilation.AssertNoErrors(compilation);
        IMethodSymbol method = compilation.GetTypeByMetadataName("C")!.GetMembers("Pick").OfType<IMethodSymbol>().Single();
        ConstantTimeSymbols symbols = ConstantTimeSymbols.Create(compilation)!;
        ConstantTimeReport verdict = new ConstantTimeEngine(compilation, symbols).Check(method, CancellationToken.None)!;
        InterfaceModel model = InterfaceExtractor.Extract(method, compilation, ExtractionOptions.Default with { DefaultResolution = 0 }, CancellationToken.None);
        Assert.Equal("keyed", Assert.Single(model.Pcvs).Name);

        var solver = Pix.Solver.SolverEngine.CreateDefault(Pix.Solver.SolverOptions.Default);
        ImmutableArray<SecretQuantity> dependencies = InterfaceAgreement.SecretDependencies(model, method, verdict, compilation, symbols, solver, CancellationToken.None);

        Assert.True(dependencies.Length == 1, $"{string.Join("; ", dependencies)} / {model.Pcvs[0].Origin} / {model.Pcvs[0].Origin!.FilePath}");
        SecretQuantity dependency = dependencies[0];
        Assert.Equal(("keyed", "mixed", "PCV"), (dependency.Quantity, dependency.Secret, dependency.Kind));
    }
}
