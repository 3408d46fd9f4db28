using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Testing;

namespace Pix.Generator.Tests.Infrastructure;

/// <summary>Strict compilations: the settings of a demanding user project.</summary>
internal static class Compile
{
    /// <summary>C# 8, nullable enabled, documentation diagnosed (as with GenerateDocumentationFile).</summary>
    public static CSharpParseOptions CSharp8 { get; } =
        new(LanguageVersion.CSharp8, DocumentationMode.Diagnose);

    /// <summary>Latest C#, documentation diagnosed.</summary>
    public static CSharpParseOptions Latest { get; } =
        new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    /// <summary>A library of <paramref name="sources"/> parsed with <paramref name="options"/>, nullable enabled, warnings as errors.</summary>
    public static CSharpCompilation Library(CSharpParseOptions options, params string[] sources) =>
        CSharpCompilation.Create(
            "StrictAssembly",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, options, path: $"Test{i}.cs")),
            TestCompilation.References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                generalDiagnosticOption: ReportDiagnostic.Error,
                allowUnsafe: true,
                deterministic: true)
                // What the SDK suppresses by default: reference-assembly version unification notes.
                .WithSpecificDiagnosticOptions(new System.Collections.Generic.Dictionary<string, ReportDiagnostic>
                {
                    ["CS1701"] = ReportDiagnostic.Suppress,
                    ["CS1702"] = ReportDiagnostic.Suppress,
                }));

    /// <summary>Fails with every warning or error located in a generated file (documentation included).</summary>
    public static void AssertGeneratedClean(Compilation compilation)
    {
        var problems = compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning
                && d.Location.SourceTree?.FilePath.EndsWith(Pix.Targets.MethodSupport.GeneratedFileSuffix, System.StringComparison.Ordinal) == true)
            .ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems.Select(p => p.ToString())));
    }

    /// <summary>Fails with every diagnostic of warning level or above (numbered source lines included).</summary>
    public static void AssertClean(Compilation compilation)
    {
        // CS1701/CS1702 (reference-assembly version unification) are suppressed by the SDK in real projects.
        var problems = compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1701" && d.Id != "CS1702")
            .ToArray();
        if (problems.Length > 0)
        {
            TestCompilation.AssertNoErrors(compilation);
            Assert.Fail(string.Join("\n", problems.Select(p => p.ToString())));
        }
    }
}
