using System;
using System.Linq;
using Pix.Model;
using Xunit.Abstractions;

namespace Pix.Extractor.Tests;

/// <summary>
/// Trip counts checked against the loops they describe: each test runs the same loop in C# (an
/// instrumented copy with an iteration counter) at edge inputs and requires the model's count to be
/// an upper bound, exact where the shape is exact.
/// </summary>
public sealed class CountingSemanticsTests
{
    private readonly ITestOutputHelper _output;

    public CountingSemanticsTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Do_loop_runs_its_body_once_even_when_the_counter_starts_past_the_bound()
    {
        InterfaceModel model = Extraction.Extract(@"
static class C
{
    public static int M(int n)
    {
        int s = 0, i = 0;
        do { s += i; i++; } while (i < n);
        return s;
    }
}");
        _output.WriteLine(model.Dump());
        Term loop = LoopTerm(model);
        foreach (int n in new[] { int.MinValue + 1, -3, 0, 1, 2, 7 })
        {
            int iterations = 0, i = 0;
            do { iterations++; i++; } while (i < n);
            Assert.Equal(iterations, ModelEvaluator.Evaluate(loop.Count, _ => n), 9);
        }
    }

    private static Term LoopTerm(InterfaceModel model) =>
        model.Pieces.Last().Terms.Single(t => t.Description.StartsWith("loop over", StringComparison.Ordinal));
}
