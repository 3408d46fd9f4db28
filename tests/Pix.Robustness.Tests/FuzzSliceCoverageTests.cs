using System;
using System.Linq;
using Pix.Robustness.Tests.Fuzzing;

namespace Pix.Robustness.Tests;

/// <summary>
/// The CI slice of the fuzzer (the default seeds, whatever <c>PIX_FUZZ_*</c> says) must use every construct
/// family in a checked method: an edit of the generator's choices cannot silently stop testing one.
/// Generation only (no compilation), so it is cheap; its name keeps it out of <c>--filter FuzzTests</c> replays.
/// </summary>
public sealed class FuzzSliceCoverageTests
{
    [Fact]
    public void The_CI_slice_uses_every_construct_family()
    {
        var used = Enumerable.Range(FuzzSettings.DefaultSeed, FuzzSettings.DefaultPrograms)
            .SelectMany(seed => new CSharpMethodFuzzer(seed).Generate(FuzzCorpus.MixedPerProgram, FuzzCorpus.MonotonePerProgram).Constructs)
            .ToHashSet();
        var missing = Enum.GetValues<FuzzConstruct>().Where(family => !used.Contains(family)).ToList();
        Assert.True(missing.Count == 0, "the slice never uses: " + string.Join(", ", missing));
    }
}
