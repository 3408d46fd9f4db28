using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Pix.Solver;

// Usage: dotnet run -c Release --project bench/Pix.SolverBench -- [queries=10000] [timeout-ms=2000] [max-seconds]
// Asks Z3 the questions the samples' interfaces give rise to (see SampleQuestions), round robin, each
// in a fresh context, as the analyzers do. Prints, every tenth of the run, the process's resident set
// size and the managed heap after a full collection (a leak in the native port or in the managed
// side shows as growth), then per kind of question the median, p95 and max time per query, the
// verdicts, and how many queries reached the timeout. The load average is printed at start and end:
// times on a shared machine are only comparable within one run. With max-seconds, the run stops early
// (and says so) when that much time has passed, so that it fits a time-boxed job on a loaded machine.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var timeout = TimeSpan.FromMilliseconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000);
TimeSpan maxTime = args.Length > 2 ? TimeSpan.FromSeconds(int.Parse(args[2], CultureInfo.InvariantCulture)) : TimeSpan.MaxValue;
if (!Z3Library.TryLoad(out Z3Library? library, out string detail))
{
    Console.Error.WriteLine(detail);
    return 1;
}

string repoRoot = FindRepoRoot();
List<BenchQuestion> questions = SampleQuestions.Load(repoRoot);
var engine = new Z3Engine(library!, new SolverOptions { Timeout = timeout });
Console.WriteLine($"{detail}; {total} queries over {questions.Count} sample questions " +
    $"({string.Join(", ", questions.GroupBy(q => q.Kind).Select(g => g.Count() + " " + g.Key))}); " +
    $"timeout {timeout.TotalMilliseconds} ms; {Environment.ProcessorCount} cores; load average {LoadAverage()}");

var times = questions.Select(q => q.Kind).Distinct().ToDictionary(k => k, _ => new List<double>());
var verdicts = new SortedDictionary<string, int>(StringComparer.Ordinal);
var slowest = (Ms: 0.0, Question: (BenchQuestion?)null);
var undecided = new SortedSet<string>(StringComparer.Ordinal);
Console.WriteLine($"queries=0 rss_mb={Rss() / 1e6:0.0} managed_mb={Managed() / 1e6:0.00}");
var wall = Stopwatch.StartNew();
int done = 0;
for (int k = 1; k <= total; k++)
{
    if (wall.Elapsed > maxTime)
    {
        Console.WriteLine($"stopped after {done} queries: max-seconds {maxTime.TotalSeconds} reached");
        Console.WriteLine($"queries={done} rss_mb={Rss() / 1e6:0.0} managed_mb={Managed() / 1e6:0.00} elapsed_s={wall.Elapsed.TotalSeconds:0}");
        break;
    }

    BenchQuestion q = questions[(k - 1) % questions.Count];
    var clock = Stopwatch.StartNew();
    SolverAnswer answer = engine.Check(q.Question, CancellationToken.None);
    double ms = clock.Elapsed.TotalMilliseconds;
    times[q.Kind].Add(ms);
    string key = q.Kind + " " + answer.Verdict;
    verdicts[key] = verdicts.TryGetValue(key, out int n) ? n + 1 : 1;
    done = k;
    if (answer.Verdict == SolverVerdict.Unknown)
    {
        undecided.Add($"{q.Kind} on {q.Method}: {answer.Detail}");
    }

    if (ms > slowest.Ms)
    {
        slowest = (ms, q);
    }

    if (k % Math.Max(1, total / 10) == 0)
    {
        Console.WriteLine($"queries={k} rss_mb={Rss() / 1e6:0.0} managed_mb={Managed() / 1e6:0.00} elapsed_s={wall.Elapsed.TotalSeconds:0}");
    }
}

Console.WriteLine($"load average at end {LoadAverage()}");
Console.WriteLine("kind           queries  median_ms  p95_ms  max_ms");
foreach ((string kind, List<double> list) in times.OrderBy(t => t.Key, StringComparer.Ordinal))
{
    list.Sort();
    Console.WriteLine($"{kind,-14} {list.Count,7}  {Percentile(list, 0.5),9:0.00}  {Percentile(list, 0.95),6:0.00}  {list[^1],6:0.00}");
}

List<double> all = times.Values.SelectMany(t => t).OrderBy(t => t).ToList();
Console.WriteLine($"{"all",-14} {all.Count,7}  {Percentile(all, 0.5),9:0.00}  {Percentile(all, 0.95),6:0.00}  {all[^1],6:0.00}");
Console.WriteLine("verdicts: " + string.Join(", ", verdicts.Select(v => $"{v.Key}={v.Value}")));
// The hard bound the port promises: timeout + 0.5 s to interrupt + 0.5 s to abandon (see Z3Engine).
double bound = timeout.TotalMilliseconds + 1000;
Console.WriteLine($"questions Z3 left undecided ({undecided.Count}):");
foreach (string line in undecided)
{
    Console.WriteLine("  " + line);
}

Console.WriteLine($"slowest query {slowest.Ms:0} ms ({slowest.Question?.Kind} on {slowest.Question?.Method}); " +
    $"queries above timeout + 1 s: {all.Count(t => t > bound)}");
return 0;

static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];

static long Managed()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    return GC.GetTotalMemory(forceFullCollection: true);
}

static long Rss()
{
    // Linux: resident pages from /proc/self/statm; elsewhere the working set.
    try
    {
        string[] fields = File.ReadAllText("/proc/self/statm").Split(' ');
        return long.Parse(fields[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
    }
    catch (IOException)
    {
        return Environment.WorkingSet;
    }
}

static string LoadAverage()
{
    try
    {
        return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "unknown";
    }
}

static string FindRepoRoot()
{
    for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
    {
        if (File.Exists(Path.Combine(d.FullName, "Pix.sln")))
        {
            return d.FullName;
        }
    }

    throw new DirectoryNotFoundException("Pix.sln not found above " + AppContext.BaseDirectory + ": run the bench from the repository.");
}
