using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Pix;

/// <summary>
/// A prediction explained: which piece of the interface applied and what each of its terms
/// contributes. Returned by the generated <c>ExplainLatencyOf_X</c>, the twin of <c>LatencyOf_X</c>
/// that takes the same arguments; <see cref="Total"/> equals <c>LatencyOf_X</c>'s result exactly,
/// because the terms are added in the order <c>LatencyOf_X</c> adds them.
/// </summary>
public sealed class LatencyBreakdown
{
    private readonly LatencyTerm[] _terms;

    /// <summary>A breakdown into <paramref name="terms"/>, added in this order.</summary>
    /// <param name="method">The method predicted (<c>Nat.Process(ReadOnlySpan&lt;byte&gt;, …)</c>).</param>
    /// <param name="piece">The piece of the interface that applied (<c>when packet.Length &lt; 34</c>).</param>
    /// <param name="terms">The piece's terms.</param>
    public LatencyBreakdown(string method, string piece, params LatencyTerm[] terms)
        : this(method, piece, Array.Empty<LatencyTerm>(), terms)
    {
    }

    /// <summary>
    /// A breakdown into the terms every piece shares (<paramref name="common"/>, summed first, as
    /// <c>LatencyOf_X</c> sums them into its <c>common</c> local) followed by the piece's own.
    /// </summary>
    /// <param name="method">The method predicted.</param>
    /// <param name="piece">The piece of the interface that applied.</param>
    /// <param name="common">The terms common to every piece.</param>
    /// <param name="own">The piece's other terms.</param>
    public LatencyBreakdown(string method, string piece, IReadOnlyList<LatencyTerm> common, params LatencyTerm[] own)
    {
        Method = method ?? throw new ArgumentNullException(nameof(method));
        Piece = piece ?? throw new ArgumentNullException(nameof(piece));
        if (common is null || own is null)
        {
            throw new ArgumentNullException(common is null ? nameof(common) : nameof(own));
        }

        _terms = common.Concat(own).ToArray();
        double total = 0;
        foreach (LatencyTerm term in _terms)
        {
            total += term.Latency.Nanoseconds;
        }

        Total = new Latency(total);
    }

    /// <summary>The method predicted.</summary>
    public string Method { get; }

    /// <summary>The piece of the interface that applied.</summary>
    public string Piece { get; }

    /// <summary>The terms, in the order the interface adds them.</summary>
    public IReadOnlyList<LatencyTerm> Terms => _terms;

    /// <summary>The prediction: the terms' sum, equal to <c>LatencyOf_X</c>'s result.</summary>
    public Latency Total { get; }

    /// <summary>The fraction of <see cref="Total"/> that <paramref name="term"/> contributes (0 when the total is 0).</summary>
    public double ShareOf(LatencyTerm term) => Total.Nanoseconds == 0 ? 0 : term.Latency.Nanoseconds / Total.Nanoseconds;

    /// <summary>
    /// Per quantity (input or PCV), with its value, the latency of the terms whose count depends on it,
    /// largest first. A term whose count depends on two quantities (<c>n × m</c>) counts for both, so
    /// the shares of different quantities can add up to more than the total.
    /// </summary>
    public IReadOnlyList<(string Name, double Value, Latency Latency)> ByQuantity() =>
        _terms
            .SelectMany(t => t.Quantities.Select(q => (q.Name, q.Value, t.Latency.Nanoseconds)))
            .GroupBy(x => (x.Name, x.Value))
            .Select(g => (g.Key.Name, g.Key.Value, new Latency(g.Sum(x => x.Nanoseconds))))
            .OrderByDescending(x => x.Item3.Nanoseconds)
            .ToArray();

    /// <summary>
    /// The explanation for people, largest term first:
    /// <code>
    /// Nat.Process(…) = 2.35 µs (when inPort == 0):
    ///   96%  2.26 µs  loop over unknown bound in Find (…) (chainLength = 750)
    /// </code>
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Method).Append(" = ").Append(Total).Append(" (").Append(Piece).Append("):");
        foreach (LatencyTerm term in _terms.OrderByDescending(t => t.Latency.Nanoseconds))
        {
            text.AppendLine().Append(string.Format(CultureInfo.InvariantCulture, "  {0,4:0%} {1,9}  {2}", ShareOf(term), term.Latency, term));
        }

        return text.ToString();
    }
}
