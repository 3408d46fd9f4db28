using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pix.Samples.Tests.Conciseness;

/// <summary>Runs Pix's source generator over a compilation, in process, and finds the generated <c>LatencyOf_X</c> methods.</summary>
public sealed class GeneratedInterfaces
{
    private readonly Dictionary<string, MethodDeclarationSyntax> _methods;

    private GeneratedInterfaces(Compilation output, Dictionary<string, MethodDeclarationSyntax> methods, IReadOnlyList<Diagnostic> diagnostics)
    {
        Output = output;
        _methods = methods;
        Diagnostics = diagnostics;
    }

    /// <summary>The compilation with the generated sources added.</summary>
    public Compilation Output { get; }

    /// <summary>Diagnostics of the output compilation that are errors (the generated code must compile).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>
    /// The size of the interface of <c>Type.Method</c>: its <c>LatencyOf_Method</c> plus the entries of the
    /// file's block table (<c>__PixBlocks</c>, the counts each term prices) that the method reads.
    /// </summary>
    public CodeSize SizeOf(MethodDeclarationSyntax method)
    {
        CodeSize size = CodeSize.Of(method);
        foreach (FieldDeclarationSyntax field in BlocksReadBy(method))
        {
            size += CodeSize.Of(field);
        }

        return size;
    }

    /// <summary>The entries of the file's block table (<c>__PixBlocks</c>) that <paramref name="method"/> prices, in table order.</summary>
    public static IReadOnlyList<FieldDeclarationSyntax> BlocksReadBy(MethodDeclarationSyntax method)
    {
        var read = new HashSet<string>(
            method.DescendantNodes().OfType<MemberAccessExpressionSyntax>()
                .Where(access => access.Expression is IdentifierNameSyntax { Identifier.Text: BlockTable })
                .Select(access => access.Name.Identifier.Text),
            StringComparer.Ordinal);
        return method.Parent!.ChildNodes().OfType<ClassDeclarationSyntax>()
            .Where(c => c.Identifier.Text == BlockTable)
            .SelectMany(c => c.Members.OfType<FieldDeclarationSyntax>())
            .Where(f => f.Declaration.Variables.Any(v => read.Contains(v.Identifier.Text)))
            .ToArray();
    }

    /// <summary>The nested class of a generated file that holds its blocks' counts.</summary>
    public const string BlockTable = "__PixBlocks";

    /// <summary>The generated method for <c>Type.Method</c> (<c>Type.LatencyOf_Method</c>), or null.</summary>
    public MethodDeclarationSyntax? For(string entryPoint)
    {
        int dot = entryPoint.LastIndexOf('.');
        string key = entryPoint.Substring(0, dot) + ".LatencyOf_" + entryPoint.Substring(dot + 1);
        return _methods.TryGetValue(key, out MethodDeclarationSyntax? method) ? method : null;
    }

    public static GeneratedInterfaces Run(CSharpCompilation compilation)
    {
        // Found by reflection so that this file does not depend on the generator's internals.
        Type generatorType = System.Reflection.Assembly.Load("Pix.Generator").GetTypes()
            .SingleOrDefault(t => typeof(IIncrementalGenerator).IsAssignableFrom(t) && !t.IsAbstract)
            ?? throw new InvalidOperationException("Pix.Generator contains no IIncrementalGenerator (is its pipeline compiled?).");
        var generator = (IIncrementalGenerator)Activator.CreateInstance(generatorType)!;
        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { generator.AsSourceGenerator() }, parseOptions: (CSharpParseOptions)compilation.SyntaxTrees.First().Options);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);

        var methods = new Dictionary<string, MethodDeclarationSyntax>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in output.SyntaxTrees.Except(compilation.SyntaxTrees))
        {
            foreach (MethodDeclarationSyntax method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (method.Identifier.Text.StartsWith("LatencyOf_", StringComparison.Ordinal) && method.Parent is TypeDeclarationSyntax type)
                {
                    methods[type.Identifier.Text + "." + method.Identifier.Text] = method;
                }
            }
        }

        Diagnostic[] errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        return new GeneratedInterfaces(output, methods, errors);
    }
}
