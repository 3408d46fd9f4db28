using System.Runtime.CompilerServices;

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

    /// <summary>
    /// True for the copies whose code carries <see cref="Padding(long)"/> (the second and the fourth). The JIT folds the test
    /// for each instantiation, so the other copies carry none of it.
    /// </summary>
    /// <remarks>
    /// Why: the JIT compiles a kernel's copies one after another (they reach Tier 1 together in the common warm-up) into
    /// consecutive slots of the code heap, and copies of one size then start in the same half of a 64-byte block: the
    /// loop-exit search's four copies (36 bytes, a 64-byte slot each) started at one offset modulo 64 in 4 of 4 processes,
    /// and its loop's (134 bytes, 192) too (docs/accuracy.md, `copies25`). A padded copy takes one 32-byte step more of
    /// the heap, so the copies after it start in the other half: two copies in each.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Padded<TCopy>()
        where TCopy : struct => typeof(TCopy) == typeof(Copy1) || typeof(TCopy) == typeof(Copy3);

    /// <summary>
    /// About 32 bytes of code that a padded copy holds on a path it never takes (<see cref="Padded{TCopy}"/>): two 64-bit
    /// constants and two multiplies, which the JIT cannot fold without the run-time value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Padding(long x) => (x * unchecked((long)0x9E3779B97F4A7C15)) ^ ((x >>> 29) * unchecked((long)0xBF58476D1CE4E5B9));
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
