using System;
using System.Collections.Generic;
using System.Linq;

namespace Pix.Calibration;

/// <summary>
/// The per-object cost of an allocation (<see cref="OperationClass.Allocation"/>) from the smallest and the largest
/// allocation kernel's quietest batches: the two kernels allocate the same objects and differ only in their size, so
/// their difference is the bytes' part and what the smallest has left over is the objects'.
/// </summary>
/// <remarks>
/// The joint fit over the medians of the allocation kernels' timings (<see cref="KernelStatistic"/>) made the per-object
/// cost the least repeatable part that matters: 29–39% apart in the nineteenth session's quiet calibration pairs,
/// moving <c>Text.Repeat</c>(4)'s prediction by 13–17%. The cost is the intercept of a line through the kernels, so it
/// follows the 16-byte kernel (4 objects, 160 bytes an iteration with their headers) almost alone, and that kernel's
/// median moves with what its batches hold: the harness sizes a batch at 0.5 ms, 40–94 calls here (1.7–3.8 MB, beside a
/// gen-0 budget of 2 MiB: every batch held one or two collections), unless the sizing's last batch held a collection
/// itself, when it stopped at 1–5 calls (0–1 collection in 11 batches); on a shared core its timings ran at 30–68 ns an
/// iteration. Its quietest batch, over every timing, is the quiet core's: 21.4–24.7 ns in 18 calibrations at load 20–50,
/// where the medians read 22.7–46.6, and the per-object cost read 4.56–5.47 ns against 4.90–10.15 from the same raw
/// files (69 of 153 pairs within 5% against 33; docs/calibration.md, "Twentieth session"). The per-byte cost keeps the
/// medians' fit: it follows the memory system's moment, which the methods pay too (the seventeenth session's
/// <c>allocrule</c>).
/// <para>Two kernels, not a fit over all three: the 256-byte kernel ran some calibrations' timings in a state of its own
/// (34–41 ns an iteration where the others' ran 52–65) and, in a joint fit of quietest batches, pulled the intercept 15%
/// under the two-kernel figure of the same file.</para>
/// <para>Not repeatable yet: a calibration whose 16-byte batches all held a collection reads its quietest batch 24.6 ns,
/// not 21.4–23.4 (5.4 ns an object against 4.6–5.1). Fixing those batches at 64 KiB of allocation, so most would hold
/// none, was tried and reverted: two of four calibrations then ran the kernel at 34–35 ns in every batch, with no
/// collection in any.</para>
/// </remarks>
internal static class AllocationFit
{
    /// <summary>
    /// The per-object cost solved from <paramref name="kernels"/> (each with its quietest batch as
    /// <see cref="KernelObservation.NanosecondsPerIteration"/>): the two that allocate the fewest and the most bytes an
    /// iteration, their other counts priced by <paramref name="priceOthers"/>. Null when fewer than two allocation kernels
    /// differ in size or the objects' part would not be positive (the fit's own figure stays then).
    /// </summary>
    public static double? PerObject(IReadOnlyList<KernelObservation> kernels, Func<IEnumerable<KeyValuePair<OperationClass, double>>, double> priceOthers)
    {
        KernelObservation[] allocating = kernels
            .Where(k => Count(k, OperationClass.Allocation) > 0 && Count(k, OperationClass.AllocatedByte) > 0)
            .OrderBy(k => Count(k, OperationClass.AllocatedByte) / Count(k, OperationClass.Allocation))
            .ToArray();
        if (allocating.Length < 2)
        {
            return null;
        }

        KernelObservation small = allocating[0];
        KernelObservation large = allocating[^1];
        double Rest(KernelObservation k) =>
            k.NanosecondsPerIteration - priceOthers(k.CountsPerIteration.Where(p => p.Key is not OperationClass.Allocation and not OperationClass.AllocatedByte));

        // rest = objects · a + bytes · b for both kernels: two equations, two unknowns.
        double o1 = Count(small, OperationClass.Allocation), b1 = Count(small, OperationClass.AllocatedByte);
        double o2 = Count(large, OperationClass.Allocation), b2 = Count(large, OperationClass.AllocatedByte);
        double determinant = (o1 * b2) - (o2 * b1);
        if (determinant == 0)
        {
            return null;
        }

        double perObject = ((Rest(small) * b2) - (Rest(large) * b1)) / determinant;
        return perObject > 0 ? perObject : null;
    }

    private static double Count(KernelObservation k, OperationClass c) =>
        k.CountsPerIteration.TryGetValue(c, out double n) ? n : 0;
}
