using System.Collections.Generic;
using System.Linq;

namespace Pix;

/// <summary>The memory-latency kernel's figure (ns a load served by memory, without page walks) and the timed pieces it came from.</summary>
/// <param name="LatencyNs">The median of <paramref name="PiecesNs"/>.</param>
/// <param name="PiecesNs">Each timed piece of every lap, ns a link, in the order timed.</param>
public sealed record MemoryLatencyTiming(double LatencyNs, IReadOnlyList<double> PiecesNs)
{
    /// <summary>The lowest piece (ns a link).</summary>
    public double LowestNs => PiecesNs.Min();

    /// <summary>The highest piece (ns a link).</summary>
    public double HighestNs => PiecesNs.Max();
}
