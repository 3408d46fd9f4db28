using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pix.Extraction;
using Pix.Model;

namespace Pix.Corpus;

/// <summary>
/// The cross-compilation cache's invariant, checked on one served model: what a compilation got from
/// the cache equals what a fresh extraction gives in that compilation (no model of another compilation,
/// no replayed callee summary).
/// </summary>
internal static class ReuseCheck
{
    /// <summary>Null when the served model of <paramref name="method"/> equals a fresh one, else what differs first.</summary>
    public static string? Difference(IMethodSymbol method, Compilation compilation, ExtractionOptions options, CancellationToken ct) =>
        // The served model is in the compilation's own cache under these options; a fresh one is keyed apart.
        Difference(InterfaceExtractor.Extract(method, compilation, options, ct), method, compilation, options, ct);

    /// <summary>Null when <paramref name="served"/> (a model some cache gave for <paramref name="method"/>) equals a fresh one, else what differs first.</summary>
    public static string? Difference(InterfaceModel served, IMethodSymbol method, Compilation compilation, ExtractionOptions options, CancellationToken ct)
    {
        InterfaceModel fresh = InterfaceExtractor.Extract(
            method, compilation, options with { ReuseAcrossCompilations = false, ReuseCalleeSummaries = false }, ct);
        if (served.Equals(fresh))
        {
            return null;
        }

        if (!served.Origin.Equals(fresh.Origin))
        {
            return $"origin {Place(served.Origin)}, fresh {Place(fresh.Origin)}";
        }

        if (!served.Gaps.Equals(fresh.Gaps))
        {
            return $"gaps [{string.Join("; ", served.Gaps.Select(g => g.Construct + " " + Place(g.Where)))}], fresh [{string.Join("; ", fresh.Gaps.Select(g => g.Construct + " " + Place(g.Where)))}]";
        }

        if (!served.Quantities.Equals(fresh.Quantities))
        {
            return $"quantities [{string.Join("; ", served.Quantities.Select(q => q.Name + ": " + q.Description))}], fresh [{string.Join("; ", fresh.Quantities.Select(q => q.Name + ": " + q.Description))}]";
        }

        return $"terms [{string.Join("; ", served.Pieces.SelectMany(p => p.Terms).Select(t => t.Count + " × " + t.Description + " " + Place(t.Origin)))}], "
            + $"fresh [{string.Join("; ", fresh.Pieces.SelectMany(p => p.Terms).Select(t => t.Count + " × " + t.Description + " " + Place(t.Origin)))}]";
    }

    private static string Place(Provenance p) => $"{System.IO.Path.GetFileName(p.FilePath)}:{p.Line}:{p.Start}+{p.Length}";
}
