// The 16-byte allocation kernel's loop timed in fixed batches (default 10,752 iterations, as the calibrator sized it):
// collection-free and collection-holding batches apart, pause per collection, minor faults per MiB; and (calib24) the
// median batch less the GC pause inside it (netMed) and the median pause per collection (pauseUsPerGcMed).
// usage: dotnet run -c Release -- SIZE [plain|collect] [SECONDS] [ITERATIONS_PER_BATCH]   (twentieth session, alloc20)
using System;
using System.Diagnostics;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Collections.Generic;

sealed class Sink { public byte[]? S0, S1, S2, S3; }

static class P
{
    [StructLayout(LayoutKind.Sequential)] struct Timeval { public long s, us; }
    [StructLayout(LayoutKind.Sequential)] struct Rusage { public Timeval u, sy; public long maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock, oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw; }
    [DllImport("libc")] static extern int getrusage(int who, out Rusage r);
    static long MinFlt() { getrusage(1, out var r); return r.minflt; }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static long Alloc(Sink s, int n, int size)
    {
        for (int i = 0; i < n; i++) { s.S0 = new byte[size]; s.S1 = new byte[size]; s.S2 = new byte[size]; s.S3 = new byte[size]; }
        return n;
    }

    static void Main(string[] a)
    {
        int size = int.Parse(a[0]);
        string mode = a.Length > 1 ? a[1] : "plain";
        double seconds = a.Length > 2 ? double.Parse(a[2]) : 1.0;
        var s = new Sink();
        GC.Collect(); GC.Collect();
        var sw = Stopwatch.StartNew();
        while (sw.ElapsedMilliseconds < 300) Alloc(s, 1000, size); // warm to tier1
        int n = a.Length > 3 ? int.Parse(a[3]) : 10752;
        var free = new List<double>(); var all = new List<double>(); var net = new List<double>(); var pausePerGc = new List<double>(); int gcBatches = 0; long faults0 = MinFlt(); int gc0 = GC.CollectionCount(0), gc1s = GC.CollectionCount(1);
        sw.Restart(); long iters = 0;
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            if (mode == "collect") GC.Collect(0);
            int c = GC.CollectionCount(0);
            TimeSpan p0 = GC.GetTotalPauseDuration();
            long t0 = Stopwatch.GetTimestamp(); Alloc(s, n, size); double ns = Stopwatch.GetElapsedTime(t0).TotalNanoseconds / n;
            double pauseNs = (GC.GetTotalPauseDuration() - p0).TotalNanoseconds; int held = GC.CollectionCount(0) - c;
            net.Add(ns - pauseNs / n); if (held > 0) pausePerGc.Add(pauseNs / held / 1000);
            iters += n;
            all.Add(ns); if (GC.CollectionCount(0) == c) free.Add(ns); else gcBatches++;
        }
        int gcs = GC.CollectionCount(0) - gc0; var q=all.OrderBy(v=>v).ToList(); Console.Write("pct:"+string.Join(",",new[]{0,10,25,50,75,90,95,99}.Select(p=>q[Math.Min(q.Count-1,q.Count*p/100)].ToString("F0")))+" pauseMsPerGC="+(GC.GetTotalPauseDuration().TotalMilliseconds/Math.Max(1,GC.CollectionCount(0))).ToString("F3")+" n="+n+" ");
        double bytes = iters * 4.0 * (size + 24);
        double Med(List<double> l) { var x = l.OrderBy(v => v).ToList(); return x.Count == 0 ? double.NaN : x[x.Count / 2]; }
        double P10(List<double> l) { var x = l.OrderBy(v => v).ToList(); return x.Count == 0 ? double.NaN : x[x.Count / 10]; }
        var info = GC.GetGCMemoryInfo();
        Console.Write($"netMed={Med(net):F1} pauseUsPerGcMed={Med(pausePerGc):F1} ");
        Console.WriteLine($"gcMed={Med(all.Where((v,i)=>true).Except(free).ToList()):F1} size={size} mode={mode} freeMed={Med(free):F1} freeP10={P10(free):F1} allMed={Med(all):F1} mean={all.Average():F1} batches={all.Count} gcBatches={gcBatches} MiBperGC={(gcs == 0 ? 0 : bytes / gcs / 1048576):F2} gen1={GC.CollectionCount(1) - gc1s} fltPerMiB={(MinFlt() - faults0) / (bytes / 1048576):F3}");
    }
}
