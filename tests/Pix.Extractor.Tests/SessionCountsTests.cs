using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Extraction.Analysis;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// The measurement hook on depth-bounded sessions (<see cref="ExtractionSession.CountsForMeasurement"/>): the corpus harness
/// counts, per extraction, the operations walked and replayed and the summaries memoised, replayed and analysed again, so
/// that two builds compare by work done rather than by time on a loaded machine (docs/robustness.md).
/// </summary>
[Collection(ProcessWideCacheCollection.Name)] // CountsForMeasurement is process-wide
public sealed class SessionCountsTests
{
    private const string Source = """
        public static class S
        {
            public static int A(int n) => Helper(n) + 1;

            public static int B(int n) => Helper(n) + 2;

            private static int Helper(int n)
            {
                int s = 0;
                for (int i = 0; i < n; i++) s += i;
                return s;
            }
        }
        """;

    private static SessionCounts Run(bool reuse)
    {
        var counts = new SessionCounts();
        ExtractionSession.CountsForMeasurement = counts;
        try
        {
            Compilation compilation = CallGraphTests.Compile(Source);
            ExtractionOptions options = CallGraphTests.Options with { BottomUpSummaries = false, ReuseCalleeSummaries = reuse };
            InterfaceExtractor.Extract(CallGraphTests.Method(compilation, "S", "A"), compilation, options, CancellationToken.None);
            InterfaceExtractor.Extract(CallGraphTests.Method(compilation, "S", "B"), compilation, options, CancellationToken.None);
        }
        finally
        {
            ExtractionSession.CountsForMeasurement = null;
        }

        return counts;
    }

    [Fact]
    public void A_callee_met_again_at_the_same_depth_is_replayed_not_walked_again()
    {
        SessionCounts counts = Run(reuse: true);
        Assert.Equal(3, counts.Analysed); // A, Helper, B
        Assert.Equal(0, counts.AnalysedAgain);
        Assert.Equal(1, counts.Replayed); // Helper, for B
        Assert.Equal(1, counts.ReplayChecks);
        Assert.Equal(0, counts.ReplayChecksFailed);
        Assert.True(counts.OperationsReplayed > 0);
        Assert.True(counts.OperationsWalked > counts.OperationsReplayed);
    }

    [Fact]
    public void Without_reuse_the_callee_is_walked_again()
    {
        SessionCounts counts = Run(reuse: false);
        Assert.Equal(4, counts.Analysed);
        Assert.Equal(1, counts.AnalysedAgain);
        Assert.Equal(0, counts.Replayed);
        Assert.Equal(0, counts.OperationsReplayed);
    }
}
