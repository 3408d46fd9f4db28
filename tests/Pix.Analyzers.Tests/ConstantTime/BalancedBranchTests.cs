using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pix.Analyzers.ConstantTime;
using Pix.ConstantTime;
using Pix.Solver;
using Pix.Testing;

namespace Pix.Analyzers.Tests.ConstantTime;

/// <summary>
/// The balanced-arms exemption of PIX0100 (docs/constant-time.md): an if/else or ?: on a secret whose
/// arms cost the same in the interface model is not reported; anything short of a proof is.
/// </summary>
public sealed class BalancedBranchTests
{
    private const string Prelude = """
        using System;
        using System.Runtime.CompilerServices;
        using Pix;

        public static class C
        {
            private const MethodImplOptions P = MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization;
            private static readonly uint[] Table = new uint[256];

        """;

    [Fact]
    public async Task If_else_with_the_same_operations_is_not_reported()
    {
        Diagnostic[] found = await AnalyzeAsync("""
            [ConstantTime, MethodImpl(P)]
            public static uint Pick([Secret] uint bit, [Public] uint a, [Public] uint b)
            {
                uint r;
                if (bit == 1) { r = a * b; } else { r = b * a; }
                return r;
            }
            """);
        Assert.Empty(found);
    }

    [Fact]
    public async Task Arms_with_an_extra_multiply_are_reported_with_the_difference()
    {
        Diagnostic found = Assert.Single(await AnalyzeAsync("""
            [ConstantTime, MethodImpl(P)]
            public static uint Pick([Secret] uint bit, [Public] uint a, [Public] uint b)
            {
                uint r;
                if (bit == 1) { r = a * b * b; } else { r = b * a; }
                return r;
            }
            """));
        Assert.Equal("PIX0100", found.Id);
        Assert.EndsWith("; the true arm does 1 more IntegerMultiply", found.GetMessage());
    }

    [Fact]
    public async Task Arms_with_an_extra_array_load_are_reported()
    {
        Diagnostic found = Assert.Single(await AnalyzeAsync("""
            [ConstantTime, MethodImpl(P)]
            public static uint Pick([Secret] uint bit, [Public] uint a)
            {
                return bit == 1 ? Table[3] : a;
            }
            """));
        Assert.Equal("PIX0100", found.Id);
        Assert.Contains("the true arm does 1 more BoundsCheck; the true arm does 2 more Load", found.GetMessage());
    }

    [Fact]
    public async Task Loops_over_the_same_public_length_are_balanced_symbolically()
    {
        Diagnostic[] found = await AnalyzeAsync("""
            [ConstantTime, MethodImpl(P)]
            public static void Mask([Secret] int mode, Span<byte> buffer, [Public] ReadOnlySpan<byte> pad)
            {
                if (mode == 1) { for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)(buffer[i] ^ pad[i]); }
                else { for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)(buffer[i] & pad[i]); }
            }
            """);
        Assert.Empty(found);
    }

    [Fact]
    public async Task Loops_with_different_symbolic_trip_counts_are_reported()
    {
        Diagnostic found = Assert.Single(await AnalyzeAsync("""
            [ConstantTime, MethodImpl(P)]
            public static void Mask([Secret] int mode, Span<byte> buffer)
            {
                if (mode == 1) { for (int i = 0; i < buffer.Length; i++) buffer[i] = 0; }
                else { for (int i = 1; i < buffer.Length; i++) buffer[i] = 0; }
            }
            """));
        Assert.Equal("PIX0100", found.Id);
        Assert.Contains("buffer.Length", found.GetMessage());
    }

    private const string GuardedArms = """
        [ConstantTime, MethodImpl(P)]
        public static uint Mix([Secret] uint flag, [Public] int blocks, [Public] uint x)
        {
            uint y = x;
            if (flag != 0) { if (blocks > 0) y = y * 3; else y = y + 1; }
            else { if (blocks >= SECOND) y = y * 5; else y = y + 2; }
            return y;
        }
        """;

    [Fact]
    public async Task Guarded_arms_with_equal_costs_are_proved_balanced_by_z3()
    {
        Assert.True(Z3Library.TryLoad(out _, out string why), why);
        Assert.Empty(await AnalyzeAsync(GuardedArms.Replace("SECOND", "1")));
    }

    [Fact]
    public async Task Guarded_arms_that_differ_at_one_input_are_reported_with_that_input()
    {
        Diagnostic found = Assert.Single(await AnalyzeAsync(GuardedArms.Replace(">= SECOND", "> 1")));
        Assert.Equal("PIX0100", found.Id);
        Assert.Contains("the arms differ in IntegerMultiply when blocks = 1", found.GetMessage());
    }

    [Fact]
    public void Without_z3_the_fallback_cannot_prove_guarded_arms_equal_so_they_stay_reported()
    {
        Compilation compilation = Compile(GuardedArms.Replace("SECOND", "1"));
        var engine = new ConstantTimeEngine(compilation, ConstantTimeSymbols.Create(compilation)!, solver: new FallbackEngine(SolverOptions.Default));
        ConstantTimeReport report = engine.Check(Method(compilation, "Mix"), CancellationToken.None)!;

        ConstantTimeFinding finding = Assert.Single(report.Findings);
        Assert.Equal(ViolationKind.Branch, finding.Kind);
        Assert.StartsWith("equal cost of the arms could not be proved (fallback", finding.Detail);
    }

    [Fact]
    public async Task An_if_without_else_is_reported_even_when_its_arm_costs_nothing_in_the_model()
    {
        // A swap of two locals is register moves, which the model does not count.
        Diagnostic found = Assert.Single(await AnalyzeAsync("""
            [ConstantTime, MethodImpl(P)]
            public static uint Swap([Secret] uint bit, [Public] uint a, [Public] uint b)
            {
                if (bit == 1) { (a, b) = (b, a); }
                return a - b;
            }
            """));
        Assert.Equal("PIX0100", found.Id);
    }

    [Fact]
    public async Task Arms_that_leave_differently_are_reported()
    {
        Diagnostic found = Assert.Single(await AnalyzeAsync("""
            [ConstantTime, MethodImpl(P)]
            public static uint Early([Secret] uint bit, [Public] uint a, [Public] uint b)
            {
                uint r = 0;
                for (int i = 0; i < 8; i++)
                {
                    if (bit == 1) { r += a; continue; } else { r += b; }
                    r ^= a;
                }

                return r;
            }
            """));
        Assert.Equal("PIX0100", found.Id);
        Assert.Contains("the arms leave differently", found.GetMessage());
    }

    [Fact]
    public async Task Arms_calling_code_the_model_cannot_price_are_reported()
    {
        Diagnostic found = Assert.Single(await AnalyzeAsync("""
            [ConstantTime, MethodImpl(P)]
            public static void Log([Secret] uint bit)
            {
                if (bit == 1) { Console.Out.Flush(); } else { Console.Error.Flush(); }
            }
            """));
        Assert.Equal("PIX0100", found.Id);
        Assert.Contains("cannot be compared", found.GetMessage());
    }

    [Fact]
    public async Task A_variable_assigned_in_balanced_arms_stays_secret_after_them()
    {
        // The branch is exempt, but r holds a different value for each arm: indexing with it leaks.
        Diagnostic found = Assert.Single(await AnalyzeAsync("""
            [ConstantTime, MethodImpl(P)]
            public static uint Pick([Secret] uint bit, [Public] uint a, [Public] uint b)
            {
                uint r;
                if (bit == 1) { r = a & 0xff; } else { r = b & 0xff; }
                return Table[r];
            }
            """));
        Assert.Equal("PIX0102", found.Id);
    }

    [Fact]
    public async Task The_report_setting_reports_balanced_branches()
    {
        const string code = """
            [ConstantTime, MethodImpl(P)]
            public static uint Pick([Secret] uint bit, [Public] uint a, [Public] uint b) => bit == 1 ? a : b;
            """;
        Assert.Empty(await AnalyzeAsync(code, ("build_property.PixConstantTimeBalancedBranches", "exempt")));
        Assert.Equal("PIX0100", Assert.Single(await AnalyzeAsync(code, ("build_property.PixConstantTimeBalancedBranches", "report"))).Id);
        Assert.Equal("PIX0100", Assert.Single(await AnalyzeAsync(code, ("pix_constant_time_balanced_branches", "Report"))).Id);
    }

    [Fact]
    public async Task An_unrecognised_setting_is_PIX0107_and_falls_back_to_reporting()
    {
        Diagnostic[] found = await AnalyzeAsync("""
            [ConstantTime, MethodImpl(P)]
            public static uint Pick([Secret] uint bit, [Public] uint a, [Public] uint b) => bit == 1 ? a : b;
            """,
            ("pix_constant_time_balanced_branches", "sometimes"));
        Assert.Equal(new[] { "PIX0100", "PIX0107" }, found.Select(d => d.Id).OrderBy(id => id));
        Assert.Contains("'sometimes' of pix_constant_time_balanced_branches", found.Single(d => d.Id == "PIX0107").GetMessage());
    }

    [Fact]
    public async Task A_passing_method_whose_interface_reads_a_secret_is_PIX0106()
    {
        // The taint analysis does not carry a secret receiver into its instance method (a documented
        // limit), so the loop over the secret's N passes; the extractor substitutes the receiver and
        // turns the trip count into a PCV of the call on the secret: the two disagree.
        Diagnostic found = Assert.Single(await AnalyzeAsync("""
            [ConstantTime, PerformanceInterface, MethodImpl(P)]
            public static int Run([Secret] Counter c) => c.Spin();
            }

            public struct Counter
            {
                public int N;

                public int Spin()
                {
                    int x = 0;
                    for (int i = 0; i < N; i++) x += i;
                    return x;
                }
            """));
        Assert.Equal("PIX0106", found.Id);
        Assert.Contains("its performance interface reads the PCV 'Spin_N', which depends on secret 'c'", found.GetMessage());
    }

    [Fact]
    public async Task A_passing_method_whose_interface_is_independent_of_its_secrets_has_no_PIX0106()
    {
        Assert.Empty(await AnalyzeAsync("""
            [ConstantTime, PerformanceInterface, MethodImpl(P)]
            public static bool Check([Secret] byte[] mac, [Public] byte[] tag)
            {
                if (mac.Length != tag.Length) return false;
                int diff = 0;
                for (int i = 0; i < mac.Length; i++) diff |= mac[i] ^ tag[i];
                uint pick = diff == 0 ? 1u : 2u;
                return pick == 1u;
            }
            """));
    }

    private static Compilation Compile(string members)
    {
        Compilation compilation = TestCompilation.CreateNamed("Balanced", Prelude + members + "\n}\n");
        TestCompilation.AssertNoErrors(compilation);
        return compilation;
    }

    private static IMethodSymbol Method(Compilation compilation, string name) =>
        compilation.GetTypeByMetadataName("C")!.GetMembers(name).OfType<IMethodSymbol>().Single();

    private static async Task<Diagnostic[]> AnalyzeAsync(string members, params (string Key, string Value)[] globalOptions)
    {
        Compilation compilation = Compile(members);
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, GlobalAnalyzerConfig.FromKeys(globalOptions));
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ConstantTimeAnalyzer()), options)
            .GetAnalyzerDiagnosticsAsync();
        return diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToArray();
    }
}
