using System.Collections.Generic;
using System.Linq;
using Pix.Model;

namespace Pix.Extraction.Costs;

/// <summary>One path (or set of paths) through a region, selected by a guard over inputs.</summary>
internal sealed class PathAlternative
{
    public PathAlternative(Guard guard, CostAccumulator cost, bool terminated = false)
    {
        Guard = guard;
        Cost = cost;
        Terminated = terminated;
    }

    public Guard Guard { get; }

    public CostAccumulator Cost { get; }

    /// <summary>True once the path has returned or thrown: later code adds nothing to it.</summary>
    public bool Terminated { get; set; }

    public PathAlternative Restrict(Guard condition) => new(Guard.And(Guard, condition), Cost.Clone(), Terminated);
}

/// <summary>
/// The paths through the code analysed so far. Guards are mutually exclusive and together
/// exhaustive (every fork splits on c / !c), so their order does not matter and the last one can
/// become the model's unguarded piece.
/// </summary>
internal sealed class PathSet
{
    public PathSet(IEnumerable<PathAlternative> alternatives) => Alternatives = alternatives.ToList();

    public static PathSet Start() => new(new List<PathAlternative>(1) { new PathAlternative(Guard.Always, new CostAccumulator()) });

    public List<PathAlternative> Alternatives { get; }

    public IEnumerable<PathAlternative> Live => Alternatives.Where(a => !a.Terminated);

    // The mutators below loop over Alternatives and skip terminated paths instead of enumerating
    // Live: they run for every operation analysed, and the iterator was an allocation each time.

    public IEnumerable<PathAlternative> Finished => Alternatives.Where(a => a.Terminated);

    public bool AllTerminated => Alternatives.All(a => a.Terminated);

    public void AddOperations(OperationVector operations)
    {
        if (operations.IsEmpty)
        {
            return;
        }

        foreach (PathAlternative alternative in Alternatives)
        {
            if (!alternative.Terminated)
            {
                alternative.Cost.Operations.Add(operations);
            }
        }
    }

    public void ObserveLongest(OperationVector path)
    {
        foreach (PathAlternative alternative in Alternatives)
        {
            if (!alternative.Terminated)
            {
                alternative.Cost.ObserveLongest(path);
            }
        }
    }

    public void AddOpaque(string name, double count = 1)
    {
        foreach (PathAlternative alternative in Alternatives)
        {
            if (!alternative.Terminated)
            {
                alternative.Cost.AddOpaque(name, count);
            }
        }
    }

    public void AddTerm(PendingTerm term)
    {
        foreach (PathAlternative alternative in Alternatives)
        {
            if (!alternative.Terminated)
            {
                alternative.Cost.Terms.Add(term);
            }
        }
    }

    public void AddCost(CostAccumulator cost)
    {
        foreach (PathAlternative alternative in Alternatives)
        {
            if (!alternative.Terminated)
            {
                alternative.Cost.Append(cost);
            }
        }
    }

    /// <summary>Adds <paramref name="slack"/> to every live path's <see cref="CostAccumulator.Slack"/>.</summary>
    public void AddSlack(IReadOnlyList<PendingTerm> slack)
    {
        foreach (PathAlternative alternative in Alternatives)
        {
            if (!alternative.Terminated)
            {
                for (int i = 0; i < slack.Count; i++)
                {
                    alternative.Cost.AddSlack(slack[i]);
                }
            }
        }
    }

    public void TerminateLive()
    {
        foreach (PathAlternative alternative in Alternatives)
        {
            alternative.Terminated = true;
        }
    }

    /// <summary>
    /// Every live path followed by each of <paramref name="next"/>'s alternatives (their guards
    /// conjoined): sequential composition of two guarded sets.
    /// </summary>
    public void Then(IReadOnlyList<PathAlternative> next)
    {
        if (next.Count == 1 && next[0].Guard is TrueGuard)
        {
            AddCost(next[0].Cost);
            if (next[0].Terminated)
            {
                TerminateLive();
            }

            return;
        }

        var result = new List<PathAlternative>(Finished);
        foreach (PathAlternative alternative in Live)
        {
            foreach (PathAlternative follower in next)
            {
                CostAccumulator cost = alternative.Cost.Clone();
                cost.Append(follower.Cost);
                result.Add(new PathAlternative(Guard.And(alternative.Guard, follower.Guard), cost, follower.Terminated));
            }
        }

        Alternatives.Clear();
        Alternatives.AddRange(result);
    }

    /// <summary>The alternative with the highest sample price (ties: the first).</summary>
    public static PathAlternative Costliest(IEnumerable<PathAlternative> alternatives, double sample) =>
        Costliest(alternatives, sample, out _);

    /// <summary>The alternative with the highest sample price (ties: the first), and that price.</summary>
    public static PathAlternative Costliest(IEnumerable<PathAlternative> alternatives, double sample, out double price)
    {
        PathAlternative? best = null;
        double bestPrice = double.NegativeInfinity;
        foreach (PathAlternative alternative in alternatives)
        {
            double candidate = alternative.Cost.SamplePrice(sample);
            if (candidate > bestPrice)
            {
                best = alternative;
                bestPrice = candidate;
            }
        }

        price = bestPrice;
        return best!;
    }
}
