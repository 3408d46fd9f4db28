using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Pix.Analyzers.Regression;
using Pix.Testing;
using Verifier = Pix.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Pix.Analyzers.Regression.RegressionAnalyzer>;

namespace Pix.Analyzers.Tests.Regression;

/// <summary>PIX0205–PIX0207 and PIX0301: latency budgets, with no baseline file in the project.</summary>
public sealed class BudgetTests
{
    /// <summary>A packet path: the encapsulated path hashes the payload (linear), the other does not.</summary>
    private static string Forward(string attributes) => $$"""
        using Pix;

        public static partial class Packets
        {
            {{attributes}}
            public static int {|#0:Forward|}(byte[] payload, bool encapsulated)
            {
                int h = 0;
                if (encapsulated)
                {
                    for (int i = 0; i < payload.Length; i++) h = h * 31 + payload[i];
                }

                return h;
            }
        }
        """;

    private static Task Verify(string source, params DiagnosticResult[] expected) => Verify(source, null, expected);

    private static Task Verify(string source, (string Name, string Text)? additionalFile, params DiagnosticResult[] expected)
    {
        var test = new Verifier.Test { TestCode = source };
        if (additionalFile is { } file)
        {
            test.TestState.AdditionalFiles.Add(file);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    [Fact]
    public Task A_class_over_budget_is_PIX0205_with_the_smallest_witness_and_its_latency() => Verify(
        Forward("""[PerformanceInterface(Budget = "50ns")] [InputBound("payload.Length", 1500)]"""),
        Verifier.Diagnostic("PIX0205").WithLocation(0).WithArguments(
            "Packets.Forward(byte[], bool)", "inputs where encapsulated == 1", "50.0 ns", "the reference profile",
            "encapsulated = 1, payload.Length = 38", "50.9 ns", ""));

    [Fact]
    public Task Within_budget_for_every_bounded_input_is_silent() => Verify(
        Forward("""[PerformanceInterface(Budget = "2us")] [InputBound("payload.Length", 1500)]"""));

    [Fact]
    public Task A_method_without_a_budget_is_not_checked() => Verify(Forward("[PerformanceInterface]"));

    [Fact]
    public Task A_malformed_budget_is_PIX0206_at_the_argument() => Verify(
        Forward("""[PerformanceInterface({|#1:Budget = "2 parsecs"|})]"""),
        Verifier.Diagnostic("PIX0206").WithLocation(1).WithArguments(
            "Budget \"2 parsecs\" is not a latency: write a positive number and a unit (ns, us, µs, ms, s), e.g. \"2us\" or \"1.5 ms\""));

    [Fact]
    public Task A_bound_on_no_input_is_PIX0206_at_the_bound() => Verify(
        Forward("""[PerformanceInterface(Budget = "2us")] [InputBound({|#1:"payload.Count"|}, 1500)]"""),
        Verifier.Diagnostic("PIX0206").WithLocation(1).WithArguments(
            "[InputBound(\"payload.Count\", …)]: 'payload.Count' is not an input of the interface of 'Packets.Forward(byte[], bool)' (they are payload.Length, encapsulated)"));

    [Fact]
    public Task A_negative_bound_is_PIX0206() => Verify(
        Forward("""[PerformanceInterface(Budget = "2us")] [InputBound("payload.Length", {|#1:-1|})]"""),
        Verifier.Diagnostic("PIX0206").WithLocation(1).WithArguments(
            "[InputBound(\"payload.Length\", -1)]: the maximum must not be negative"));

    [Fact]
    public Task An_unbounded_input_is_PIX0207_and_the_other_class_is_still_checked() => Verify(
        Forward("""[PerformanceInterface(Budget = "0.1ns")]"""),
        Verifier.Diagnostic("PIX0205").WithLocation(0).WithArguments(
            "Packets.Forward(byte[], bool)", "inputs no earlier guard selects", "0.10 ns", "the reference profile",
            "encapsulated = 0, payload.Length = 0", "0.17 ns", ""),
        Verifier.Diagnostic("PIX0207").WithLocation(0).WithArguments(
            "Packets.Forward(byte[], bool)", "payload.Length", "payload.Length", "the input classes that do not grow with it are still checked"));

    [Fact]
    public Task A_missing_profile_is_PIX0301_at_the_argument() => Verify(
        Forward("""[PerformanceInterface(Budget = "2us", {|#1:BudgetProfile = "prod"|})] [InputBound("payload.Length", 1500)]"""),
        Verifier.Diagnostic("PIX0301").WithLocation(1).WithArguments(
            "Packets.Forward(byte[], bool)",
            "the build has no prod.pixhw.json (no AdditionalFiles item of that name); create it with 'pix calibrate -o prod.pixhw.json' in the project folder, where the Pix package picks up every *.pixhw.json"));

    [Fact]
    public Task An_unreadable_profile_is_PIX0301_with_the_position_of_the_problem() => Verify(
        Forward("""[PerformanceInterface(Budget = "2us", {|#1:BudgetProfile = "prod"|})] [InputBound("payload.Length", 1500)]"""),
        ("prod.pixhw.json", "{ \"schema\": "),
        Verifier.Diagnostic("PIX0301").WithLocation(1).WithArguments(
            "Packets.Forward(byte[], bool)",
            "prod.pixhw.json: line 1, column 13: expected a value for property 'schema', found the end of the text; recreate it with 'pix calibrate -o prod.pixhw.json'"));

    [Fact]
    public Task A_named_profile_prices_the_budget() => Verify(
        Forward("""[PerformanceInterface(Budget = "50ns", BudgetProfile = "prod")] [InputBound("payload.Length", 1500)]"""),
        ("prod.pixhw.json", HardwareProfile.Reference.ToJson()),
        Verifier.Diagnostic("PIX0205").WithLocation(0).WithArguments(
            "Packets.Forward(byte[], bool)", "inputs where encapsulated == 1", "50.0 ns", "prod.pixhw.json",
            "encapsulated = 1, payload.Length = 38", "50.9 ns", ""));

    [Fact]
    public Task A_method_that_only_grows_without_a_bound_is_PIX0207_and_nothing_is_checked() => Verify("""
        using Pix;

        public static partial class Sums
        {
            [PerformanceInterface(Budget = "1us")]
            public static int {|#0:Sum|}(int[] data)
            {
                int s = 0;
                for (int i = 0; i < data.Length; i++) s += data[i];
                return s;
            }
        }
        """,
        Verifier.Diagnostic("PIX0207").WithLocation(0).WithArguments(
            "Sums.Sum(int[])", "data.Length", "data.Length", "no input class is checked until then"));

    [Fact]
    public Task A_profile_without_a_budget_is_PIX0206() => Verify(
        Forward("""[PerformanceInterface({|#1:BudgetProfile = "prod"|})]"""),
        Verifier.Diagnostic("PIX0206").WithLocation(1).WithArguments(
            "BudgetProfile = \"prod\" has no effect without a Budget: add Budget = \"…\" or remove it"));

    [Fact]
    public Task A_budget_question_Z3_cannot_settle_is_PIX0208_not_silence()
    {
        var test = new RegressionAnalyzerTest(_ => new SolverChoice(new UndecidedEngine(), null))
        {
            TestCode = Forward("""[PerformanceInterface(Budget = "50ns")] [InputBound("payload.Length", 1500)]"""),
        };
        foreach (string inputs in new[] { "inputs where encapsulated == 1", "inputs no earlier guard selects" })
        {
            test.ExpectedDiagnostics.Add(Verifier.Diagnostic("PIX0208").WithLocation(0).WithArguments(
                "Packets.Forward(byte[], bool)", $"can exceed the budget of 50.0 ns on the reference profile ({inputs})", UndecidedEngine.Reason));
        }

        return test.RunAsync();
    }
}
