using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Pix;

/// <summary>
/// One term of a prediction: a block of code, how many times it runs, and what that costs on the
/// profile the prediction was made for. Generated <c>ExplainLatencyOf_X</c> methods build these.
/// </summary>
public sealed class LatencyTerm
{
    private readonly (string Name, double Value)[] _quantities;

    /// <summary>Creates a term.</summary>
    /// <param name="description">What the block is and where (<c>loop over unknown bound in Find (while loop at lines 81-100)</c>).</param>
    /// <param name="count">How many times the block runs (1 for straight-line code).</param>
    /// <param name="nanosecondsPerExecution">One execution of the block on the profile.</param>
    /// <param name="quantities">
    /// The quantities <paramref name="count"/> was computed from, with their values (<c>("chainLength", 12)</c>);
    /// none for straight-line code.
    /// </param>
    public LatencyTerm(string description, double count, double nanosecondsPerExecution, params (string Name, double Value)[] quantities)
    {
        Description = description ?? throw new ArgumentNullException(nameof(description));
        Count = count;
        PerExecution = new Latency(nanosecondsPerExecution);

        // count · price, the one multiplication LatencyOf_X makes for this term: the same double, to the last bit.
        Latency = new Latency(count * nanosecondsPerExecution);
        _quantities = quantities ?? Array.Empty<(string, double)>();
    }

    /// <summary>What the block is and where it is in the source.</summary>
    public string Description { get; }

    /// <summary>How many times the block runs.</summary>
    public double Count { get; }

    /// <summary>One execution of the block.</summary>
    public Latency PerExecution { get; }

    /// <summary>The term's share of the prediction: <see cref="Count"/> × <see cref="PerExecution"/>.</summary>
    public Latency Latency { get; }

    /// <summary>The quantities (inputs and PCVs) <see cref="Count"/> depends on, with the values they had.</summary>
    public IReadOnlyList<(string Name, double Value)> Quantities => _quantities;

    /// <summary><c>loop over … (chainLength = 12)</c>.</summary>
    public override string ToString() =>
        _quantities.Length == 0
            ? Description
            : Description + " (" + string.Join(", ", _quantities.Select(q => q.Name + " = " + q.Value.ToString("0.###", CultureInfo.InvariantCulture))) + ")";
}
