using Pix;

namespace Pix.Runtime.Tests.Measurement;

/// <summary>A clock in nanosecond ticks that moves only when the code under "measurement" says so.</summary>
internal sealed class FakeClock : TimeSource
{
    public long Now { get; private set; }

    public override long Frequency => 1_000_000_000;

    public override long GetTimestamp() => Now;

    public void Advance(long nanoseconds) => Now += nanoseconds;
}
