using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Policer;

namespace Pix.Samples.Tests.NetworkFunctions;

public class TokenBucketPolicerTests
{
    private const uint Subscriber = 0x0A140007;
    private const long Rate = 1_000_000;   // bytes per second
    private const long Burst = 3000;       // bytes
    private const long Second = 1_000_000; // clock: µs

    private static TokenBucketPolicer NewPolicer() => new(0x0A140000, 16, Rate, Burst, Second);

    private static byte[] To(uint destination, int length) =>
        Frames.Build(new FlowKey(0x0B000001, destination, 443, 50000, Wire.ProtocolTcp), length: length);

    [Fact]
    public void A_full_bucket_passes_its_burst_then_drops()
    {
        TokenBucketPolicer policer = NewPolicer();
        Assert.True(policer.Police(To(Subscriber, 1500), 0));
        Assert.True(policer.Police(To(Subscriber, 1500), 0));
        Assert.False(policer.Police(To(Subscriber, 64), 0));
        Assert.Equal(0, policer.TokensOf(Subscriber));
    }

    [Fact]
    public void The_bucket_refills_at_the_rate_without_losing_fractions()
    {
        TokenBucketPolicer policer = NewPolicer();
        policer.Police(To(Subscriber, 1500), 0);
        policer.Police(To(Subscriber, 1500), 0);

        // 1 MB/s = one byte per µs; 64-byte frames every 10 µs earn 10 bytes each: every 7th-ish passes.
        long passedBytes = 0;
        for (long t = 10; t <= 100_000; t += 10)
        {
            if (policer.Police(To(Subscriber, 64), t))
            {
                passedBytes += 64;
            }
        }

        // Exactly rate x time may pass (the bucket was empty), give or take one frame.
        Assert.InRange(passedBytes, 100_000 - 64, 100_000);
    }

    [Fact]
    public void Idle_buckets_refill_to_the_burst_and_no_further()
    {
        TokenBucketPolicer policer = NewPolicer();
        policer.Police(To(Subscriber, 1500), 0);
        policer.Police(To(Subscriber, 100), 10 * Second);
        Assert.Equal(Burst - 100, policer.TokensOf(Subscriber));
    }

    [Fact]
    public void Subscribers_are_policed_separately_and_others_pass()
    {
        TokenBucketPolicer policer = NewPolicer();
        policer.Police(To(Subscriber, 1500), 0);
        policer.Police(To(Subscriber, 1500), 0);

        Assert.True(policer.Police(To(Subscriber + 1, 1500), 0));
        Assert.True(policer.Police(To(0x0B000001, 1500), 0));
        Assert.False(policer.Police(new byte[30], 0));
    }
}
