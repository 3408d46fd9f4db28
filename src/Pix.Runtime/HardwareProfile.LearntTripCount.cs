using System;

namespace Pix;

// How long a loop whose trip count data decide may run before its exit costs a second misprediction. A branch predictor
// learns a loop's exit when the loop runs the same number of iterations every call, up to a length its history reaches:
// 128 iterations on the Zen 5 guest of the twenty-seventh session (bench/Pix.IndexOfStep), about 192 on the Zen 3 guest
// of the seventh. Past it the exit is mispredicted once more a call (one more LoopExitMiss, the extractor's "exit past
// the learnt trip count" term). The calibrator measures it (LearntTripCountKernel, LearntTripCountFit).
public sealed partial class HardwareProfile
{
    /// <summary>
    /// The learnt trip count of a profile that does not say: 128, the Zen 5 figure the extractor priced with as a
    /// constant until the twenty-eighth session, so that a profile written before the field predicts as it did.
    /// </summary>
    public const int DefaultLearntTripCount = 128;

    private int? _learntTripCount;

    /// <summary>
    /// The largest trip count the branch predictor learns for a data-stopped loop's exit: a call that runs such a loop
    /// more iterations pays one more <see cref="OperationClass.LoopExitMiss"/>. <see cref="DefaultLearntTripCount"/>
    /// when the profile does not say (<see cref="HasMeasuredLearntTripCount"/>).
    /// </summary>
    public int LearntTripCount => _learntTripCount ?? DefaultLearntTripCount;

    /// <summary>True when the profile carries its own learnt trip count (measured, or read from its file).</summary>
    public bool HasMeasuredLearntTripCount => _learntTripCount is not null;

    /// <summary>A copy of this profile with another learnt trip count.</summary>
    /// <param name="trips">Iterations, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="trips"/> is less than 1.</exception>
    public HardwareProfile WithLearntTripCount(int trips)
    {
        if (!IsValidLearntTripCount(trips))
        {
            throw new ArgumentOutOfRangeException(nameof(trips), trips, "A learnt trip count is at least 1 iteration.");
        }

        HardwareProfile copy = With(OperationClass.IntegerAlu, _costs[(int)OperationClass.IntegerAlu]);
        copy._learntTripCount = trips;
        return copy;
    }

    private static bool IsValidLearntTripCount(long trips) => trips is >= 1 and <= int.MaxValue;
}
