using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// Tests that observe the extractor's process-wide cross-compilation cache (what is reused, what is
/// extracted again). The cache keeps the most recently used declaration fingerprints only, and tests
/// of other classes running in parallel create compilations of their own, which can evict the entries
/// such a test is about to observe. These tests therefore run alone, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideCacheCollection
{
    /// <summary>The collection's name, for <c>[Collection]</c>.</summary>
    public const string Name = "Process-wide extraction cache";
}
