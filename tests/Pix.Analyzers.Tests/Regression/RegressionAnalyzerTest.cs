using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Pix.Analyzers.Regression;
using Pix.Analyzers.Tests.Verifiers;
using Pix.Solver;

namespace Pix.Analyzers.Tests.Regression;

/// <summary>
/// A markup test of the regression analyzer with the solver a test chooses (the analyzer's seam): the fallback alone, as
/// where libz3 does not load, or an engine that cannot decide, as Z3 when its timeout runs out.
/// </summary>
internal sealed class RegressionAnalyzerTest : CSharpAnalyzerTest<RegressionAnalyzer, DefaultVerifier>
{
    private readonly Func<SolverOptions, SolverChoice> _chooseSolver;

    public RegressionAnalyzerTest(Func<SolverOptions, SolverChoice> chooseSolver)
    {
        _chooseSolver = chooseSolver;
        ReferenceAssemblies = PixTestState.NoPackages;
        PixTestState.Configure(TestState);
        SolutionTransforms.Add(PixTestState.Apply);
    }

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => new DiagnosticAnalyzer[] { new RegressionAnalyzer(_chooseSolver) };
}
