using System.Linq;

namespace Pix.Model;

/// <summary>
/// A performance interface: a short program, over the same inputs as the method it describes, that
/// returns the method's latency on a <see cref="HardwareProfile"/>. This is the heart of Pix: the
/// extractor produces it, and the C# emitter, the JSON baseline writer, the SMT-LIB writer and the
/// evaluator consume it.
/// </summary>
/// <remarks>
/// <para>Semantics: the first <see cref="Pieces"/> entry whose guard holds gives the latency, the sum
/// over its terms of <c>term.Count × price(term.Block)</c>. Quantities are non-negative numbers;
/// PCVs missing from the caller's bindings take their <see cref="Quantity.Bound"/>.</para>
/// <para>Immutable, value-equatable, and free of Roslyn types, so it can be cached by the incremental
/// generator and read back from a baseline file without a compilation.</para>
/// </remarks>
/// <param name="MethodId">Stable key: the method's documentation comment ID (<c>M:Ns.Type.Method(System.Int32)</c>).</param>
/// <param name="MethodName">The method's display name (<c>Checksums.Adler32(ReadOnlySpan&lt;byte&gt;)</c>).</param>
/// <param name="Quantities">Every quantity the pieces read, inputs first then PCVs, in source order.</param>
/// <param name="Pieces">Guarded pieces; the last has guard <see cref="Guard.Always"/>.</param>
/// <param name="Gaps">Where the interface approximates; empty when it is complete.</param>
/// <param name="Resolution">The relative resolution pieces were merged at (0 = none).</param>
/// <param name="Origin">The method's declaration.</param>
public sealed record InterfaceModel(
    string MethodId,
    string MethodName,
    EquatableArray<Quantity> Quantities,
    EquatableArray<Piece> Pieces,
    EquatableArray<Gap> Gaps,
    double Resolution,
    Provenance Origin)
{
    /// <summary>Version of the model's serialized form (baseline files carry it).</summary>
    public const int SchemaVersion = 1;

    /// <summary>
    /// For a model extracted at resolution 0: the least resolution at which its branches on data are within
    /// the resolution, the largest ratio, over its pieces and the samples pieces are merged at, of the combined
    /// slack of those branches (what keeping each one's costlier arm can add, counted as the cost is) to the
    /// piece's latency. Null when it has no such branch, or one cannot be bounded (docs/extractor.md,
    /// "Branches within the resolution"). Null in a merged model: it has been applied.
    /// </summary>
    public double? BranchSlack { get; init; }

    /// <summary>
    /// The <see cref="GapKind.DataDependentBranch"/> gaps a merge at <see cref="Resolution"/> found within the
    /// resolution (<see cref="BranchSlack"/>): no longer approximations this interface owes anyone, so not in
    /// <see cref="Gaps"/>, but kept for what reads every branch on data (the constant-time cross-check).
    /// </summary>
    public EquatableArray<Gap> GapsWithinResolution { get; init; }

    /// <summary>True when nothing was approximated.</summary>
    public bool IsComplete => Gaps.IsEmpty;

    /// <summary>
    /// True when Pix itself failed on the method (an <see cref="GapKind.InternalError"/> gap): the model
    /// is a placeholder that must not be emitted or compared.
    /// </summary>
    public bool IsInternalError => Gaps.Any(g => g.Kind == GapKind.InternalError);

    /// <summary>The PCVs, in declaration order.</summary>
    public EquatableArray<Quantity> Pcvs => Quantities.Where(q => q.IsPcv).ToEquatableArray();

    /// <summary>The quantity called <paramref name="name"/>, or null.</summary>
    public Quantity? FindQuantity(string name) => Quantities.FirstOrDefault(q => q.Name == name);
}
