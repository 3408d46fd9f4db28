using System;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Pix.Testing;

/// <summary>
/// Builds test compilations from explicit references (the .NET 10 reference assemblies plus
/// Pix.Runtime), never from whatever happens to be loaded in the test process.
/// </summary>
public static class TestCompilation
{
    /// <summary>Parse options used by every test: the latest language version.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    /// <summary>The references of every test compilation.</summary>
    public static ImmutableArray<MetadataReference> References { get; } =
        Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(PerformanceInterfaceAttribute).Assembly.Location))
            .ToImmutableArray();

    /// <summary>A library compilation of <paramref name="sources"/> (file names Test0.cs, Test1.cs…).</summary>
    public static CSharpCompilation Create(params string[] sources) => CreateNamed("TestAssembly", sources);

    /// <summary>
    /// A library compilation named <paramref name="assemblyName"/>. A name of its own, not an overload
    /// of <see cref="Create(string[])"/>: <c>Create(source)</c> would bind to it and compile nothing.
    /// </summary>
    public static CSharpCompilation CreateNamed(string assemblyName, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Test{i}.cs")),
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                allowUnsafe: true,
                nullableContextOptions: NullableContextOptions.Enable,
                deterministic: true));

    /// <summary>Fails with the compiler's errors (numbered source lines included) if there are any.</summary>
    public static void AssertNoErrors(Compilation compilation)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length == 0)
        {
            return;
        }

        var message = new System.Text.StringBuilder();
        foreach (Diagnostic error in errors)
        {
            message.AppendLine(error.ToString());
        }

        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            message.AppendLine("---- " + tree.FilePath);
            string[] lines = tree.ToString().Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                message.Append((i + 1).ToString().PadLeft(4)).Append(": ").AppendLine(lines[i].TrimEnd('\r'));
            }
        }

        throw new Xunit.Sdk.XunitException(message.ToString());
    }
}
