using System;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Extraction;
using Pix.Model;
using Pix.Testing;
using Xunit.Abstractions;

namespace Pix.Extractor.Tests;

/// <summary>
/// Every method of the repository's samples (real code, compiled without the generator, so calls to
/// LatencyOf_X are errors) extracts without exception, deterministically, into a valid model.
/// </summary>
public sealed class SampleCorpusTests
{
    private readonly ITestOutputHelper _output;

    public SampleCorpusTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Every_sample_method_extracts_deterministically()
    {
        string root = RepositoryRoot();
        var trees = Directory.EnumerateFiles(Path.Combine(root, "samples"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), TestCompilation.ParseOptions, path: Path.GetRelativePath(root, p)))
            .ToArray();
        Assert.NotEmpty(trees);
        Compilation compilation = CSharpCompilation.Create(
            "Samples",
            trees,
            TestCompilation.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));

        int methods = 0;
        var times = new System.Collections.Generic.List<(double Ms, string Name)>();
        foreach (SyntaxTree tree in trees)
        {
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is not IMethodSymbol method)
                {
                    continue;
                }

                var watch = System.Diagnostics.Stopwatch.StartNew();
                InterfaceModel first = InterfaceExtractor.Extract(method, compilation, ExtractionOptions.Default, CancellationToken.None);
                times.Add((watch.Elapsed.TotalMilliseconds, first.MethodName));
                InterfaceModel second = InterfaceExtractor.Extract(method, compilation, ExtractionOptions.Default, CancellationToken.None);
                Assert.Equal(first, second);
                Assert.Equal(Guard.Always, first.Pieces.Last().When);
                methods++;
                if (method.GetAttributes().Any(a => a.AttributeClass?.Name == "PerformanceInterfaceAttribute"))
                {
                    _output.WriteLine(first.Dump());
                }
            }
        }

        _output.WriteLine($"{methods} methods extracted");
        foreach (var (ms, name) in times.OrderByDescending(t => t.Ms).Take(8))
        {
            _output.WriteLine($"{ms,8:F1} ms {name}");
        }
        Assert.True(methods > 50, methods.ToString());
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pix.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Pix.sln not found above " + AppContext.BaseDirectory);
    }
}
