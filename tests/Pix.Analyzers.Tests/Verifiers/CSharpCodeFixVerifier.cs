using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Pix.Analyzers.Tests.Verifiers;

/// <summary>Runs <typeparamref name="TAnalyzer"/> and applies <typeparamref name="TCodeFix"/> in the Pix test project.</summary>
internal static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static Task VerifyCodeFixAsync(string source, string fixedSource)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource };
        return test.RunAsync();
    }

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = PixTestState.NoPackages;
            PixTestState.Configure(TestState);
            PixTestState.Configure(FixedState);
            SolutionTransforms.Add(PixTestState.Apply);
        }
    }
}
