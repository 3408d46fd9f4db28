using System;
using System.Collections.Generic;
using System.Threading;

namespace Pix.Solver;

/// <summary>
/// Asks an engine a question and, when it finds an input, looks for a smaller one: a binary search on
/// the input's size (the sum of the absolute values of the quantities) with
/// <see cref="SolverQuestion.InputSizeLimit"/>, bounded by <see cref="SolverOptions.MinimizationSteps"/>.
/// The bound is a step count, not a time budget, on purpose: a time budget would make the reported
/// witness depend on the machine's load, and the check promises deterministic diagnostics. Worst case
/// per question: (1 + steps) × the per-query timeout.
/// Z3's <c>minimize</c> would be the direct route, but its optimiser does not handle the nonlinear
/// costs Pix writes; repeated satisfiability checks do, and each is a cheap query.
/// </summary>
public static class WitnessSearch
{
    /// <summary>The engine's answer, with the smallest witness found within the step budget.</summary>
    public static SolverAnswer FindSmallest(SolverEngine engine, SolverQuestion question, SolverOptions options, CancellationToken cancellationToken)
    {
        SolverAnswer best = engine.Check(question, cancellationToken);
        if (best.Verdict != SolverVerdict.Found)
        {
            return best;
        }

        double low = 0;
        double high = Math.Floor(QuestionEvaluator.Size(best.Witness));
        for (int step = 0; step < options.MinimizationSteps && low < high; step++)
        {
            double limit = Math.Floor((low + high) / 2);
            SolverAnswer smaller = engine.Check(question with { InputSizeLimit = limit }, cancellationToken);
            if (smaller.Verdict == SolverVerdict.Found)
            {
                best = smaller;
                high = Math.Min(limit, Math.Floor(QuestionEvaluator.Size(smaller.Witness)));
            }
            else
            {
                low = limit + 1;
            }
        }

        return best;
    }

    /// <summary>The witness as a dictionary sorted by name, for stable messages.</summary>
    public static SortedDictionary<string, double> Sorted(IReadOnlyDictionary<string, double> witness)
    {
        var sorted = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, double> p in witness)
        {
            sorted[p.Key] = p.Value;
        }

        return sorted;
    }
}
