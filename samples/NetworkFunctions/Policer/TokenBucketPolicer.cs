using System;
using Pix.Samples.NetworkFunctions.Packets;

namespace Pix.Samples.NetworkFunctions.Policer;

/// <summary>
/// A per-subscriber token-bucket policer (single rate, two colours, RFC 2697 without the excess
/// bucket): each address of the subscriber prefix has a bucket of <c>burstBytes</c> that refills at
/// <c>bytesPerSecond</c>; a packet conforms when its bucket holds at least its length. Buckets are
/// indexed directly by the low bits of the destination address, so a packet costs the same
/// whatever the table holds, but for where its bucket's line is: a subscriber's bucket revisited
/// every few hundred packets has been evicted from L1 by the traffic in between (the frames, the
/// other buckets), a burst's one bucket never is. Its only PCVs are that bucket line's cold loads
/// (<c>PixHint.ColdLoads("bucketMisses", …)</c>), which the workloads trace through the simulated caches.
/// </summary>
public sealed partial class TokenBucketPolicer
{
    /// <summary>The most buckets a policer holds: one per address of a /16, the widest prefix it takes.</summary>
    public const int MaxBuckets = 1 << 16;

    /// <summary>The size of a bucket in bytes (two longs): four share a cache line.</summary>
    public const int BucketBytes = 16;

    /// <summary>
    /// The bytes the bucket table spans when it is widest: <see cref="MaxBuckets"/> buckets and the array's 16-byte header
    /// (method table and length), 1 MiB and 16 bytes.
    /// </summary>
    public const int TableBytes = (MaxBuckets * BucketBytes) + 16;

    private readonly Bucket[] _buckets;
    private readonly uint _subscriberPrefix;
    private readonly uint _subscriberMask;
    private readonly long _bytesPerSecond;
    private readonly long _ticksPerSecond;
    private readonly long _capacity;
    private readonly long _fullRefillTicks;

    /// <summary>
    /// Creates a policer for the addresses of <paramref name="subscriberPrefix"/>/<paramref name="prefixLength"/>
    /// (at least /16), with every bucket full at time 0. Time is in units of 1/<paramref name="ticksPerSecond"/> s.
    /// </summary>
    public TokenBucketPolicer(uint subscriberPrefix, int prefixLength, long bytesPerSecond, long burstBytes, long ticksPerSecond)
    {
        if (prefixLength < 16 || prefixLength > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(prefixLength), prefixLength, "The subscriber prefix must be /16 to /32 (one bucket per address).");
        }

        if (bytesPerSecond <= 0 || burstBytes <= 0 || ticksPerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bytesPerSecond), "Rate, burst and clock frequency must be positive.");
        }

        _subscriberMask = uint.MaxValue << (32 - prefixLength);
        _subscriberPrefix = subscriberPrefix & _subscriberMask;
        // Tokens are kept in byte-ticks (bytes x ticksPerSecond): a refill is then elapsed x rate, exactly,
        // with no division per packet and no fraction of a byte lost between closely spaced packets.
        _capacity = checked(burstBytes * ticksPerSecond);
        _buckets = new Bucket[1 << (32 - prefixLength)];
        for (int i = 0; i < _buckets.Length; i++)
        {
            _buckets[i].Tokens = _capacity;
        }

        _bytesPerSecond = bytesPerSecond;
        _ticksPerSecond = ticksPerSecond;
        // Beyond this much idle time a bucket is full; capping the elapsed time keeps the product from overflowing.
        _fullRefillTicks = (_capacity + bytesPerSecond - 1) / bytesPerSecond;
    }

    /// <summary>Whole bytes of credit in the bucket of <paramref name="address"/> as of its last packet.</summary>
    public long TokensOf(uint address) => _buckets[(int)(address & ~_subscriberMask)].Tokens / _ticksPerSecond;

    /// <summary>
    /// Returns true when <paramref name="packet"/>, seen at <paramref name="now"/>, conforms to its
    /// destination's rate (and takes its length from the bucket); traffic to other addresses passes
    /// unpoliced; malformed packets are dropped.
    /// </summary>
    [PerformanceInterface, System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public bool Police(ReadOnlySpan<byte> packet, long now)
    {
        PixHint.ColdLoads("bucketMisses", TableBytes, "the packet's bucket line, not in L1 (its subscriber's last packet was long ago)");
        if (!PacketParser.TryParse(packet, out PacketHeaders headers))
        {
            return false;
        }

        if ((headers.DestinationIp & _subscriberMask) != _subscriberPrefix)
        {
            return true;
        }

        ref Bucket bucket = ref _buckets[(int)(headers.DestinationIp & ~_subscriberMask)];
        long elapsed = Math.Min(now - bucket.LastRefill, _fullRefillTicks);
        if (elapsed > 0)
        {
            bucket.Tokens = Math.Min(_capacity, bucket.Tokens + elapsed * _bytesPerSecond);
            bucket.LastRefill = now;
        }

        long cost = packet.Length * _ticksPerSecond;
        if (bucket.Tokens < cost)
        {
            return false;
        }

        bucket.Tokens -= cost;
        return true;
    }

    private struct Bucket
    {
        public long Tokens; // byte-ticks
        public long LastRefill;
    }
}
