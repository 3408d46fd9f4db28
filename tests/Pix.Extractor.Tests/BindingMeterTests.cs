using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Extraction.Analysis;
using Xunit;

namespace Pix.Extractor.Tests;

/// <summary>
/// The measurement hook on binding (<see cref="MethodBodies.MeterForMeasurement"/>): the corpus harness charges each body
/// asked of its semantic model to the reader that asked (the walk, the throw-helper rule, the call graph), so that a tail
/// extraction's time splits into Roslyn's binding and Pix's analysis (docs/robustness.md).
/// </summary>
[Collection(ProcessWideCacheCollection.Name)] // MeterForMeasurement is process-wide
public sealed class BindingMeterTests
{
    private const string Source = """
        public static class B
        {
            public static int M(int n)
            {
                if (n < 0) Fail(n);
                return Callee(n) + 1;
            }

            private static int Callee(int n)
            {
                int s = 0;
                for (int i = 0; i < n; i++) s += i;
                return s;
            }

            private static void Fail(int n) => throw new System.ArgumentOutOfRangeException(nameof(n));
        }
        """;

    [Fact]
    public void Each_body_read_is_charged_to_its_reader_and_every_start_is_finished()
    {
        var meter = new RecordingMeter();
        MethodBodies.MeterForMeasurement = meter;
        try
        {
            Compilation compilation = CallGraphTests.Compile(Source);
            InterfaceExtractor.Extract(CallGraphTests.Method(compilation, "B", "M"), compilation, CallGraphTests.Options with { BottomUpSummaries = false }, CancellationToken.None);
            new CallGraph(compilation, skipNullableAnalysis: true).CycleOf(CallGraphTests.Method(compilation, "B", "Callee"), CancellationToken.None);
        }
        finally
        {
            MethodBodies.MeterForMeasurement = null;
        }

        Assert.Equal(0, meter.Open);
        Assert.Contains(("M", SummaryWork.Binding), meter.Reads);
        Assert.Contains(("Callee", SummaryWork.Binding), meter.Reads);
        Assert.Contains(("Fail", SummaryWork.ThrowRuleBinding), meter.Reads);
        Assert.Contains(("Callee", SummaryWork.CallGraphBinding), meter.Reads);
        Assert.DoesNotContain(meter.Reads, f => f.Work is SummaryWork.Summary or SummaryWork.CallGraphWalk);
    }

    [Fact]
    public void Without_a_meter_extraction_tells_nobody()
    {
        var meter = new RecordingMeter();
        MethodBodies.MeterForMeasurement = meter;
        MethodBodies.MeterForMeasurement = null;
        Compilation compilation = CallGraphTests.Compile(Source);
        InterfaceExtractor.Extract(CallGraphTests.Method(compilation, "B", "M"), compilation, CallGraphTests.Options, CancellationToken.None);

        Assert.Empty(meter.Reads);
    }

    private sealed class RecordingMeter : ISummaryMeter
    {
        public int Open { get; private set; }

        public List<(string Method, SummaryWork Work)> Reads { get; } = new();

        public void Started() => Open++;

        public void Finished(IMethodSymbol method, SummaryWork work)
        {
            Assert.True(Open > 0, "finished before it started");
            Open--;
            Reads.Add((method.Name, work));
        }
    }
}
