using System.Threading.Tasks;
using Pix.Extraction;
using Verifier = Pix.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Pix.Analyzers.Regression.RegressionAnalyzer>;

namespace Pix.Analyzers.Tests.Regression;

/// <summary>
/// A baseline written at one resolution, checked by a project at another (the project's <c>PixResolution</c>
/// changed after the file was written, or <c>pix baseline update -p PixResolution=0</c>).
/// </summary>
public sealed class ResolutionMismatchTests
{
    private const string Step = """
        using Pix;

        public static partial class Checks
        {
            [PerformanceInterface]
            public static int {|#0:Step|}(int[] data, bool wide)
            {
                int s = 0;
                if (wide)
                {
                    for (int i = 0; i < data.Length; i++) s += data[i] / 7;
                    return s;
                }

                for (int i = 0; i < data.Length; i++) s += data[i];
                return s;
            }
        }
        """;

    private static string Plain(string source) => source.Replace("{|#0:Step|}", "Step");

    /// <summary>The baseline <c>pix baseline update</c> writes for <paramref name="source"/> at <paramref name="resolution"/>.</summary>
    private static string BaselineAt(string source, double resolution) =>
        RegressionAnalyzerTests.BaselineOf(Plain(source), ExtractionOptions.Default with { DefaultResolution = resolution });

    private static Task Verify(string source, string baseline, string projectResolution, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
    {
        var test = new Verifier.Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        test.TestState.AdditionalFiles.Add(("pix.baseline.json", baseline));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\nbuild_property.PixResolution = " + projectResolution + "\n"));
        return test.RunAsync();
    }

    [Theory]
    [InlineData(0.0, "0.95")]
    [InlineData(0.95, "0")]
    [InlineData(0.05, "0.95")]
    [InlineData(0.95, "0.05")]
    public Task Unchanged_code_is_silent_whatever_resolution_the_baseline_was_written_at(double written, string project) =>
        Verify(Plain(Step), BaselineAt(Step, written), project);

    /// <summary>
    /// The narrow path made dearer, still cheaper than the wide one: at 0.95 both paths are one piece (the wide
    /// one's terms), so a baseline written at 0.95 cannot see it (what resolution 0.95 means); one written at 0
    /// does, and is compared at 0.
    /// </summary>
    [Fact]
    public Task A_change_the_baselines_resolution_sees_is_reported_at_that_resolution() =>
        Verify(Step.Replace("s += data[i];", "s += data[i] + (data[i] >> 3);"), BaselineAt(Step, 0), "0.95",
            Verifier.Diagnostic("PIX0200").WithLocation(0).WithArguments("Checks.Step(int[], bool)", "10%", "data.Length = 1, wide = 0: 0.67 ns → 0.84 ns (+25%) on the reference profile", ""));
}
