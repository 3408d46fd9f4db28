using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pix;
using Pix.Extraction;
using Pix.Model;
using Pix.Solver;

/// <summary>A question and the kind it is reported under.</summary>
internal sealed record BenchQuestion(string Kind, string Method, SolverQuestion Question);

/// <summary>
/// The questions the samples' interfaces give rise to, extracted in-process from their sources:
/// <list type="bullet">
/// <item><b>regression</b>: samples/LoadBalancerRegression v2 against v1 (what its build asks, both
/// directions), and every other sample method against itself (the common CI case: nothing changed,
/// the answer is a proof);</item>
/// <item><b>constant-time</b>: for every sample method and each of its inputs, "does the latency
/// depend on this input alone?" (the question a constant-time witness needs; the samples declare no
/// [Secret], so every input takes a turn);</item>
/// <item><b>budget</b>: every method against a budget of 1.5 times its latency with all inputs at 16,
/// inputs bounded by 1024, one question per piece (what PIX0205 asks). Not the latency itself: at a
/// budget equal to a cost the model reaches, Z3's exact rationals and the evaluator's doubles can
/// disagree on "exceeds" (the evaluator, the reference, then rejects Z3's model).</item>
/// </list>
/// </summary>
internal static class SampleQuestions
{
    /// <summary>v1 and v2 of a sample share their files' text (they differ in preprocessor symbols): never reuse one's models for the other.</summary>
    private static readonly ExtractionOptions Options = ExtractionOptions.Default with { ReuseAcrossCompilations = false };

    public static List<BenchQuestion> Load(string repoRoot)
    {
        HardwareProfile hw = HardwareProfile.Reference;
        var questions = new List<BenchQuestion>();

        Dictionary<string, InterfaceModel> v1 = Extract(repoRoot, "samples/LoadBalancerRegression");
        Dictionary<string, InterfaceModel> v2 = Extract(repoRoot, "samples/LoadBalancerRegression", "PIX_LB_V2");
        foreach ((string id, InterfaceModel before) in v1)
        {
            var question = new RegressionQuestion(before, v2[id], 0.10, hw);
            questions.Add(new BenchQuestion("regression", before.MethodName, question));
            questions.Add(new BenchQuestion("regression", before.MethodName, question.Reversed()));
        }

        var others = Extract(repoRoot, "samples/NetworkFunctions").Values
            .Concat(Extract(repoRoot, "samples/Quickstart").Values)
            .Concat(v1.Values)
            .ToList();
        foreach (InterfaceModel model in others)
        {
            if (!v1.ContainsKey(model.MethodId))
            {
                questions.Add(new BenchQuestion("regression", model.MethodName, new RegressionQuestion(model, model, 0.10, hw)));
            }

            foreach (Quantity input in model.Quantities.Where(q => !q.IsPcv))
            {
                questions.Add(new BenchQuestion("constant-time", model.MethodName,
                    new ConstantTimeQuestion(model, EquatableArray.Create(input.Name), hw)));
            }

            var at16 = QuantityDomain.Merge(new[] { model }).ToDictionary(q => q.Name, q => q.Kind == QuantityKind.Flag ? 1.0 : 16.0);
            var bounds = at16.Keys.ToDictionary(name => name, _ => 1024.0);
            double budget = 1.5 * ModelEvaluator.Evaluate(model, at16, hw).Nanoseconds;
            for (int piece = 0; piece < model.Pieces.Count; piece++)
            {
                questions.Add(new BenchQuestion("budget", model.MethodName,
                    new BudgetQuestion(model, budget, hw) { PieceIndex = piece, InputBounds = bounds }));
            }
        }

        return questions;
    }

    private static Dictionary<string, InterfaceModel> Extract(string repoRoot, string folder, params string[] symbols)
    {
        CSharpParseOptions parse = new CSharpParseOptions(LanguageVersion.Latest).WithPreprocessorSymbols(symbols);
        string root = Path.Combine(repoRoot, folder);
        SyntaxTree[] trees = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)
                && !p.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => CSharpSyntaxTree.ParseText(File.ReadAllText(p), parse, p))
            .ToArray();
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(Latency).Assembly.Location));
        // The samples call their generated LatencyOf_X methods, which do not exist here (no generator):
        // those errors do not touch the annotated methods the extractor reads.
        var compilation = CSharpCompilation.Create("Sample", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));

        var models = new Dictionary<string, InterfaceModel>(StringComparer.Ordinal);
        foreach (SyntaxTree tree in trees)
        {
            SemanticModel semantic = compilation.GetSemanticModel(tree);
            foreach (MethodDeclarationSyntax declaration in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (semantic.GetDeclaredSymbol(declaration) is IMethodSymbol method
                    && method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "Pix.PerformanceInterfaceAttribute"))
                {
                    InterfaceModel model = InterfaceExtractor.Extract(method, compilation, Options, CancellationToken.None);
                    if (!model.IsInternalError)
                    {
                        models[model.MethodId] = model;
                    }
                }
            }
        }

        return models;
    }
}
