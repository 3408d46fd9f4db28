namespace Pix.Calibration.Kernels;

/// <summary>
/// How a placement-sensitive kernel is copied: its timed method is generic over a marker, and it hands the calibrator one
/// delegate per instantiation over <see cref="Copy0"/> … <see cref="Copy3"/>. The runtime never shares the code of an
/// instantiation over a value type, so each is a method of its own, compiled and placed apart: the calibrator times each
/// copy as its own probe and takes the mean over them (<see cref="PlacementFigure"/>).
/// </summary>
/// <remarks>
/// Why: where the JIT puts a loop's code is drawn once per process, and some loops run at one of two speeds by it
/// (docs/accuracy.md, `append24`: the append loop 1.72–2.15 or 2.43–2.66 ns an iteration by its and <c>Memmove</c>'s start
/// modulo 64; an inlined copy loop 0.70–0.94 or 1.09–1.17 by its own). A calibration timing one copy priced the class at
/// whichever speed its process drew; a user's code lands at a random placement, so the expected cost is the mean over
/// placements, which several copies in one process estimate. What the copies do not vary is the code they all call
/// (the process's one <c>SpanHelpers.Memmove</c>), which is drawn once per process still.
/// </remarks>
internal static class PlacementCopies
{
    /// <summary>Copies of each placement-sensitive kernel (one probe each, so each adds a timing a pass).</summary>
    public const int Count = 4;
}

/// <summary>Marker of a kernel's first copy (<see cref="PlacementCopies"/>): it carries no data, only a distinct instantiation.</summary>
internal struct Copy0
{
}

/// <summary>Marker of a kernel's second copy (<see cref="PlacementCopies"/>).</summary>
internal struct Copy1
{
}

/// <summary>Marker of a kernel's third copy (<see cref="PlacementCopies"/>).</summary>
internal struct Copy2
{
}

/// <summary>Marker of a kernel's fourth copy (<see cref="PlacementCopies"/>).</summary>
internal struct Copy3
{
}
