using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Pix.Extraction;
using Pix.Generator.Tests.Infrastructure;

namespace Pix.Generator.Tests;

/// <summary>
/// Annotate-all in the IDE: a keystroke in one method body costs what it changes. The pass visits the edited
/// file's methods and those whose models read the edited body, not the methods of the files nobody touched
/// (their targets are kept from the pass before, <see cref="PerformanceInterfaceGenerator.TreeTargets"/>),
/// and a caller in an untouched file whose callee changed still gets its new interface.
/// </summary>
[Collection(ProcessWideCacheCollection.Name)]
public sealed class AnnotateAllKeystrokeTests
{
    // Scale is edited; Twice shares its file; Read (another file) calls Scale; Sum, Count and Unfinished read neither.
    private const string Edited = """
        namespace Keys
        {
            public static partial class KeysEdited
            {
                public static int Scale(int[] values, int factor)
                {
                    int total = 0;
                    for (int i = 0; i < values.Length; i++) total += values[i] + factor;
                    return total;
                }

                public static int Twice(int n)
                {
                    int total = 0;
                    for (int i = 0; i < n; i++) total += 2;
                    return total;
                }
            }
        }
        """;

    private const string Reader = """
        namespace Keys
        {
            public static partial class KeysReader
            {
                public static int Read(int[] values) => KeysEdited.Scale(values, 3) + 1;
            }
        }
        """;

    private const string Kept = """
        namespace Keys
        {
            public static partial class KeysKept
            {
                public static int Sum(int[] values)
                {
                    int total = 0;
                    for (int i = 0; i < values.Length; i++) total += values[i];
                    return total;
                }

                public static int Count(int n) => n > 0 ? n : 0;

                // Half-typed: Step does not exist yet. The cache never serves such a model; the generator keeps it.
                public static int Unfinished(int n)
                {
                    int total = 0;
                    for (int i = 0; i < n; i++) total += Step(i);
                    return total;
                }
            }
        }
        """;

    [Fact]
    public void An_edit_visits_the_edited_file_and_the_methods_that_read_it_only()
    {
        var extracted = new ConcurrentBag<string>();
        var served = new ConcurrentBag<string>();
        (_, GeneratorRunResult second) = RunBeforeAndAfterTheEdit(extracted, served);

        // Twice is in the edited file: the cache serves it. Sum, Count and Unfinished (whose model met code with
        // errors, so the cache would not serve it) are neither visited nor looked up.
        Assert.Equal(new[] { "KeysEdited.Scale", "KeysReader.Read" }, extracted.OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(new[] { "KeysEdited.Twice" }, served.OrderBy(n => n, StringComparer.Ordinal));

        var specs = second.TrackedSteps[TrackingNames.AnnotateAllTransform].SelectMany(s => s.Outputs).ToArray();
        Assert.Equal(new[] { "Read", "Scale" }, Names(specs, IncrementalStepRunReason.Modified));
        Assert.Equal(new[] { "Count", "Sum", "Twice", "Unfinished" }, Names(specs, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached));

        var files = second.TrackedSteps[TrackingNames.Files].SelectMany(s => s.Outputs).ToArray();
        Assert.Equal(
            new[] { "Keys.KeysEdited.Pix.g.cs", "Keys.KeysReader.Pix.g.cs" },
            files.Where(o => o.Reason == IncrementalStepRunReason.Modified).Select(o => ((Model.GeneratedFileSpec)o.Value).Type.HintName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Single(files, o => o.Reason is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached
            && ((Model.GeneratedFileSpec)o.Value).Type.HintName == "Keys.KeysKept.Pix.g.cs");
    }

    [Fact]
    public void Editing_a_callee_changes_its_caller_s_output_in_a_file_nobody_touched()
    {
        (GeneratorRunResult first, GeneratorRunResult second) = RunBeforeAndAfterTheEdit(new ConcurrentBag<string>(), new ConcurrentBag<string>());

        IReadOnlyDictionary<string, string> before = GeneratorRunner.Files(first);
        IReadOnlyDictionary<string, string> after = GeneratorRunner.Files(second);
        Assert.NotEqual(before["Keys.KeysReader.Pix.g.cs"], after["Keys.KeysReader.Pix.g.cs"]);
        Assert.Equal(before["Keys.KeysKept.Pix.g.cs"], after["Keys.KeysKept.Pix.g.cs"]);

        // The caller's interface now prices what its callee does after the edit: the same as a run with nothing kept.
        GeneratorRunResult fresh = GeneratorRunner.CreateDriver(Pix.Testing.TestCompilation.ParseOptions, pixAnnotateAll: "true")
            .RunGenerators(Edit(Create())).GetRunResult().Results.Single();
        Assert.Equal(GeneratorRunner.Files(fresh)["Keys.KeysReader.Pix.g.cs"], after["Keys.KeysReader.Pix.g.cs"]);
    }

    private static string[] Names(IEnumerable<(object Value, IncrementalStepRunReason Reason)> outputs, params IncrementalStepRunReason[] reasons) =>
        outputs.Where(o => reasons.Contains(o.Reason))
            .Select(o => ((Model.LatencyMethodSpec)o.Value).MethodName)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToArray();

    /// <summary>One pass over the three files, then one after the edit, recording which methods the second visits.</summary>
    private static (GeneratorRunResult First, GeneratorRunResult Second) RunBeforeAndAfterTheEdit(ConcurrentBag<string> extracted, ConcurrentBag<string> served)
    {
        CSharpCompilation compilation = Create();
        GeneratorDriver driver = GeneratorRunner.CreateDriver(Pix.Testing.TestCompilation.ParseOptions, pixAnnotateAll: "true").RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.Null(first.Exception);
        Assert.Equal(3, first.GeneratedSources.Length);

        static string? Ours(IMethodSymbol m) => m.ContainingType.Name.StartsWith("Keys", StringComparison.Ordinal) ? m.ContainingType.Name + "." + m.Name : null;
        InterfaceExtractor.ExtractedForTesting = m =>
        {
            if (Ours(m) is { } name)
            {
                extracted.Add(name);
            }
        };
        InterfaceExtractor.ReusedForTesting = (m, _, _, _) =>
        {
            if (Ours(m) is { } name)
            {
                served.Add(name);
            }
        };
        try
        {
            driver = driver.RunGenerators(Edit(compilation));
        }
        finally
        {
            InterfaceExtractor.ExtractedForTesting = null;
            InterfaceExtractor.ReusedForTesting = null;
        }

        GeneratorRunResult second = driver.GetRunResult().Results.Single();
        Assert.Null(second.Exception);
        return (first, second);
    }

    private static CSharpCompilation Create() =>
        CSharpCompilation.Create(
            "Keystrokes",
            new[] { (Edited, "KeysEdited.cs"), (Reader, "KeysReader.cs"), (Kept, "KeysKept.cs") }
                .Select(f => CSharpSyntaxTree.ParseText(f.Item1, Pix.Testing.TestCompilation.ParseOptions, path: f.Item2)),
            Pix.Testing.TestCompilation.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>Scale adds one multiply per element instead of an add: same length, so nothing in the file moves.</summary>
    private static CSharpCompilation Edit(CSharpCompilation compilation)
    {
        SyntaxTree tree = compilation.SyntaxTrees.Single(t => t.FilePath == "KeysEdited.cs");
        string text = tree.ToString();
        const string Before = "values[i] + factor";
        return compilation.ReplaceSyntaxTree(
            tree,
            tree.WithChangedText(tree.GetText().Replace(text.IndexOf(Before, StringComparison.Ordinal), Before.Length, "values[i] * factor")));
    }
}
