using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Extraction.Analysis;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// The measurement hook that puts an extraction's bytes on sites (<see cref="AllocationSites.ForMeasurement"/>, the corpus
/// harness's <c>--alloc-sites</c>): bytes go to the innermost open site only, every byte the extraction allocated on its
/// thread is on some site, and the walk's operation kinds and phases are named (docs/robustness.md).
/// </summary>
[Collection(ProcessWideCacheCollection.Name)] // ForMeasurement is process-wide
public sealed class AllocationSitesTests
{
    [Fact]
    public void Bytes_go_to_the_innermost_open_site_only()
    {
        long now = 0;
        var sites = new AllocationSites(() => now);
        sites.Begin();
        sites.Enter("outer");
        now += 100;
        sites.Enter("inner");
        now += 30;
        sites.Leave();
        now += 5;
        sites.Leave();
        now += 7;
        sites.End();

        Assert.Equal(105, sites.Bytes["outer"]);
        Assert.Equal(30, sites.Bytes["inner"]);
        Assert.Equal(7, sites.Bytes["(between sites)"]);
        Assert.Equal(1, sites.Entries["inner"]);
    }

    [Fact]
    public void An_extraction_s_bytes_are_all_on_sites_named_by_operation_kind_and_phase()
    {
        const string source = """
            public static class S
            {
                public static int A(int[] xs)
                {
                    int s = 0;
                    for (int i = 0; i < xs.Length; i++) s += Helper(xs[i]);
                    return s;
                }

                private static int Helper(int n) => n > 3 ? n * 2 : n + 1;
            }
            """;
        Compilation compilation = CallGraphTests.Compile(source);
        ExtractionOptions options = CallGraphTests.Options with { BottomUpSummaries = false, ReuseAcrossCompilations = false };
        var sites = new AllocationSites(GC.GetAllocatedBytesForCurrentThread);
        AllocationSites.ForMeasurement = sites;
        long allocated;
        try
        {
            sites.Begin();
            long before = GC.GetAllocatedBytesForCurrentThread();
            InterfaceExtractor.Extract(CallGraphTests.Method(compilation, "S", "A"), compilation, options, CancellationToken.None);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            sites.End();
        }
        finally
        {
            AllocationSites.ForMeasurement = null;
        }

        Assert.Contains("op Loop", sites.Bytes.Keys);
        Assert.Contains("op Invocation", sites.Bytes.Keys);
        Assert.Contains(AllocationSite.Binding, sites.Bytes.Keys);
        Assert.Contains(AllocationSite.CalleeSubstitution, sites.Bytes.Keys);
        Assert.Contains(AllocationSite.ModelAssembly, sites.Bytes.Keys);

        // The meter's own bookkeeping (a new site's key) is charged to no site, so the sites hold at most what was allocated, and most of it.
        long onSites = sites.Bytes.Values.Sum();
        Assert.True(onSites <= allocated && onSites > allocated / 2, $"{onSites} bytes on sites of {allocated}");
    }
}
