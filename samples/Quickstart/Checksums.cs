using System;
using Pix;

namespace Quickstart;

/// <summary>Checksums over a span: one pass, one loop-carried chain per byte.</summary>
public static partial class Checksums
{
    /// <summary>32-bit FNV-1a: xor the byte in, multiply by the FNV prime.</summary>
    [PerformanceInterface, PerformanceInputs(nameof(Bytes), Sizes = new[] { 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144 })]
    public static uint Fnv1a(ReadOnlySpan<byte> data)
    {
        uint hash = 2166136261;
        for (int i = 0; i < data.Length; i++)
        {
            hash ^= data[i];
            hash *= 16777619;
        }

        return hash;
    }

    /// <summary>Adler-32 (RFC 1950), reducing modulo 65521 at every byte, as the textbook does.</summary>
    [PerformanceInterface, PerformanceInputs(nameof(Bytes), Sizes = new[] { 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144 })]
    public static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint Modulus = 65521;
        uint a = 1;
        uint b = 0;
        for (int i = 0; i < data.Length; i++)
        {
            a = (a + data[i]) % Modulus;
            b = (b + a) % Modulus;
        }

        return (b << 16) | a;
    }

    /// <summary>Both checksums of the same data, folded into one value: a method composed of two others.</summary>
    [PerformanceInterface, PerformanceInputs(nameof(Bytes), Sizes = new[] { 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144 })]
    public static ulong Fingerprint(ReadOnlySpan<byte> data)
    {
        ulong adler = Adler32(data);
        ulong fnv = Fnv1a(data);
        return (adler << 32) | fnv;
    }
}
