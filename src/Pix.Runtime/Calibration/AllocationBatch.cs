using System;

namespace Pix.Calibration;

/// <summary>
/// How many calls an allocation kernel's batch holds: a fixed amount of allocation, small beside the gen-0 budget, so
/// that most of its batches hold no collection in every calibration and its quietest batch is one without
/// (<see cref="AllocationFit"/>).
/// </summary>
/// <remarks>
/// The harness sizes a batch to last 0.5 ms, from the warm-up's last batches. For the 16-byte kernel that is 40–85 calls
/// (1.7–3.5 MB, beside a gen-0 budget of 2 MiB on this machine: every batch held one or two collections), unless the
/// sizing's last batch held a collection itself, when it stopped at 1–5 calls (0–1 collection in 11 batches). Which of
/// the two a calibration drew decided its 16-byte kernel's speed, its quietest batch 24.6–30 ns an iteration against
/// 21.6–23.4, and so the per-object cost (5.4 against 4.7–5.0 ns): the twentieth session's eight calibrations and six
/// more (docs/calibration.md, "Twentieth session"). Fixing the batch's allocation removes the draw.
/// </remarks>
internal static class AllocationBatch
{
    /// <summary>
    /// Bytes a batch allocates at most, counting the arrays' elements: 64 KiB, with the 16-byte kernel's headers 160 KiB,
    /// a thirteenth of this machine's 2 MiB gen-0 budget (the smallest seen here; earlier sessions saw 16 MiB).
    /// </summary>
    internal const long MaxBytes = 64 * 1024;

    /// <summary>Calls per batch for a kernel that allocates <paramref name="bytesPerCall"/> bytes a call: at least one.</summary>
    internal static long Calls(double bytesPerCall) =>
        bytesPerCall <= 0 ? 1 : Math.Max(1, (long)Math.Floor(MaxBytes / bytesPerCall));
}
