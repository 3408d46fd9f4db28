using Xunit;

namespace Pix.Runtime.Tests.Measurement;

/// <summary>
/// Tests that read the process-wide garbage-collection counts (<c>GC.CollectionCount</c>) to see where the
/// measurement engine settles the allocator. Tests of other classes running in parallel allocate and can
/// start a collection at any moment, which such a test would take for one it caused; they run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GarbageCollectionCountCollection
{
    /// <summary>The collection's name, for <c>[Collection]</c>.</summary>
    public const string Name = "Process-wide garbage-collection counts";
}
