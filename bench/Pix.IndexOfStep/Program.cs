using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Pix;
using Pix.IndexOfStep;

// Times IndexOf at each size, the variants alternated size by size and round by round, each by
// Pix.Measurement's default latency mode (a load fence after every call) as pix validate does.
//   dotnet bench/Pix.IndexOfStep/bin/Release/net10.0/Pix.IndexOfStep.dll [rounds] [sizes,...] [variants,...]
// Prints one line per measurement: round, variant, size, items looked at (mean), median ns, core.
int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
int[] sizes = args.Length > 1
    ? args[1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()
    : new[] { 16, 32, 64, 96, 128, 144, 160, 176, 192, 224, 256, 320, 384, 512, 1024, 2048, 4096 };
string[]? only = args.Length > 2 ? args[2].Split(',') : null;

const int Slots = 4096;           // as pix validate's InputRotation: a drawn order no predictor can learn
const int Positions = 8;          // the sample's MatchNearEnd: the match at one of the last eight items
var options = MeasurementOptions.Default with { WarmupTime = TimeSpan.FromSeconds(0.3) };

Console.WriteLine($"# IndexOf step, {rounds} rounds, {Environment.ProcessorCount} CPUs, TieredCompilation={Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") ?? "default"}");
Console.WriteLine("round\tvariant\tsize\tlooked\tmedian_ns\tcore");
for (int round = 1; round <= rounds; round++)
{
    CurrentRound = round;
    foreach (int n in sizes)
    {
        foreach ((string name, double looked, Action call) in Variants(n))
        {
            if (only is not null && !only.Contains(name))
            {
                continue;
            }

            if (name.StartsWith("raw", StringComparison.Ordinal))
            {
                // Raw loops: the fastest of 31 batches of 4,096 calls, timed by one Stopwatch read each side.
                call();
                continue;
            }

            MeasurementResult r = Measurement.Measure(call, options);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{round}\t{name}\t{n}\t{looked:0.0}\t{r.Median.Nanoseconds:0.00}\t{(r.CoreShared ? "shared" : "own")}"));
        }
    }
}

return 0;

static void Raw(string name, int n, double looked, double ns) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{CurrentRound}\t{name}\t{n}\t{looked:0.0}\t{ns:0.00}\town"));

static IEnumerable<(string Name, double Looked, Action Call)> Variants(int n)
{
    int[] items = Enumerable.Range(0, n).ToArray();
    int positions = Math.Min(Positions, n);
    int[] values = Enumerable.Range(n - positions, positions).ToArray();
    var random = new Random(n);
    int[] order = Enumerable.Range(0, Slots).Select(_ => values[random.Next(positions)]).ToArray();
    double looked = n - ((positions - 1) / 2.0);
    object?[][] sets = values.Select(v => new object?[] { items, v }).ToArray();
    object?[][] boxedOrder = order.Select(v => sets[v - (n - positions)]).ToArray();

    // The sample as pix validate calls it: the rotation's slot read, then an object?[] -> object? invoker.
    Func<object?[], object?> invoke = a => SearchLoops.IndexOf((int[])a[0]!, (int)a[1]!);
    int next = 0;
    yield return ("validate", looked, () => invoke(boxedOrder[next++ & (Slots - 1)]));

    // The same loop called directly: no boxing, no object?[] (the harness's share).
    int nextDirect = 0;
    yield return ("direct", looked, () => SearchLoops.IndexOf(items, order[nextDirect++ & (Slots - 1)]));

    // The same match every call (the exit learnt up to ~128 items, twenty-second session).
    yield return ("same", n - 3.5, () => SearchLoops.IndexOf(items, n - 4));

    // The same code at another address.
    int nextCopy = 0;
    yield return ("copy", looked, () => SearchLoops.IndexOfCopy(items, order[nextCopy++ & (Slots - 1)]));

    // Half the taken branches per item.
    int nextTwo = 0;
    yield return ("bytwo", looked, () => SearchLoops.IndexOfByTwo(items, order[nextTwo++ & (Slots - 1)]));

    // The count exit far away: n items of an array 4,096 longer.
    int[] longer = Enumerable.Range(0, n + 4096).ToArray();
    int nextWithin = 0;
    yield return ("padded", looked, () => SearchLoops.IndexOfWithin(longer, n + 4096, order[nextWithin++ & (Slots - 1)]));

    // No match: the count exit ends every call at the same trip count.
    yield return ("absent", n, () => SearchLoops.IndexOf(items, -1));

    // The rotation in a plain loop, no delegate: with a load fence after each call, and back to back.
    yield return ("rawfenced", looked, () => Raw("rawfenced", n, looked, RawTiming.NsPerCall(items, order, fenced: true, batches: 31)));
    yield return ("rawb2b", looked, () => Raw("rawb2b", n, looked, RawTiming.NsPerCall(items, order, fenced: false, batches: 31)));
}

internal static partial class Program
{
    /// <summary>The round being run, for the raw loops' lines.</summary>
    public static int CurrentRound { get; set; }
}
