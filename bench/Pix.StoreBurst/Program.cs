using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using static FencedTimestamp;

// What a random store into a table costs a call, per store, by table size and by how many such stores the call makes in
// a row. A "call" is BURST stores of a long into random lines of the table (precomputed slots, so no load is on their
// path: the stores' addresses do not depend on memory), then WORK: a dependent chain of 40 multiply-adds (~40 ns of
// other work, during which the store buffer can drain, as a packet's later work does). Each call is timed alone, with an
// LFENCE after the start timestamp and before the end one (as Driver/PerPacketMeasurement.cs), less the same call with
// BURST = 0, the slowest tenth dropped (QuietMean); PASSES passes of every case, alternating, after a 2 s warm-up; per
// case the median pass's mean, divided by BURST. A store that misses does not stall the pipeline as a load does until
// the store buffer fills, so the per-store cost should grow with BURST; the "back to back" column has no work between
// calls' stores and no timer per call (one Stopwatch over 1M stores), the store buffer's steady-state throughput.
//
//   dotnet run -c Release --project bench/Pix.StoreBurst -- [--passes 7]
int passes = args.Length == 2 && args[0] == "--passes" && int.TryParse(args[1], out int p) && p > 0 ? p : 7;

const int Calls = 40_000;
int[] tableKiB = { 32, 256, 1024, 1792, 4096 };
int[] bursts = { 1, 4, 8, 16 };
var tables = tableKiB.ToDictionary(k => k, k => new long[k * 1024 / sizeof(long)]);
// A random line's first long for every store of every call: at most 16 stores a call.
var slots = tableKiB.ToDictionary(k => k, k => Slots(k * 1024 / 64, Calls * 16, seed: (ulong)k));
var cases = (from k in tableKiB from b in bursts.Prepend(0) select (KiB: k, Burst: b)).ToArray();
var results = cases.Select(_ => new List<double>()).ToArray();
var throughput = tableKiB.ToDictionary(k => k, _ => new List<double>());
var stopwatch = Stopwatch.StartNew();
while (true)
{
    bool keep = stopwatch.Elapsed >= TimeSpan.FromSeconds(2);
    for (int c = 0; c < cases.Length; c++)
    {
        double ns = Run(tables[cases[c].KiB], slots[cases[c].KiB], cases[c].Burst);
        if (keep && results[c].Count < passes)
        {
            results[c].Add(ns);
        }
    }

    foreach (int k in tableKiB)
    {
        double ns = BackToBack(tables[k], slots[k]);
        if (keep && throughput[k].Count < passes)
        {
            throughput[k].Add(ns);
        }
    }

    if (results.All(r => r.Count == passes) && throughput.Values.All(r => r.Count == passes))
    {
        break;
    }
}

double Median(List<double> xs) => xs.OrderBy(x => x).ElementAt(xs.Count / 2);
Console.WriteLine($"ns a store: (call with BURST stores − call with 0) / BURST, median of {passes} passes; call with 0 stores in ns; back to back");
Console.WriteLine($"{"table",8} {"0 (ns/call)",12} {string.Join(" ", bursts.Select(b => $"{b,7}"))} {"b2b",7}");
foreach (int k in tableKiB)
{
    double zero = Median(results[Array.IndexOf(cases, (k, 0))]);
    string perStore = string.Join(" ", bursts.Select(b => $"{(Median(results[Array.IndexOf(cases, (k, b))]) - zero) / b,7:0.00}"));
    Console.WriteLine($"{k + " KiB",8} {zero,12:0.00} {perStore} {Median(throughput[k]),7:0.00}");
}

// The storm's own pattern: each call walks K links of a random chase through the table (a cold load each, as the
// expiry walks the age list to flows last touched long ago) and after each link stores into 0 or 2 random lines of the
// same table (the flow's bucket neighbours). (with 2 − with 0) / 2K is what a store costs among loads that miss. Read it
// with care: the stores also touch the table's lines, three times as many a call, so on a machine whose L3 neighbours
// share, more of the chase's lines are still in L3 with them than without (the twenty-fifth session read it negative).
Console.WriteLine();
Console.WriteLine("stores among cold loads: K chase links a call, after each 0 or 2 random stores; ns a store = (2 − 0) / 2K");
Console.WriteLine($"{"table",8} {"K",3} {"0 st. (ns/call)",16} {"2 st. (ns/call)",16} {"ns a store",11} {"ns a link",10}");
foreach (int k in new[] { 256, 1792, 4096 })
{
    int[] next = Cycle(k * 1024 / 64, seed: 7);
    for (int l = 0; l < next.Length; l++)
    {
        tables[k][(l * 8) + 1] = next[l];
    }

    foreach (int links in new[] { 1, 4, 8 })
    {
        var without = new List<double>();
        var with = new List<double>();
        var warm = Stopwatch.StartNew();
        while (with.Count < passes)
        {
            // The two alternate which goes first: a pass's first run starts from the other's cache state.
            bool storesFirst = (with.Count + without.Count + warm.ElapsedTicks) % 2 == 0;
            double b = storesFirst ? Chase(tables[k], next, slots[k], links, stores: 2) : 0;
            double a = Chase(tables[k], next, slots[k], links, stores: 0);
            b = storesFirst ? b : Chase(tables[k], next, slots[k], links, stores: 2);
            if (warm.Elapsed >= TimeSpan.FromSeconds(1))
            {
                without.Add(a);
                with.Add(b);
            }
        }

        double w0 = Median(without), w2 = Median(with);
        Console.WriteLine($"{k + " KiB",8} {links,3} {w0,16:0.00} {w2,16:0.00} {(w2 - w0) / (2 * links),11:0.00} {w0 / links,10:0.00}");
    }
}

return 0;

// A single random cycle through every line of the table: next[line] is the line the chase goes to after it.
static int[] Cycle(int lines, ulong seed)
{
    int[] order = Slots(lines, lines, seed).Select((s, i) => i).ToArray();
    var random = new Random((int)seed);
    random.Shuffle(order);
    var next = new int[lines];
    for (int i = 0; i < lines; i++)
    {
        next[order[i]] = order[(i + 1) % lines];
    }

    return next;
}

// Mean ns of a call of LINKS chase links with STORES random stores after each, timed alone (timer included).
static double Chase(long[] table, int[] next, int[] slots, int links, int stores)
{
    var ticks = new long[Calls];
    int line = 0;
    for (int i = 0; i < Calls; i++)
    {
        long a = Start();
        line = ChaseCall(table, next, slots, line, i * 16, links, stores);
        long b = End();
        ticks[i] = b - a;
    }

    return QuietMean(ticks) * (1e9 / Stopwatch.Frequency);
}

// The chase reads the table itself (next line's index kept in the line's first long), so the loads miss as the table does.
[MethodImpl(MethodImplOptions.NoInlining)]
static int ChaseCall(long[] table, int[] next, int[] slots, int line, int first, int links, int stores)
{
    for (int l = 0; l < links; l++)
    {
        line = (int)table[(line * 8) + 1];
        for (int s = 0; s < stores; s++)
        {
            table[slots[first + (l * stores) + s]] = l;
        }
    }

    return line;
}

static int[] Slots(int lines, int count, ulong seed)
{
    var slots = new int[count];
    ulong state = seed * 0x9E3779B97F4A7C15UL + 1;
    for (int i = 0; i < count; i++)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        slots[i] = (int)(z % (ulong)lines) * (64 / sizeof(long));
    }

    return slots;
}

// Mean ns of a call (timer included; the BURST = 0 case, subtracted by the caller, holds the timer and the work).
static double Run(long[] table, int[] slots, int burst)
{
    var ticks = new long[Calls];
    for (int i = 0; i < Calls; i++)
    {
        long a = Start();
        Call(table, slots, i * 16, burst, i);
        long b = End();
        ticks[i] = b - a;
    }

    return QuietMean(ticks) * (1e9 / Stopwatch.Frequency);
}

static double BackToBack(long[] table, int[] slots)
{
    long start = Stopwatch.GetTimestamp();
    for (int i = 0; i < slots.Length; i++)
    {
        table[slots[i]] = i;
    }

    return (Stopwatch.GetTimestamp() - start) * (1e9 / Stopwatch.Frequency) / slots.Length;
}

[MethodImpl(MethodImplOptions.NoInlining)]
static void Call(long[] table, int[] slots, int first, int burst, long value)
{
    for (int s = 0; s < burst; s++)
    {
        table[slots[first + s]] = value;
    }

    // Other work after the stores: a dependent chain the store buffer drains under.
    long x = value;
    for (int w = 0; w < 40; w++)
    {
        x = x * 0x5851F42D4C957F2DL + w;
    }

    s_sink = x;
}

static double QuietMean(long[] ticks)
{
    long[] sorted = ticks.OrderBy(t => t).ToArray();
    return sorted.Take(sorted.Length * 9 / 10).Average();
}

internal static partial class Program
{
    private static long s_sink;
}
