using System;
using System.Runtime.CompilerServices;
using Pix.Samples.NetworkFunctions.Packets;
using Pix.Samples.NetworkFunctions.Workloads;

/// <summary>
/// Copies of <c>TokenBucketPolicer.Police</c> that differ only in how the verdict reads the <c>Tokens</c> the refill
/// has just stored (<c>--reload</c> mode): the question is what that read costs on the packet's chain. The extractor
/// priced it as a full load after the store; the JIT keeps it as one (<c>mov [rax], r8</c> … <c>cmp [rax], rcx</c>).
/// <list type="bullet">
/// <item><see cref="PoliceReload"/>: the sample's code, the read through the same reference (same base register and
/// displacement as the store: a reload a core with memory renaming can serve from the stored register).</item>
/// <item><see cref="PoliceLocal"/>: the refilled value kept in a local, the verdict compares the register (no reload).</item>
/// <item><see cref="PoliceIndexedReload"/>: the read goes through an address with an index register that is zero at
/// run time (<c>[rax+rdx]</c>), the same location the store wrote: a store-to-load forward the core cannot rename.</item>
/// </list>
/// Same fields and constructor arguments as <c>PolicerScenario.NewPolicer()</c>.
/// </summary>
internal sealed class ReloadVariants
{
    private readonly Bucket[] _buckets = new Bucket[1 << 16];
    private readonly uint _subscriberPrefix = PolicerScenario.Subscribers;
    private readonly uint _subscriberMask = 0xFFFF0000;
    private readonly long _bytesPerSecond = PolicerScenario.BytesPerSecond;
    private readonly long _ticksPerSecond = 1_000_000;
    private readonly long _capacity;
    private readonly long _fullRefillTicks;

    // Zero, read from memory so the JIT cannot fold it: the index of PoliceIndexedReload's reload.
    private readonly nint _zero = Environment.ProcessorCount < 0 ? 1 : 0;

    public ReloadVariants()
    {
        _capacity = PolicerScenario.BurstBytes * _ticksPerSecond;
        _fullRefillTicks = (_capacity + _bytesPerSecond - 1) / _bytesPerSecond;
        for (int i = 0; i < _buckets.Length; i++)
        {
            _buckets[i].Tokens = _capacity;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool PoliceReload(ReadOnlySpan<byte> packet, long now)
    {
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

    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool PoliceLocal(ReadOnlySpan<byte> packet, long now)
    {
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
        long tokens = bucket.Tokens;
        if (elapsed > 0)
        {
            tokens = Math.Min(_capacity, tokens + elapsed * _bytesPerSecond);
            bucket.Tokens = tokens;
            bucket.LastRefill = now;
        }

        long cost = packet.Length * _ticksPerSecond;
        if (tokens < cost)
        {
            return false;
        }

        bucket.Tokens = tokens - cost;
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public bool PoliceIndexedReload(ReadOnlySpan<byte> packet, long now)
    {
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
        ref long tokens = ref Unsafe.As<byte, long>(ref Unsafe.AddByteOffset(ref Unsafe.As<Bucket, byte>(ref bucket), _zero));
        if (tokens < cost)
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
