using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Pix.Corpus;

namespace Pix.Robustness.Tests;

/// <summary>
/// What the corpus harness keeps of a timed run once it is over (docs/robustness.md, "Twenty-seventh session: what a
/// second run's heap holds"): the outcomes the report needs, not the run's compilation. A first run's compilation
/// that stays reachable through its outcomes (each held the target's symbol) makes the second run's heap the size of
/// two bound compilations, and its full collections pause for the first one's objects too.
/// </summary>
// Alone: forced full collections and a run's JIT work must not land in another test's measurement (JitWorkTests counts
// the process's compiled methods).
[Collection(nameof(CorpusRetentionTests))]
public sealed class CorpusRetentionTests
{
    private const string Source = """
        public partial class Shapes
        {
            private readonly int[] _sides = new int[8];

            public int Perimeter()
            {
                int sum = 0;
                for (int i = 0; i < _sides.Length; i++)
                {
                    sum += Side(i);
                }

                return sum;
            }

            public int Side(int i) => _sides[i] * 2;

            public int Largest() => _sides.Max();
        }
        """;

    [Fact]
    public void A_runs_outcomes_do_not_keep_its_compilation_alive()
    {
        (IReadOnlyList<MethodOutcome> outcomes, _, WeakReference compilation) = Run(CorpusCompilation.Extraction);

        Collect();
        Assert.False(compilation.IsAlive, "the run's compilation is still reachable after the run");
        // What the report reads is still there.
        Assert.Equal(3, outcomes.Count);
        Assert.Contains(outcomes, o => o.Target.Display == "Shapes.Perimeter()" && o.Target.Kind == "method" && o.Model is not null);
    }

    [Fact]
    public void A_bottom_up_runs_summary_costs_do_not_keep_its_compilation_alive()
    {
        (IReadOnlyList<MethodOutcome> outcomes, SummaryCosts? costs, WeakReference compilation) = Run(CorpusCompilation.Extraction with { BottomUpSummaries = true });

        Collect();
        Assert.False(compilation.IsAlive, "the run's compilation is still reachable after the run");
        Assert.Contains(costs!.Summaries, s => s.Method == "Shapes.Side(int)");
        Assert.Contains(outcomes, o => o.Target.Display == "Shapes.Side(int)" && o.OwnSummary is not null);
    }

    // Not inlined: the compilation, its targets and the meter (which holds symbols during the run) must be unreachable
    // from the test's own frame once this returns; what the report reads of the meter is detached by name.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (IReadOnlyList<MethodOutcome>, SummaryCosts?, WeakReference) Run(Pix.Extraction.ExtractionOptions options)
    {
        SummaryMeter? meter = options.BottomUpSummaries ? new SummaryMeter() : null;
        var compilation = CorpusCompilation.Create("Retention", [("Shapes.cs", "using System.Linq;\n" + Source)], []);
        List<MethodTarget> targets = MethodTargets.Find(compilation, CancellationToken.None);
        List<MethodOutcome> outcomes = ExtractionRun.Run(targets, compilation, options, CancellationToken.None, meter);
        return (outcomes, meter?.Detach(), new WeakReference(compilation));
    }

    private static void Collect()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
        }
    }
}

[CollectionDefinition(nameof(CorpusRetentionTests), DisableParallelization = true)]
public sealed class CorpusRetentionCollection;
