using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pix.AllocState;

// One process's allocation state, one line: the per-byte price the calibrator would see (the 2 KB and 256 B
// loops' collection-free batches, interleaved so both see the same moment) beside the counters that could
// explain it. Run many processes and compare the lines (docs/accuracy.md, "Seventeenth session").
//   dotnet Pix.AllocState.dll [--pre none|chase|heap] [--settle] [--loops 256,2048,repeat,zero32k,write32k] [--seconds S] [--batch-ms M] [--config]
var options = new Queue<string>(args);
string pre = "none";
double seconds = 0.5, batchMs = 0.5;
bool config = false, settle = false;
string[]? only = null;
while (options.Count > 0)
{
    switch (options.Dequeue())
    {
        case "--pre": pre = options.Dequeue(); break;
        case "--seconds": seconds = double.Parse(options.Dequeue(), CultureInfo.InvariantCulture); break;
        case "--batch-ms": batchMs = double.Parse(options.Dequeue(), CultureInfo.InvariantCulture); break;
        case "--config": config = true; break;
        case "--settle": settle = true; break;
        case "--loops": only = options.Dequeue().Split(','); break;
        default: Console.Error.WriteLine("usage: Pix.AllocState [--pre none|chase|heap] [--settle] [--loops 256,2048,repeat,zero32k,write32k] [--seconds S] [--batch-ms M] [--config]"); return 2;
    }
}

const int RepeatCount = 4096;
object? held = ProcessState.Prepare(pre);

var kernels = new Batches();
Kernel[] loops =
{
    new("256", b => b.Allocate(256, Batches.Iterations), Batches.Iterations),
    new("2048", b => b.Allocate(2048, Batches.Iterations), Batches.Iterations),
    new("repeat", b => b.Repeat(RepeatCount), 1),
    new("zero32k", b => b.Large(write: false), 4 * Batches.LargeBytes),
    new("write32k", b => b.Large(write: true), 4 * Batches.LargeBytes),
};
// --loops: time only these (Repeat alone is how pix validate meets it, with no other loop between its calls).
loops = loops.Where(l => only is null || only.Contains(l.Name)).ToArray();
var calls = loops.ToDictionary(s => s, s => kernels.CallsPerBatch(s, batchMs));
// Warm-up: tier-1 code and a few collections, as the calibrator's common warm-up gives.
var warm = System.Diagnostics.Stopwatch.StartNew();
while (warm.Elapsed.TotalSeconds < 0.2)
{
    foreach (Kernel s in loops)
    {
        kernels.Time(s, calls[s]);
    }
}

int gcStart = GC.CollectionCount(0);
long allocStart = GC.GetTotalAllocatedBytes(precise: true);
Rusage.Snapshot ruStart = Rusage.Read();
var batches = new List<Batch>();
var clock = System.Diagnostics.Stopwatch.StartNew();
while (clock.Elapsed.TotalSeconds < seconds)
{
    if (settle)
    {
        // As the harness times every kernel (MeasurementEngine.Run): two full collections, then allocation
        // until the first gen-0 collection it brings about, then the timed rounds (about 6 ms of them).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        int settled = GC.CollectionCount(0);
        while (GC.CollectionCount(0) == settled)
        {
            kernels.Time(loops[0], calls[loops[0]]);
        }

        var round = System.Diagnostics.Stopwatch.StartNew();
        while (round.Elapsed.TotalMilliseconds < 6)
        {
            foreach (Kernel s in loops)
            {
                batches.Add(kernels.Time(s, calls[s]));
            }
        }

        continue;
    }

    foreach (Kernel s in loops)
    {
        batches.Add(kernels.Time(s, calls[s]));
    }
}

double elapsed = clock.Elapsed.TotalSeconds;
Rusage.Snapshot ruEnd = Rusage.Read();
double mib = (GC.GetTotalAllocatedBytes(precise: true) - allocStart) / 1048576.0;
int gcs = GC.CollectionCount(0) - gcStart;

double Clean(string kernel, Func<Batch, bool> where) =>
    Batches.Median(batches.Where(b => b.Kernel == kernel && b.IsClean && where(b)).Select(b => b.NsPerIteration));
double PerByte(Func<Batch, bool> where) => (Clean("2048", where) - Clean("256", where)) / (4 * (2048 - 256));

// The physical frames under the regions the allocator used (4 MiB-aligned windows around the batches' last
// addresses), and each window's 2 KB batches: does a batch's speed follow where its memory sits?
const int WindowShift = 22;
var windows = batches.Select(b => b.Address >> WindowShift).Distinct()
    .ToDictionary(w => w, w => PageFrames.Of(w << WindowShift, 1L << WindowShift));
var allFrames = windows.Values.SelectMany(f => f).ToList();
string perWindow = string.Join(' ', windows.Where(w => w.Value.Count > 0).Select(w =>
{
    var mine = batches.Where(b => b.Kernel == "2048" && b.IsClean && b.Address >> WindowShift == w.Key).ToList();
    long gib = (long)Batches.Median(w.Value.Select(f => (double)f)) * PageFrames.PageBytes >> 30;
    return $"{gib}GiB:{Batches.Median(mine.Select(b => b.NsPerIteration)):F0}ns/{mine.Count}";
}));

var clean = batches.Where(b => b.IsClean).ToList();
GCMemoryInfo info = GC.GetGCMemoryInfo(GCKind.Ephemeral);
var line = new List<string>
{
    $"pre={pre}{(settle ? "+settle" : "")}",
    $"perByte={PerByte(_ => true):F4}",
    $"perByteNoFault={PerByte(b => b.Faults == 0):F4}",
    $"perByteFault={PerByte(b => b.Faults > 0):F4}",
    $"ns2048={Clean("2048", _ => true):F0}",
    $"ns256={Clean("256", _ => true):F1}",
    $"repeatUs={Clean("repeat", _ => true) / 1000:F2}",
    $"zero32k={Clean("zero32k", _ => true):F4}",
    $"write32k={Clean("write32k", _ => true):F4}",
    $"footprint={windows.Count * 4}MiB",
    $"cleanBatches={clean.Count}/{batches.Count}",
    $"faultBatches={clean.Count(b => b.Faults > 0)}",
    $"faultsPerMiB={(ruEnd.MinorFaults - ruStart.MinorFaults) / mib:F2}",
    $"sysShare={(ruEnd.SystemSeconds - ruStart.SystemSeconds) / Math.Max(1e-9, ruEnd.UserSeconds - ruStart.UserSeconds + ruEnd.SystemSeconds - ruStart.SystemSeconds):F3}",
    $"cpuShare={(ruEnd.UserSeconds - ruStart.UserSeconds + ruEnd.SystemSeconds - ruStart.SystemSeconds) / elapsed:F2}",
    $"MiBPerGen0={(gcs == 0 ? double.NaN : mib / gcs):F1}",
    $"gen0SizeBefore={info.GenerationInfo[0].SizeBeforeBytes / 1048576.0:F1}MiB",
    $"committed={info.TotalCommittedBytes / 1048576.0:F0}MiB",
    $"anonHuge={ProcessState.SmapsRollup("AnonHugePages")}kB",
    $"rss={ProcessState.SmapsRollup("Rss")}kB",
    $"frames={PageFrames.Histogram(allFrames)}",
    $"windows={perWindow}",
};
Console.WriteLine(string.Join(' ', line));
if (config)
{
    foreach (var (key, value) in GC.GetConfigurationVariables().OrderBy(kv => kv.Key))
    {
        Console.WriteLine($"  {key}={value}");
    }
}

GC.KeepAlive(held);
return 0;
