using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Pix.Testing;

namespace Pix.Analyzers.Tests.Verifiers;

/// <summary>
/// The project every analyzer and code-fix test compiles: .NET 10 reference assemblies from
/// Basic.Reference.Assemblies plus Pix.Runtime (<see cref="TestCompilation.References"/>), latest C#,
/// unsafe allowed. Nothing is downloaded: the framework's own reference-pack resolution is given an
/// empty package list.
/// </summary>
internal static class PixTestState
{
    /// <summary>A target framework with no packages to resolve; the references come from <see cref="Configure"/>.</summary>
    public static ReferenceAssemblies NoPackages { get; } = new("net10.0");

    /// <summary>Applies the Pix project settings to <paramref name="state"/>.</summary>
    public static void Configure(SolutionState state) => state.AdditionalReferences.AddRange(TestCompilation.References);

    /// <summary>Latest C#, unsafe code allowed, nullable on (as in <see cref="TestCompilation"/>).</summary>
    public static Solution Apply(Solution solution, ProjectId projectId)
    {
        Project project = solution.GetProject(projectId)!;
        var options = (CSharpCompilationOptions)project.CompilationOptions!;
        return solution
            .WithProjectCompilationOptions(projectId, options.WithAllowUnsafe(true).WithNullableContextOptions(NullableContextOptions.Enable))
            .WithProjectParseOptions(projectId, TestCompilation.ParseOptions);
    }
}
