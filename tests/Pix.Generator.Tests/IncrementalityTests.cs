using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Generator.Tests.Infrastructure;

namespace Pix.Generator.Tests;

/// <summary>
/// The pipeline caches what did not change (after NetEscapades.EnumGenerators' and System.Text.Json's
/// incrementality tests): a second run of the same, cloned or unrelatedly edited compilation does no new
/// work downstream of the transform, and editing one method's body touches that method only.
/// </summary>
[Collection(ProcessWideCacheCollection.Name)]
public sealed class IncrementalityTests
{
    private const string First = """
        using Pix;

        namespace Demo
        {
            public static partial class First
            {
                [PerformanceInterface]
                public static int Sum(int[] values)
                {
                    int sum = 0;
                    for (int i = 0; i < values.Length; i++) sum += values[i];
                    return sum;
                }
            }
        }
        """;

    private const string Second = """
        using Pix;

        namespace Demo
        {
            public static partial class Second
            {
                [PerformanceInterface]
                public static int Count(int[] values, int limit)
                {
                    int count = 0;
                    for (int i = 0; i < limit; i++) count++;
                    return count + values.Length;
                }
            }
        }
        """;

    private static readonly string[] TrackedSteps =
    {
        TrackingNames.Transform, TrackingNames.ExtractionSetting, TrackingNames.Extracted, TrackingNames.Supported, TrackingNames.ProjectResolution, TrackingNames.Resolved, TrackingNames.Files,
        TrackingNames.AnnotateAllSetting, TrackingNames.AnnotateAllTransform, TrackingNames.AnnotateAllResolved,
    };

    [Fact]
    public void Running_the_same_compilation_again_is_fully_cached()
    {
        CSharpCompilation compilation = Create();
        GeneratorDriver driver = RunTwice(compilation, compilation, out GeneratorRunResult second);
        AssertOutputs(second, TrackingNames.Transform, IncrementalStepRunReason.Cached);
        AssertOutputs(second, TrackingNames.Files, IncrementalStepRunReason.Cached);
        Assert.All(second.GeneratedSources, s => Assert.NotNull(s.SourceText));
        _ = driver;
    }

    [Fact]
    public void A_cloned_compilation_produces_equal_models()
    {
        CSharpCompilation compilation = Create();
        RunTwice(compilation, compilation.Clone(), out GeneratorRunResult second);
        AssertOutputs(second, TrackingNames.Transform, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertOutputs(second, TrackingNames.Files, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void An_unrelated_edit_re_emits_nothing()
    {
        CSharpCompilation compilation = Create();
        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other { class Unrelated { int X() => 1; } }", Pix.Testing.TestCompilation.ParseOptions, path: "Unrelated.cs"));
        RunTwice(compilation, edited, out GeneratorRunResult second);
        AssertOutputs(second, TrackingNames.Transform, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertOutputs(second, TrackingNames.Files, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void An_equivalent_edit_produces_equal_models()
    {
        CSharpCompilation compilation = Create();
        SyntaxTree first = compilation.SyntaxTrees.Single(t => t.FilePath == "First.cs");

        // A comment after the code: the tree changes, nothing the interface depends on does (no position moves).
        SyntaxTree edited = first.WithChangedText(first.GetText().WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(first.Length, 0), "\n// reviewed\n")));
        RunTwice(compilation, compilation.ReplaceSyntaxTree(first, edited), out GeneratorRunResult second);
        AssertOutputs(second, TrackingNames.Transform, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertOutputs(second, TrackingNames.Files, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Editing_one_method_body_modifies_only_that_method()
    {
        CSharpCompilation compilation = Create();
        SyntaxTree first = compilation.SyntaxTrees.Single(t => t.FilePath == "First.cs");

        // Same length, so no position in the file moves: only what the method does changes (one more multiply per element).
        SyntaxTree edited = first.WithChangedText(first.GetText().Replace(first.ToString().IndexOf("sum += values[i]", StringComparison.Ordinal), "sum += values[i]".Length, "sum *= values[i]"));
        RunTwice(compilation, compilation.ReplaceSyntaxTree(first, edited), out GeneratorRunResult second);

        // The attributes read the same (the transform's targets are equal); the extraction that follows them is not.
        AssertOutputs(second, TrackingNames.Transform, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        var extracted = second.TrackedSteps[TrackingNames.Extracted].SelectMany(s => s.Outputs).ToArray();
        Assert.Equal(2, extracted.Length);
        Assert.Single(extracted, o => o.Reason == IncrementalStepRunReason.Modified && ((Model.LatencyMethodSpec)o.Value).MethodName == "Sum");
        Assert.Single(extracted, o => o.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached && ((Model.LatencyMethodSpec)o.Value).MethodName == "Count");

        var files = second.TrackedSteps[TrackingNames.Files].SelectMany(s => s.Outputs).ToArray();
        Assert.Single(files, o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Editing_one_method_body_analyses_only_that_method_again()
    {
        // Roslyn re-runs the transform of every attributed method on every compilation change
        // ("Unchanged" above); what keeps that cheap is that Pix reuses the models whose declarations
        // and the bodies they read did not change (dependencies per body since the seventh session; before,
        // per file, B of the edited file was extracted again too).
        static string File(string type, string op) => $$"""
            using Pix;
            public static partial class {{type}}
            {
                [PerformanceInterface] public static int A(int[] v) { int s = 0; for (int i = 0; i < v.Length; i++) s {{op}}= v[i]; return s; }
                [PerformanceInterface] public static int B(int n) { int s = 0; for (int i = 0; i < n; i++) s += i; return s; }
            }
            """;

        CSharpCompilation compilation = CSharpCompilation.Create(
            "Observed",
            new[] { ("ObservedEdited", "EditedFile.cs"), ("ObservedKept", "KeptFile.cs") }
                .Select(f => CSharpSyntaxTree.ParseText(File(f.Item1, "+"), Pix.Testing.TestCompilation.ParseOptions, path: f.Item2)),
            Pix.Testing.TestCompilation.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        SyntaxTree edited = compilation.SyntaxTrees.First();
        CSharpCompilation next = compilation.ReplaceSyntaxTree(edited, edited.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(File("ObservedEdited", "*"))));

        var extracted = new System.Collections.Concurrent.ConcurrentBag<string>();
        GeneratorDriver driver = GeneratorRunner.CreateDriver(Pix.Testing.TestCompilation.ParseOptions).RunGenerators(compilation);
        Pix.Extraction.InterfaceExtractor.ExtractedForTesting = m => extracted.Add(m.ContainingType.Name + "." + m.Name);
        try
        {
            driver = driver.RunGenerators(next);
        }
        finally
        {
            Pix.Extraction.InterfaceExtractor.ExtractedForTesting = null;
        }

        Assert.Equal(new[] { "ObservedEdited.A" }, extracted.Where(n => n.StartsWith("Observed", StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal));
        var files = driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.Files].SelectMany(s => s.Outputs).ToArray();
        Assert.Single(files, o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Step_outputs_hold_no_symbols_syntax_or_compilations()
    {
        // Annotate-all on, so that its steps run too (the attributed path's steps run either way).
        CSharpCompilation compilation = CreateWithThird();
        GeneratorDriver driver = GeneratorRunner.CreateDriver(Pix.Testing.TestCompilation.ParseOptions, pixAnnotateAll: "true").RunGenerators(compilation);
        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        foreach (string step in TrackedSteps)
        {
            Assert.True(run.TrackedSteps.ContainsKey(step), $"Step {step} did not run.");
            foreach (IncrementalGeneratorRunStep runStep in run.TrackedSteps[step])
            {
                foreach ((object value, _) in runStep.Outputs)
                {
                    AssertValueOnly(value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
                }
            }
        }
    }

    private const string Third = """
        namespace Demo
        {
            public partial class Third
            {
                public int Scale(int[] values, int factor)
                {
                    int total = 0;
                    for (int i = 0; i < values.Length; i++) total += values[i] + factor;
                    return total;
                }

                public int Constant() => 42;
            }
        }
        """;

    [Fact]
    public void Annotate_all_running_the_same_compilation_again_is_fully_cached()
    {
        CSharpCompilation compilation = CreateWithThird();
        RunTwiceAnnotatingAll(compilation, compilation, out GeneratorRunResult second);
        AssertOutputs(second, TrackingNames.AnnotateAllTransform, IncrementalStepRunReason.Cached);
        AssertOutputs(second, TrackingNames.Files, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Annotate_all_an_unrelated_edit_re_emits_nothing()
    {
        CSharpCompilation compilation = CreateWithThird();
        CSharpCompilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other { class Unrelated { int X() => 1; } }", Pix.Testing.TestCompilation.ParseOptions, path: "Unrelated.cs"));
        RunTwiceAnnotatingAll(compilation, edited, out GeneratorRunResult second);

        // The implicit targets are re-read from the new compilation (the step's input changed) but come out equal.
        AssertOutputs(second, TrackingNames.AnnotateAllTransform, IncrementalStepRunReason.Unchanged);
        AssertOutputs(second, TrackingNames.Transform, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        AssertOutputs(second, TrackingNames.Files, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Annotate_all_editing_one_implicit_method_modifies_only_that_method_and_its_file()
    {
        CSharpCompilation compilation = CreateWithThird();
        SyntaxTree third = compilation.SyntaxTrees.Single(t => t.FilePath == "Third.cs");
        SyntaxTree edited = third.WithChangedText(third.GetText().Replace(third.ToString().IndexOf("values[i] + factor", StringComparison.Ordinal), "values[i] + factor".Length, "values[i] * factor"));
        RunTwiceAnnotatingAll(compilation, compilation.ReplaceSyntaxTree(third, edited), out GeneratorRunResult second);

        var implicitSpecs = second.TrackedSteps[TrackingNames.AnnotateAllTransform].SelectMany(s => s.Outputs).ToArray();
        Assert.Equal(2, implicitSpecs.Length);
        Assert.Single(implicitSpecs, o => o.Reason == IncrementalStepRunReason.Modified && ((Model.LatencyMethodSpec)o.Value).MethodName == "Scale");
        Assert.Single(implicitSpecs, o => o.Reason == IncrementalStepRunReason.Unchanged && ((Model.LatencyMethodSpec)o.Value).MethodName == "Constant");

        // The annotated methods' path did no new work downstream of its transform.
        AssertOutputs(second, TrackingNames.Transform, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        var files = second.TrackedSteps[TrackingNames.Files].SelectMany(s => s.Outputs).ToArray();
        Assert.Single(files, o => o.Reason == IncrementalStepRunReason.Modified && ((Model.GeneratedFileSpec)o.Value).Type.HintName == "Demo.Third.Pix.g.cs");
        Assert.Equal(2, files.Count(o => o.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached));
    }

    private static CSharpCompilation CreateWithThird() =>
        Create().AddSyntaxTrees(CSharpSyntaxTree.ParseText(Third, Pix.Testing.TestCompilation.ParseOptions, path: "Third.cs"));

    private static void RunTwiceAnnotatingAll(Compilation first, Compilation second, out GeneratorRunResult secondRun)
    {
        GeneratorDriver driver = GeneratorRunner.CreateDriver(Pix.Testing.TestCompilation.ParseOptions, pixAnnotateAll: "true").RunGenerators(first);
        Assert.Equal(3, driver.GetRunResult().Results.Single().GeneratedSources.Length);
        driver = driver.RunGenerators(second);
        secondRun = driver.GetRunResult().Results.Single();
        Assert.Null(secondRun.Exception);
    }

    private static CSharpCompilation Create() =>
        CSharpCompilation.Create(
            "Incremental",
            new[]
            {
                CSharpSyntaxTree.ParseText(First, Pix.Testing.TestCompilation.ParseOptions, path: "First.cs"),
                CSharpSyntaxTree.ParseText(Second, Pix.Testing.TestCompilation.ParseOptions, path: "Second.cs"),
            },
            Pix.Testing.TestCompilation.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static GeneratorDriver RunTwice(Compilation first, Compilation second, out GeneratorRunResult secondRun)
    {
        GeneratorDriver driver = GeneratorRunner.CreateDriver(Pix.Testing.TestCompilation.ParseOptions).RunGenerators(first);
        Assert.Equal(2, driver.GetRunResult().Results.Single().GeneratedSources.Length);
        driver = driver.RunGenerators(second);
        secondRun = driver.GetRunResult().Results.Single();
        Assert.Null(secondRun.Exception);
        return driver;
    }

    private static void AssertOutputs(GeneratorRunResult run, string step, params IncrementalStepRunReason[] allowed)
    {
        var outputs = run.TrackedSteps[step].SelectMany(s => s.Outputs).ToArray();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(allowed.Contains(o.Reason), $"{step}: output {o.Value} was {o.Reason}, expected {string.Join(" or ", allowed)}"));
    }

    /// <summary>Walks an object graph and fails on anything that would pin a compilation in the cache.</summary>
    private static void AssertValueOnly(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(value is ISymbol, $"{path} holds a symbol ({value.GetType().Name}).");
        Assert.False(value is SyntaxNode, $"{path} holds a syntax node ({value.GetType().Name}).");
        Assert.False(value is Compilation, $"{path} holds a compilation.");
        Assert.False(value is SemanticModel, $"{path} holds a semantic model.");
        Assert.False(value is Location, $"{path} holds a location.");
        Assert.False(value is Diagnostic, $"{path} holds a diagnostic.");

        if (value is IEnumerable sequence && value is not string)
        {
            int i = 0;
            foreach (object? item in sequence)
            {
                AssertValueOnly(item, $"{path}[{i++}]", seen);
            }

            return;
        }

        foreach (FieldInfo field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertValueOnly(field.GetValue(value), path + "." + field.Name, seen);
        }
    }
}
