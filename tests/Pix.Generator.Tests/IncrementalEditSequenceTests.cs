using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Generator.Tests.Infrastructure;
using Pix.Testing;

namespace Pix.Generator.Tests;

/// <summary>
/// A user's edits one after another, each run by one long-lived driver as the IDE runs it: after every edit the output
/// equals a fresh driver's on the same code, file for file, so no stale companion stays and none is missing, and a
/// callee's body edited in another file changes its caller's companion.
/// </summary>
[Collection(ProcessWideCacheCollection.Name)]
public sealed class IncrementalEditSequenceTests
{
    private const string Caller = """
        using Pix;

        namespace Demo;

        public static partial class Caller
        {
            [PerformanceInterface]
            public static int Run(int[] values) => Helper.Work(values);

            [PerformanceInterface]
            public static int Other(int n)
            {
                int s = 0;
                for (int i = 0; i < n; i++) s++;
                return s;
            }
        }
        """;

    private const string Helper = """
        namespace Demo;

        public static class Helper
        {
            public static int Work(int[] values)
            {
                return values.Length;
            }
        }
        """;

    /// <summary>(file, old text, new text): one edit, applied to the state the previous ones left.</summary>
    private static readonly (string File, string Old, string New)[] Edits =
    {
        ("Helper.cs", "return values.Length;", "int s = 0; for (int i = 0; i < values.Length; i++) s += values[i]; return s;"),
        ("Caller.cs", "partial class Caller", "partial class Renamed"),
        ("Caller.cs", "[PerformanceInterface]\n    public static int Other", "public static int Other"),
        ("Caller.cs", "public static int Other", "[PerformanceInterface] public static int Other2"),
        ("Helper.cs", "int s = 0; for (int i = 0; i < values.Length; i++) s += values[i]; return s;", "return 0;"),
        ("Caller.cs", "public static int Run(int[] values)", "public static int Run(int[] values, int extra)"),
        ("Caller.cs", "namespace Demo;", "namespace Demo.Inner;"),
        ("Caller.cs", "[PerformanceInterface]\n    public static int Run", "public static int Run"),
    };

    [Fact]
    public void After_every_edit_the_output_equals_a_fresh_run()
    {
        CSharpCompilation compilation = TestCompilation.CreateNamed("Edits").AddSyntaxTrees(
            CSharpSyntaxTree.ParseText(Caller, TestCompilation.ParseOptions, path: "Caller.cs"),
            CSharpSyntaxTree.ParseText(Helper, TestCompilation.ParseOptions, path: "Helper.cs"));
        GeneratorDriver driver = GeneratorRunner.CreateDriver(TestCompilation.ParseOptions).RunGenerators(compilation);
        AssertSameAsFresh(driver, compilation, "before any edit");

        for (int i = 0; i < Edits.Length; i++)
        {
            string before = string.Join("\n", GeneratorRunner.Files(driver.GetRunResult().Results.Single()).Values);
            (string file, string old, string replacement) = Edits[i];
            SyntaxTree tree = compilation.SyntaxTrees.Single(t => t.FilePath == file);
            string text = tree.ToString().Replace("\r\n", "\n");
            Assert.True(text.Contains(old, StringComparison.Ordinal), $"edit {i}: '{old}' is not in {file}");
            compilation = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(old, replacement))));
            driver = driver.RunGenerators(compilation);
            AssertSameAsFresh(driver, compilation, $"after edit {i} ({file}: '{old}' -> '{replacement}')");

            // A fresh driver shares the process-wide caches, so it cannot see a stale model: a callee's body edited in
            // another file must change the caller's companion by itself.
            if (file == "Helper.cs")
            {
                Assert.NotEqual(before, string.Join("\n", GeneratorRunner.Files(driver.GetRunResult().Results.Single()).Values));
            }
        }
    }

    private static void AssertSameAsFresh(GeneratorDriver driver, Compilation compilation, string when)
    {
        GeneratorRunResult incremental = driver.GetRunResult().Results.Single();
        GeneratorRunResult fresh = GeneratorRunner.CreateDriver(TestCompilation.ParseOptions).RunGenerators(compilation).GetRunResult().Results.Single();
        Assert.True(incremental.Exception is null, $"{when}: the generator threw {incremental.Exception}");
        IReadOnlyDictionary<string, string> expected = GeneratorRunner.Files(fresh);
        IReadOnlyDictionary<string, string> actual = GeneratorRunner.Files(incremental);
        Assert.True(expected.Keys.OrderBy(k => k, StringComparer.Ordinal).SequenceEqual(actual.Keys.OrderBy(k => k, StringComparer.Ordinal)),
            $"{when}: files {string.Join(", ", actual.Keys)}, fresh {string.Join(", ", expected.Keys)}");
        foreach (string hint in expected.Keys)
        {
            Assert.True(expected[hint] == actual[hint], $"{when}: {hint} differs from a fresh run's:\n{actual[hint]}\n--- fresh ---\n{expected[hint]}");
        }
    }
}
