using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using Pix;
using Pix.Model;
using Pix.Solver;

// Usage: dotnet run -c Release --project bench/Pix.SolverBench -- [queries=10000]
// Asks Z3 a regression question (baseline 10 + 2n ops vs current 10 + (2 + k % 3) n ops, k the query
// number, so sat and unsat answers alternate) in a fresh context each time, and prints the process's
// resident set size every tenth of the run plus the per-query time distribution.
int total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
if (!Z3Library.TryLoad(out Z3Library? library, out string detail))
{
    Console.Error.WriteLine(detail);
    return 1;
}

var engine = new Z3Engine(library!, SolverOptions.Default);
var provenance = new Provenance("Bench.cs", 0, 1, 1, 1, "bench");
InterfaceModel Linear(double perItem) => new(
    "M:Bench.M(System.Int32[])", "Bench.M(int[])",
    EquatableArray.Create(new Quantity("data.Length", QuantityKind.Size, "data.Length", "elements")),
    EquatableArray.Create(new Piece(Guard.Always, EquatableArray.Create(
        new Term(BlockSummary.Create(new[] { new OperationCount(OperationClass.IntegerAlu, 10) }), Expr.One, provenance, "fixed"),
        new Term(BlockSummary.Create(new[] { new OperationCount(OperationClass.IntegerAlu, perItem) }), Expr.Symbol("data.Length"), provenance, "loop")))),
    default, 0, provenance);

Console.WriteLine($"{detail}; {total} queries; {Environment.ProcessorCount} cores");
var times = new List<double>(total);
var verdicts = new Dictionary<SolverVerdict, int>();
long startRss = Rss();
Console.WriteLine($"queries=0 rss_mb={startRss / 1e6:0.0}");
for (int k = 1; k <= total; k++)
{
    var question = new RegressionQuestion(Linear(2), Linear(2 + k % 3), 0.10, HardwareProfile.Reference);
    var clock = Stopwatch.StartNew();
    SolverAnswer answer = engine.Check(question, CancellationToken.None);
    times.Add(clock.Elapsed.TotalMilliseconds);
    verdicts[answer.Verdict] = verdicts.TryGetValue(answer.Verdict, out int n) ? n + 1 : 1;
    if (k % Math.Max(1, total / 10) == 0)
    {
        GC.Collect();
        Console.WriteLine($"queries={k} rss_mb={Rss() / 1e6:0.0}");
    }
}

times.Sort();
double Percentile(double p) => times[(int)Math.Min(times.Count - 1, Math.Floor(p * times.Count))];
Console.WriteLine($"per query ms: median={Percentile(0.5):0.00} p95={Percentile(0.95):0.00} max={times[^1]:0.00}");
Console.WriteLine("verdicts: " + string.Join(", ", verdicts.OrderBy(v => v.Key).Select(v => $"{v.Key}={v.Value}")));
return 0;

static long Rss()
{
    // Linux: resident pages from /proc/self/statm (page size 4 KiB); elsewhere the working set.
    try
    {
        string[] fields = System.IO.File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(fields[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
    }
    catch (System.IO.IOException)
    {
        return Environment.WorkingSet;
    }
}
