using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using Pix.LoadBalancerParts;
using Pix.RecordEquality;

// dotnet bench/Pix.RecordEquality/bin/Release/net10.0/Pix.RecordEquality.dll [--rounds N]
// 1. The JIT's decision at a record struct's `==` per key shape and site: unguarded in a loop (Scan*), straight-line
//    (First*, AndF5), behind one condition in a loop that rarely passes (Guarded*) or passes at the first slot
//    (Found*), behind two (Guarded2F5) and in the connection table's shape (LiveF5); read from the runtime's inlining
//    events after every method has reached Tier 1 (InliningEvents). DOTNET_TieredPGO=0: the same without a profile.
// 2. ns per slot of the guarded probe (GuardedF5, its Equals refused) against the same probe comparing the five fields
//    by hand (FieldGuardedF5), both compiled while a match was rare, then timed with all 8 slots matching: the refused
//    call's cost each time it runs (throughput, not a packet's latency), in rounds that alternate.
int rounds = 7;
for (int i = 0; i < args.Length; i++)
{
    rounds = args[i] == "--rounds" ? int.Parse(args[++i], CultureInfo.InvariantCulture) : throw new ArgumentException($"Unknown option '{args[i]}'.");
}

using var events = new InliningEvents(new[] { "Sites" });
const int n = 1024;
var random = new Random(28);
uint U() => (uint)random.Next(4);
var k1 = Enumerable.Range(0, n).Select(_ => new K1(U())).ToArray();
var k2 = Enumerable.Range(0, n).Select(_ => new K2(U(), U())).ToArray();
var k3 = Enumerable.Range(0, n).Select(_ => new K3(U(), U(), U())).ToArray();
var k4 = Enumerable.Range(0, n).Select(_ => new K4(U(), U(), U(), U())).ToArray();
var k5 = Enumerable.Range(0, n).Select(_ => new K5(U(), U(), U(), U(), U())).ToArray();
var k6 = Enumerable.Range(0, n).Select(_ => new K6(U(), U(), U(), U(), U(), U())).ToArray();
var f4 = Enumerable.Range(0, n).Select(_ => new F4(U(), U(), (ushort)U(), (ushort)U())).ToArray();
var f5 = Enumerable.Range(0, n).Select(_ => new F5(U(), U(), (ushort)U(), (ushort)U(), (byte)U())).ToArray();
var hashes = Enumerable.Range(0, n).Select(_ => (uint)random.Next()).ToArray();
var inUse = Enumerable.Repeat(true, n).ToArray();
var stamps = Enumerable.Range(0, n).Select(i => (long)i).ToArray();
var b8 = Enumerable.Range(0, n).Select(_ => new B8((byte)U(), (byte)U(), (byte)U(), (byte)U(), (byte)U(), (byte)U(), (byte)U(), (byte)U())).ToArray();

// Tier 1 needs 30 calls and the call-counting delay (100 ms); a second of calls covers both, with OSR and PGO.
long sink = 0;
var warm = Stopwatch.StartNew();
while (warm.ElapsedMilliseconds < 1500)
{
    for (int r = 0; r < 50; r++)
    {
        sink += Sites.ScanK1(k1, k1[r]) + Sites.ScanK2(k2, k2[r]) + Sites.ScanK3(k3, k3[r]) + Sites.ScanK4(k4, k4[r])
            + Sites.ScanK5(k5, k5[r]) + Sites.ScanK6(k6, k6[r]) + Sites.ScanF4(f4, f4[r]) + Sites.ScanF5(f5, f5[r]) + Sites.ScanB8(b8, b8[r])
            + Sites.FirstK4(k4, r) + Sites.FirstF4(f4, r) + Sites.FirstF5(f5, r) + Sites.FirstK5(k5, r)
            + Sites.FieldGuardedF5(f5, hashes, f5[r], (uint)r) + Sites.GuardedF5(f5, hashes, f5[r], (uint)r) + Sites.GuardedK4(k4, hashes, k4[r], (uint)r)
            + Sites.GuardedK2(k2, hashes, k2[r], (uint)r) + Sites.GuardedK1(k1, hashes, k1[r], (uint)r) + Sites.GuardedK6(k6, hashes, k6[r], (uint)r)
            + Sites.Guarded2F5(f5, inUse, hashes, f5[r], (uint)r) + Sites.LiveF5(f5, inUse, stamps, hashes, f5[r], (uint)r, r)
            + Sites.FoundF5(f5, hashes, f5[r], r) + Sites.FoundK2(k2, hashes, k2[r], r) + Sites.AndF5(f5, hashes, f5[r], r);
    }
}

Console.WriteLine("The JIT's decisions (method compiled | inlinee | outcome), Tier 1 and OSR compilations:");
events.Print();

Console.WriteLine();
Console.WriteLine("ns per slot, all 8 slots matching (hash and key), each site compiled when a match was rare: GuardedF5's");
Console.WriteLine("`==` (the Equals call the JIT refused), FieldGuardedF5's five fields by hand (inlined compares); load");
var sameHashes = Enumerable.Repeat(hashes[3], 8).ToArray();
var sameKeys = Enumerable.Repeat(f5[3], 8).ToArray();
var byRecord = new double[rounds];
var byFields = new double[rounds];
for (int round = 0; round < rounds; round++)
{
    byRecord[round] = Time(() => Sites.GuardedF5(sameKeys, sameHashes, f5[3], hashes[3]));
    byFields[round] = Time(() => Sites.FieldGuardedF5(sameKeys, sameHashes, f5[3], hashes[3]));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{round + 1,3} {byRecord[round],8:0.000} {byFields[round],8:0.000}  {System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
}

Array.Sort(byRecord);
Array.Sort(byFields);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"median {byRecord[rounds / 2],8:0.000} {byFields[rounds / 2],8:0.000}  difference {byRecord[rounds / 2] - byFields[rounds / 2]:0.000} ns per compare"));
GC.KeepAlive(sink);

// The quickest of 200 passes of 1,000 calls, ns per slot (8 a call).
double Time(Func<int> call)
{
    double best = double.MaxValue;
    for (int pass = 0; pass < 200; pass++)
    {
        long start = Stopwatch.GetTimestamp();
        for (int c = 0; c < 1000; c++)
        {
            sink += call();
        }

        best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalNanoseconds / (1000 * 8));
    }

    return best;
}

internal static class Sites
{
    public static int ScanK1(K1[] keys, K1 probe) { int hits = 0; for (int i = 0; i < keys.Length; i++) { if (keys[i] == probe) { hits++; } } return hits; }
    public static int ScanK2(K2[] keys, K2 probe) { int hits = 0; for (int i = 0; i < keys.Length; i++) { if (keys[i] == probe) { hits++; } } return hits; }
    public static int ScanK3(K3[] keys, K3 probe) { int hits = 0; for (int i = 0; i < keys.Length; i++) { if (keys[i] == probe) { hits++; } } return hits; }
    public static int ScanK4(K4[] keys, K4 probe) { int hits = 0; for (int i = 0; i < keys.Length; i++) { if (keys[i] == probe) { hits++; } } return hits; }
    public static int ScanK5(K5[] keys, K5 probe) { int hits = 0; for (int i = 0; i < keys.Length; i++) { if (keys[i] == probe) { hits++; } } return hits; }
    public static int ScanK6(K6[] keys, K6 probe) { int hits = 0; for (int i = 0; i < keys.Length; i++) { if (keys[i] == probe) { hits++; } } return hits; }
    public static int ScanF4(F4[] keys, F4 probe) { int hits = 0; for (int i = 0; i < keys.Length; i++) { if (keys[i] == probe) { hits++; } } return hits; }
    public static int ScanF5(F5[] keys, F5 probe) { int hits = 0; for (int i = 0; i < keys.Length; i++) { if (keys[i] == probe) { hits++; } } return hits; }
    public static int ScanB8(B8[] keys, B8 probe) { int hits = 0; for (int i = 0; i < keys.Length; i++) { if (keys[i] == probe) { hits++; } } return hits; }

    // Straight-line sites: one compare, no loop.
    public static int FirstK4(K4[] keys, int r) => keys[r] == keys[r + 1] ? 1 : 0;
    public static int FirstK5(K5[] keys, int r) => keys[r] == keys[r + 1] ? 1 : 0;
    public static int FirstF4(F4[] keys, int r) => keys[r] == keys[r + 1] ? 1 : 0;
    public static int FirstF5(F5[] keys, int r) => keys[r] == keys[r + 1] ? 1 : 0;

    // As the connection table's probe: eight slots, the key compared only when a 32-bit hash matches, which a
    // random hash almost never does, so the compare's block runs far less often than the method is entered.
    public static int GuardedF5(F5[] keys, uint[] hashes, F5 probe, uint hash) { int hits = 0; for (int i = 0; i < 8; i++) { if (hashes[i] == hash && keys[i] == probe) { hits++; } } return hits; }
    public static int GuardedK4(K4[] keys, uint[] hashes, K4 probe, uint hash) { int hits = 0; for (int i = 0; i < 8; i++) { if (hashes[i] == hash && keys[i] == probe) { hits++; } } return hits; }
    public static int GuardedK1(K1[] keys, uint[] hashes, K1 probe, uint hash) { int hits = 0; for (int i = 0; i < 8; i++) { if (hashes[i] == hash && keys[i] == probe) { hits++; } } return hits; }
    public static int GuardedK6(K6[] keys, uint[] hashes, K6 probe, uint hash) { int hits = 0; for (int i = 0; i < 8; i++) { if (hashes[i] == hash && keys[i] == probe) { hits++; } } return hits; }
    public static int GuardedK2(K2[] keys, uint[] hashes, K2 probe, uint hash) { int hits = 0; for (int i = 0; i < 8; i++) { if (hashes[i] == hash && keys[i] == probe) { hits++; } } return hits; }

    // Two conditions before the compare, and the connection table's own shape: `live` (in use and recent), then the hash.
    public static int Guarded2F5(F5[] keys, bool[] inUse, uint[] hashes, F5 probe, uint hash) { int hits = 0; for (int i = 0; i < 8; i++) { if (inUse[i] && hashes[i] == hash && keys[i] == probe) { hits++; } } return hits; }
    public static int LiveF5(F5[] keys, bool[] inUse, long[] stamps, uint[] hashes, F5 probe, uint hash, long now)
    {
        for (int i = 0; i < 8; i++)
        {
            bool live = inUse[i] && now - stamps[i] < 100_000;
            if (live && hashes[i] == hash && keys[i] == probe)
            {
                return i;
            }
        }

        return -1;
    }

    // As the load balancer's typical packet finds it: the hash matches at the first slot (r's own), the keys are
    // compared once and the probe returns, so the compare runs once per call, as often as the method is entered.
    public static int FoundF5(F5[] keys, uint[] hashes, F5 probe, int r) { uint hash = hashes[r]; for (int i = r; i < r + 8; i++) { if (hashes[i] == hash && keys[i] == probe) { return i; } } return -1; }
    public static int FoundK2(K2[] keys, uint[] hashes, K2 probe, int r) { uint hash = hashes[r]; for (int i = r; i < r + 8; i++) { if (hashes[i] == hash && keys[i] == probe) { return i; } } return -1; }

    // The same guard and compare once, on straight-line code.
    public static int AndF5(F5[] keys, uint[] hashes, F5 probe, int r) => hashes[r] == hashes[r] + 0u * (uint)r && keys[r] == probe ? 1 : 0;

    // GuardedF5 with the five fields compared by hand: no call to refuse.
    public static int FieldGuardedF5(F5[] keys, uint[] hashes, F5 probe, uint hash)
    {
        int hits = 0;
        for (int i = 0; i < 8; i++)
        {
            ref readonly F5 k = ref keys[i];
            if (hashes[i] == hash && k.SourceIp == probe.SourceIp && k.DestinationIp == probe.DestinationIp && k.SourcePort == probe.SourcePort
                && k.DestinationPort == probe.DestinationPort && k.Protocol == probe.Protocol)
            {
                hits++;
            }
        }

        return hits;
    }
}
