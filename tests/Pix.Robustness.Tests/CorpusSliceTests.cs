using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Pix.Corpus;
using Pix.Robustness.Tests.Fuzzing;

namespace Pix.Robustness.Tests;

/// <summary>
/// The corpus harness's CI slice (bench/Pix.Corpus runs the full corpora; docs/robustness.md): the
/// repository's samples (every type made partial) and a few fuzzed programs go through the generator in
/// annotate-all mode and the analyzers, as a build with <c>PixAnnotateAll=true</c> would.
/// Targets: no generator exception, 0 errors in generated code, byte-identical output on an independent
/// compilation, no AD0001 and no PIX0006.
/// </summary>
public sealed class CorpusSliceTests
{
    [Fact]
    public void Annotate_all_over_the_samples_compiles_is_deterministic_and_crashes_no_analyzer()
    {
        var sources = PartialCorpus.Rewrite(CorpusCompilation.ReadSources(Path.Combine(RepositoryPaths.Root, "samples")), CorpusCompilation.ParseOptions);
        AssertSlice(sources, minimumCompanions: 150);
    }

    [Fact]
    public void Annotate_all_over_fuzzed_programs_compiles_is_deterministic_and_crashes_no_analyzer()
    {
        var sources = Enumerable.Range(FuzzSettings.Seed, 4)
            .Select(seed => ($"Fuzz{seed}.cs", new CSharpMethodFuzzer(seed).Generate(6, 3).Source))
            .ToList();
        AssertSlice(sources, minimumCompanions: 4 * 9);
    }

    [Fact]
    public void A_keystroke_analyses_again_only_what_it_touched_and_changes_nothing_the_edit_does_not()
    {
        // The IDE's case (KeystrokeRun): an incremental generator pass after inserting `_ = 0;` (which the
        // compiler removes) into one method body. The methods that neither are the edited one nor read its body
        // must not be analysed again: the generator keeps them from the previous pass (an unchanged tree's
        // targets) or the cross-compilation cache serves them (relocating those after it in its file); every
        // model kept or served must equal a fresh extraction in the edited compilation, and no generated file may change.
        var sources = PartialCorpus.Rewrite(
            CorpusCompilation.ReadSources(Path.Combine(RepositoryPaths.Root, "samples", "NetworkFunctions")), CorpusCompilation.ParseOptions);
        KeystrokeResult typed = KeystrokeRun.Run(CorpusCompilation.Create("Keystrokes", sources, [], isolation: 3), count: 4, CancellationToken.None, verify: true);

        Assert.Equal(0, typed.Exceptions);
        Assert.Equal(4, typed.Keystrokes.Count);
        Assert.All(typed.Keystrokes, k =>
        {
            Assert.InRange(k.Extracted, 1, 60);
            Assert.Equal(0, k.ChangedFiles);
        });
        Assert.True(typed.Mismatches.Count == 0, string.Join("\n", typed.Mismatches));
        Assert.InRange(typed.Verified, 4 * 100, int.MaxValue);
        // Edits in the middle of files move the methods after them: some served models were relocated.
        Assert.InRange(typed.Keystrokes.Sum(k => k.Relocated), 1, int.MaxValue);
    }

    private static void AssertSlice(IReadOnlyList<(string Path, string Text)> sources, int minimumCompanions)
    {
        GenerationResult generated = GenerationRun.Run(CorpusCompilation.Create("Slice", sources, []), CancellationToken.None);
        Assert.Null(generated.Exception);
        Assert.True(generated.GeneratedErrors.Count == 0, string.Join("\n", generated.GeneratedErrors.Take(10)));
        Assert.InRange(generated.Companions, minimumCompanions, int.MaxValue);

        GenerationResult again = GenerationRun.Run(CorpusCompilation.Create("Slice", sources, [], isolation: 1), CancellationToken.None);
        Assert.Empty(GenerationRun.Differences(generated, again));

        AnalyzerResult analyzed = AnalyzerRun.Run(generated.Output, CancellationToken.None);
        Assert.True(analyzed.Crashes.Count == 0, string.Join("\n", analyzed.Crashes.Take(10)));
    }
}
