using System.Diagnostics;

namespace Pix;

/// <summary>The clock the harness reads; tests substitute a fake one to check the batch-sizing logic without wall-clock time.</summary>
internal abstract class TimeSource
{
    /// <summary>The high-resolution clock of the machine.</summary>
    public static TimeSource System { get; } = new StopwatchTimeSource();

    /// <summary>Ticks per second of <see cref="GetTimestamp"/>.</summary>
    public abstract long Frequency { get; }

    public abstract long GetTimestamp();

    public double ToNanoseconds(long ticks) => ticks * (1e9 / Frequency);

    public long FromSeconds(double seconds) => (long)(seconds * Frequency);

    private sealed class StopwatchTimeSource : TimeSource
    {
        public override long Frequency => Stopwatch.Frequency;

        public override long GetTimestamp() => Stopwatch.GetTimestamp();
    }
}
