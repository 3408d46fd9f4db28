using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Extraction.Analysis;
using Pix.Model;

namespace Pix.Extractor.Tests;

/// <summary>
/// The bytes one extraction allocates on one of the meter's sites (<see cref="AllocationSites"/>), counted with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/>: the substitution tests' measurement, in one place. The meter is
/// process-wide, so callers run in <see cref="ProcessWideCacheCollection"/>.
/// </summary>
internal static class SiteBytes
{
    /// <summary>Extracts <c>S.Caller</c> of <paramref name="source"/> without summary reuse and returns the bytes
    /// allocated on <paramref name="site"/> (one of <see cref="AllocationSite"/>'s names).</summary>
    public static long OfCaller(string source, string site, out InterfaceModel model)
    {
        Compilation compilation = CallGraphTests.Compile(source);
        ExtractionOptions options = CallGraphTests.Options with { BottomUpSummaries = false, ReuseAcrossCompilations = false };
        var sites = new AllocationSites(GC.GetAllocatedBytesForCurrentThread);
        AllocationSites.ForMeasurement = sites;
        try
        {
            sites.Begin();
            model = InterfaceExtractor.Extract(CallGraphTests.Method(compilation, "S", "Caller"), compilation, options, CancellationToken.None);
            sites.End();
        }
        finally
        {
            AllocationSites.ForMeasurement = null;
        }

        sites.Bytes.TryGetValue(site, out long bytes);
        return bytes;
    }
}
