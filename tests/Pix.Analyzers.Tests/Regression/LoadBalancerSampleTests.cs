using System.IO;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Pix.Analyzers.Regression;

namespace Pix.Analyzers.Tests.Regression;

/// <summary>
/// The story samples/LoadBalancerRegression tells (docs/regression.md), on the sample's own files and committed baseline:
/// v1 builds without a diagnostic; v2 (PIX_LB_V2) is slower than the baseline in both methods (PIX0200), quadratic in
/// the pool (PIX0201), and over both latency budgets (PIX0205). The budgets sit between v1's and v2's predictions, so a
/// change of the counting can move a prediction past one: then this fails, not the docs silently (the fifteenth session
/// found v2 within Forward's old 85 ns budget).
/// </summary>
public sealed class LoadBalancerSampleTests
{
    private static string SampleFile(string name) => File.ReadAllText(RepositoryPaths.Combine("samples", "LoadBalancerRegression", name));

    private static RegressionAnalyzerTest Build(bool v2)
    {
        var test = new RegressionAnalyzerTest(SolverChoice.Default);
        test.TestState.Sources.Add(("BackendPool.cs", SampleFile("BackendPool.cs")));
        test.TestState.Sources.Add(("PacketPath.cs", SampleFile("PacketPath.cs")));
        test.TestState.AdditionalFiles.Add(("pix.baseline.json", SampleFile("pix.baseline.json")));
        if (v2)
        {
            test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectParseOptions(
                projectId, ((CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!).WithPreprocessorSymbols("PIX_LB_V2")));
        }

        return test;
    }

    private static DiagnosticResult At(string id, string file, int line, int column) =>
        new DiagnosticResult(id, DiagnosticSeverity.Warning).WithLocation(file, line, column);

    [Fact]
    public Task Version_1_matches_its_committed_baseline_and_budgets() => Build(v2: false).RunAsync();

    [Fact]
    public Task Version_2_regresses_in_both_methods_and_breaks_both_budgets()
    {
        RegressionAnalyzerTest test = Build(v2: true);
        test.ExpectedDiagnostics.Add(At("PIX0200", "BackendPool.cs", 14, 23));
        test.ExpectedDiagnostics.Add(At("PIX0201", "BackendPool.cs", 14, 23));
        test.ExpectedDiagnostics.Add(At("PIX0205", "BackendPool.cs", 14, 23));
        test.ExpectedDiagnostics.Add(At("PIX0200", "PacketPath.cs", 37, 23));
        test.ExpectedDiagnostics.Add(At("PIX0205", "PacketPath.cs", 37, 23));
        return test.RunAsync();
    }
}
