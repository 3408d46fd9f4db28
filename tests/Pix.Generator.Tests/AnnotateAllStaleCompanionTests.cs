using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Generator.Tests.Infrastructure;
using Pix.Testing;

namespace Pix.Generator.Tests;

/// <summary>
/// Annotate-all keeps a tree's targets from one pass to the next (<see cref="PerformanceInterfaceGenerator.TreeTargets"/>).
/// Each case edits one file, runs the same driver again, and compares every companion with a run on the edited
/// compilation with nothing kept: a kept target whose model read the edited code would leave a stale companion.
/// </summary>
[Collection(ProcessWideCacheCollection.Name)]
public sealed class AnnotateAllStaleCompanionTests
{
    // Scale's body is what every case edits (an add per element becomes a multiply, same length).
    private const string Callee = """
        namespace Stale
        {
            public static partial class StaleCallee
            {
                public static int Scale(int[] values, int factor)
                {
                    int total = 0;
                    for (int i = 0; i < values.Length; i++) total += values[i] + factor;
                    return total;
                }
            }
        }
        """;

    [Fact]
    public void A_partial_method_whose_implementation_part_is_edited()
    {
        const string Definition = """
            namespace Stale
            {
                public static partial class StaleParts
                {
                    public static partial int Both(int[] values);
                }
            }
            """;
        const string Implementation = """
            namespace Stale
            {
                public static partial class StaleParts
                {
                    public static partial int Both(int[] values)
                    {
                        int total = 0;
                        for (int i = 0; i < values.Length; i++) total += values[i] + 1;
                        return total;
                    }
                }
            }
            """;

        AssertSameAsFresh(
            new[] { (Definition, "StaleDefinition.cs"), (Implementation, "StaleImplementation.cs") },
            "StaleImplementation.cs", "values[i] + 1", "values[i] * 1", "Stale.StaleParts.Pix.g.cs");
    }

    [Fact]
    public void A_caller_two_calls_away_from_the_edited_body()
    {
        const string Middle = """
            namespace Stale
            {
                public static partial class StaleMiddle
                {
                    public static int Twice(int[] values) => StaleCallee.Scale(values, 2) + StaleCallee.Scale(values, 3);
                }
            }
            """;
        const string Caller = """
            namespace Stale
            {
                public static partial class StaleCaller
                {
                    public static int Outer(int[] values) => StaleMiddle.Twice(values) + 1;
                }
            }
            """;

        AssertSameAsFresh(
            new[] { (Callee, "StaleCallee.cs"), (Middle, "StaleMiddle.cs"), (Caller, "StaleCaller.cs") },
            "StaleCallee.cs", "values[i] + factor", "values[i] * factor", "Stale.StaleCaller.Pix.g.cs");
    }

    [Fact]
    public void A_half_typed_caller_whose_callee_is_edited()
    {
        const string Caller = """
            namespace Stale
            {
                public static partial class StaleUnfinished
                {
                    public static int Unfinished(int[] values, int n)
                    {
                        int total = StaleCallee.Scale(values, 2);
                        for (int i = 0; i < n; i++) total += Step(i);
                        return total;
                    }
                }
            }
            """;

        AssertSameAsFresh(
            new[] { (Callee, "StaleCallee.cs"), (Caller, "StaleUnfinished.cs") },
            "StaleCallee.cs", "values[i] + factor", "values[i] * factor", "Stale.StaleUnfinished.Pix.g.cs");
    }

    [Fact]
    public void A_cold_load_hint_typed_into_a_callee_gives_its_caller_a_new_pcv()
    {
        const string Caller = """
            namespace Stale
            {
                public static partial class StaleHinted
                {
                    public static int Read(int[] values) => StaleCallee.Scale(values, 3) + 1;
                }
            }
            """;

        string after = AssertSameAsFresh(
            new[] { (Callee, "StaleCallee.cs"), (Caller, "StaleHinted.cs") },
            "StaleCallee.cs", "int total = 0;", "global::Pix.PixHint.ColdLoads(\"misses\", 163840); int total = 0;", "Stale.StaleHinted.Pix.g.cs");
        Assert.Contains("double misses", after);
    }

    [Fact]
    public void A_callee_edited_while_annotate_all_was_off()
    {
        const string Caller = """
            namespace Stale
            {
                public static partial class StaleToggled
                {
                    public static int Read(int[] values) => StaleCallee.Scale(values, 3) + 1;
                }
            }
            """;

        (string Text, string Path)[] files = { (Callee, "StaleCallee.cs"), (Caller, "StaleToggled.cs") };
        CSharpCompilation compilation = Create(files);
        GeneratorDriver driver = GeneratorRunner.CreateDriver(Pix.Testing.TestCompilation.ParseOptions, pixAnnotateAll: "true").RunGenerators(compilation);
        string before = GeneratorRunner.Files(driver.GetRunResult().Results.Single())["Stale.StaleToggled.Pix.g.cs"];

        // The edit lands while the mode is off (no pass of annotate-all sees it), then the mode comes back on.
        CSharpCompilation edited = Edit(compilation, "StaleCallee.cs", "values[i] + factor", "values[i] * factor");
        driver = driver.WithUpdatedAnalyzerConfigOptions(GlobalAnalyzerConfig.FromBuildProperties(("PixAnnotateAll", "false"))).RunGenerators(edited);
        Assert.DoesNotContain("Stale.StaleToggled.Pix.g.cs", GeneratorRunner.Files(driver.GetRunResult().Results.Single()).Keys);
        driver = driver.WithUpdatedAnalyzerConfigOptions(GlobalAnalyzerConfig.FromBuildProperties(("PixAnnotateAll", "true"))).RunGenerators(edited);
        string after = GeneratorRunner.Files(driver.GetRunResult().Results.Single())["Stale.StaleToggled.Pix.g.cs"];

        GeneratorRunResult fresh = GeneratorRunner.CreateDriver(Pix.Testing.TestCompilation.ParseOptions, pixAnnotateAll: "true")
            .RunGenerators(Create(new[] { (Callee.Replace("values[i] + factor", "values[i] * factor"), "StaleCallee.cs"), (Caller, "StaleToggled.cs") }))
            .GetRunResult().Results.Single();
        Assert.NotEqual(before, after);
        Assert.Equal(GeneratorRunner.Files(fresh)["Stale.StaleToggled.Pix.g.cs"], after);
    }

    /// <summary>Runs a driver on the files, edits one, runs it again, and compares with a fresh run on the edited files.</summary>
    private static string AssertSameAsFresh((string Text, string Path)[] files, string editedPath, string before, string after, string changedFile)
    {
        CSharpCompilation compilation = Create(files);
        GeneratorDriver driver = GeneratorRunner.CreateDriver(Pix.Testing.TestCompilation.ParseOptions, pixAnnotateAll: "true").RunGenerators(compilation);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.Null(first.Exception);

        CSharpCompilation edited = Edit(compilation, editedPath, before, after);
        GeneratorRunResult incremental = driver.RunGenerators(edited).GetRunResult().Results.Single();
        Assert.Null(incremental.Exception);

        // A fresh compilation (new tree objects, same texts) under a fresh driver: nothing a driver keeps helps it.
        CSharpCompilation freshInput = Create(files.Select(f => f.Path == editedPath ? (f.Text.Replace(before, after), f.Path) : f).ToArray());
        GeneratorRunResult fresh = GeneratorRunner.CreateDriver(Pix.Testing.TestCompilation.ParseOptions, pixAnnotateAll: "true")
            .RunGenerators(freshInput).GetRunResult().Results.Single();
        Assert.Null(fresh.Exception);

        var expected = GeneratorRunner.Files(fresh);
        var actual = GeneratorRunner.Files(incremental);
        Assert.Equal(expected.Keys.OrderBy(k => k, StringComparer.Ordinal), actual.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (string name in expected.Keys)
        {
            Assert.True(expected[name] == actual[name], $"{name} after the edit differs from a fresh run:\n--- fresh\n{expected[name]}\n--- incremental\n{actual[name]}");
        }

        // The edit must change the companion in the untouched file, or the comparison proves nothing.
        Assert.NotEqual(GeneratorRunner.Files(first)[changedFile], actual[changedFile]);
        return actual[changedFile];
    }

    private static CSharpCompilation Create((string Text, string Path)[] files) =>
        CSharpCompilation.Create(
            "StaleCompanions",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Text, Pix.Testing.TestCompilation.ParseOptions, path: f.Path)),
            Pix.Testing.TestCompilation.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static CSharpCompilation Edit(CSharpCompilation compilation, string path, string before, string after)
    {
        SyntaxTree tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        int at = tree.ToString().IndexOf(before, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{before}' not in {path}");
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(tree.GetText().Replace(at, before.Length, after)));
    }
}
