using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pix.ConstantTime;
using Pix.Testing;

namespace Pix.Analyzers.Benchmarks;

/// <summary>
/// Time to check every sample of one corpus file with a fresh <see cref="ConstantTimeEngine"/> (so
/// callee summaries are recomputed, as in a first build). Includes binding each method body to
/// IOperation, which an analyzer pays too. Divide by <see cref="Samples"/> for the cost per method.
/// </summary>
[MemoryDiagnoser]
public class ConstantTimeBenchmarks
{
    private Compilation _compilation = null!;
    private IMethodSymbol[] _methods = null!;

    [Params("ConstantTimeMethods.cs.txt", "VariableTimeMethods.cs.txt")]
    public string Corpus { get; set; } = string.Empty;

    /// <summary>How many methods one invocation checks.</summary>
    public int Samples => _methods.Length;

    [GlobalSetup]
    public void Setup()
    {
        string markup = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "Pix.Analyzers.Tests", "ConstantTime", "Corpus", Corpus));
        string source = Regex.Replace(markup, @"\{\|[A-Z0-9#]+:|\|\}", string.Empty);
        _compilation = TestCompilation.CreateNamed("Corpus", source);
        SyntaxTree tree = _compilation.SyntaxTrees.Single();
        SemanticModel model = _compilation.GetSemanticModel(tree);
        ConstantTimeSymbols symbols = ConstantTimeSymbols.Create(_compilation)!;
        _methods = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>()
            .Select(m => (IMethodSymbol)model.GetDeclaredSymbol(m)!)
            .Where(m => SecretPolicy.IsChecked(m, symbols))
            .ToArray();
        Console.WriteLine($"// {Corpus}: {_methods.Length} checked methods");
    }

    [Benchmark]
    public int CheckEveryMethod()
    {
        var engine = new ConstantTimeEngine(_compilation, ConstantTimeSymbols.Create(_compilation)!);
        int findings = 0;
        foreach (IMethodSymbol method in _methods)
        {
            findings += engine.Check(method, CancellationToken.None)!.Findings.Length;
        }

        return findings;
    }

    /// <summary>
    /// The same with the balanced-arms exemption off (<c>report</c>): no arm costs are extracted and no
    /// solver is asked, so the difference to <see cref="CheckEveryMethod"/> is what the exemption costs.
    /// </summary>
    [Benchmark]
    public int CheckEveryMethodWithoutExemption()
    {
        var options = ConstantTimeOptions.Default with { ExemptBalancedBranches = false };
        var engine = new ConstantTimeEngine(_compilation, ConstantTimeSymbols.Create(_compilation)!, options);
        int findings = 0;
        foreach (IMethodSymbol method in _methods)
        {
            findings += engine.Check(method, CancellationToken.None)!.Findings.Length;
        }

        return findings;
    }

    /// <summary>The part of <see cref="CheckEveryMethod"/> that is Roslyn binding the bodies to IOperation.</summary>
    [Benchmark(Baseline = true)]
    public int BindEveryMethod()
    {
        int operations = 0;
        foreach (IMethodSymbol method in _methods)
        {
            SyntaxNode declaration = method.DeclaringSyntaxReferences[0].GetSyntax();
            operations += _compilation.GetSemanticModel(declaration.SyntaxTree).GetOperation(declaration) is null ? 0 : 1;
        }

        return operations;
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

        throw new InvalidOperationException("Run from inside the repository (no Pix.sln found above the binaries).");
    }
}
