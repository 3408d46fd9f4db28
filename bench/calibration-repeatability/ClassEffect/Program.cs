using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pix;
using Pix.ClassEffect;
using Pix.Samples.NetworkFunctions.Workloads;

// dotnet run --project bench/calibration-repeatability/ClassEffect -c Release -- A.pixhw.json B.pixhw.json
//
// For each calibrated part of two profiles (a class's latency and throughput together; the issue slot; the memory
// latency; the memory-level curve): its spread between the two, and how far swapping that part alone (B's into A, and
// A's into B) moves any validated prediction, the Quickstart interfaces at `pix validate`'s sizes and the network
// functions' medians. Issue #4's criterion: a part agrees when its costs are within 5%, or when its spread moves no
// prediction by more than 1% (a fraction of a nanosecond next to a 30 ns division is a residual no interface can see).
const double Within = 0.05, Moves = 0.01, NegligibleNs = 0.001;
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ClassEffect A.pixhw.json B.pixhw.json");
    return 2;
}

HardwareProfile a = HardwareProfile.Load(args[0]), b = HardwareProfile.Load(args[1]);
// The driver traces the cold-load PCVs on this machine's caches with the L3 the profile's curve reaches: the same here.
var predictions = new Predictions(typeof(Quickstart.Checksums).Assembly, MachineCaches.Current.WithL3From(a));
IReadOnlyList<string> names = predictions.Names;
double[] onA = predictions.On(a), onB = predictions.On(b);

var parts = new List<(string Name, double Spread, Func<HardwareProfile, HardwareProfile, HardwareProfile> Take)>();
// The calibration measures an issue slot's time (the fastest issue kernel's ns per slot); the width is only that slot in
// IntegerAlu-latency cycles. So a swap keeps the profile's slot unless the slot is what it swaps: swapping IntegerAlu
// alone must not move every block's issue bound with it.
static HardwareProfile KeepSlot(HardwareProfile swapped, double slotNs) => swapped.WithIssueWidth(swapped[OperationClass.IntegerAlu].Latency / slotNs);
foreach (OperationClass c in HardwareProfile.AllClasses)
{
    parts.Add((c.ToString(), Math.Max(Spread(a[c].Latency, b[c].Latency), Spread(a[c].Throughput, b[c].Throughput)), (to, from) => KeepSlot(to.With(c, from[c]), to.IssueSlotNs)));
}

parts.Add(("IssueSlot", Spread(a.IssueSlotNs, b.IssueSlotNs), (to, from) => KeepSlot(to, from.IssueSlotNs)));
parts.Add(("MemoryLatency", Spread(a.MemoryLatencyNs ?? 0, b.MemoryLatencyNs ?? 0), (to, from) => to.WithMemoryLatency(from.MemoryLatencyNs)));
parts.Add(("MemoryCurve", CurveSpread(a.MemoryLoads, b.MemoryLoads), (to, from) => to.WithMemoryLoads(from.MemoryLoads)));

Console.WriteLine($"{names.Count} predictions ({names.Count(n => n.Contains('(', StringComparison.Ordinal))} Quickstart method x size, {names.Count(n => !n.Contains('(', StringComparison.Ordinal))} network-function medians)");
Console.WriteLine($"whole profile B against A: largest move {Largest(onA, onB).Effect:P1} ({names[Largest(onA, onB).Index]})");
Console.WriteLine($"{"part",-16} {"spread",8} {"moves",8}  where (largest, either direction)   verdict");
int agree = 0;
foreach (var (name, spread, take) in parts)
{
    (double intoA, int whereA) = Largest(onA, predictions.On(take(a, b)));
    (double intoB, int whereB) = Largest(onB, predictions.On(take(b, a)));
    (double effect, int where) = intoA >= intoB ? (intoA, whereA) : (intoB, whereB);
    string verdict = spread <= Within ? "within 5%" : effect <= Moves ? "moves <= 1%" : "MATTERS: not repeatable";
    agree += verdict[0] != 'M' ? 1 : 0;
    string spreadText = double.IsPositiveInfinity(spread) ? "0 vs >0" : spread.ToString("P1", CultureInfo.InvariantCulture);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-16} {spreadText,8} {effect,8:P2}  {(effect > 0 ? names[where] : "-"),-34} {verdict}"));
}

Console.WriteLine($"\n{agree} of {parts.Count} parts meet #4's criterion (within 5%, or moving no prediction by more than 1%)");

// Which of the curve's points the spread and the moves come from: each working set both profiles measured, swapped alone
// (B's point into A's curve, and A's into B's). Not counted above: the curve is one part.
Console.WriteLine($"\n{"curve point",-16} {"spread",8} {"moves",8}  where (largest, either direction)");
foreach (long bytes in a.MemoryLoads.Select(p => p.WorkingSetBytes).Intersect(b.MemoryLoads.Select(p => p.WorkingSetBytes)))
{
    static HardwareProfile TakePoint(HardwareProfile to, HardwareProfile from, long bytes) => to.WithMemoryLoads(to.MemoryLoads.Select(p =>
        p.WorkingSetBytes == bytes ? from.MemoryLoads.Single(q => q.WorkingSetBytes == bytes) : p));
    double spread = Spread(a.MemoryLoads.Single(p => p.WorkingSetBytes == bytes).LatencyNs, b.MemoryLoads.Single(p => p.WorkingSetBytes == bytes).LatencyNs);
    (double intoA, int whereA) = Largest(onA, predictions.On(TakePoint(a, b, bytes)));
    (double intoB, int whereB) = Largest(onB, predictions.On(TakePoint(b, a, bytes)));
    (double effect, int where) = intoA >= intoB ? (intoA, whereA) : (intoB, whereB);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{MemoryLoadLatency.Describe(bytes),-16} {spread,8:P1} {effect,8:P2}  {(effect > 0 ? names[where] : "-")}"));
}

return 0;

// Relative difference as compare.py computes it: costs both under a picosecond agree whatever their ratio.
static double Spread(double x, double y)
{
    double lo = Math.Min(x, y), hi = Math.Max(x, y);
    return hi < NegligibleNs ? 0 : lo > 0 ? (hi - lo) / lo : double.PositiveInfinity;
}

// The curve's largest spread over the working sets both profiles measured.
static double CurveSpread(IReadOnlyList<MemoryLoadLatency> x, IReadOnlyList<MemoryLoadLatency> y) =>
    x.Join(y, p => p.WorkingSetBytes, q => q.WorkingSetBytes, (p, q) => Spread(p.LatencyNs, q.LatencyNs)).DefaultIfEmpty(0).Max();

static (double Effect, int Index) Largest(double[] baseline, double[] swapped)
{
    int at = 0;
    double most = 0;
    for (int i = 0; i < baseline.Length; i++)
    {
        double move = baseline[i] > 0 ? Math.Abs(swapped[i] - baseline[i]) / baseline[i] : 0;
        if (move > most)
        {
            (most, at) = (move, i);
        }
    }

    return (most, at);
}
