using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Pix.Samples.NetworkFunctions.Driver;

// dotnet bench/Pix.TimerFloor/bin/Release/net10.0/Pix.TimerFloor.dll [--regions N] [--max-multiplies N]
// Times regions of k dependent 64-bit multiplies (k = 0, 1, 2, ...: 3 cycles each on AMD Zen 3, so the region grows by a
// known, fixed amount a multiply) the way the driver times a packet: Stopwatch.GetTimestamp() either side, 7 repetitions
// of N regions, each region's repetitions reduced to one figure, the median over regions, the k = 0 region's figure
// subtracted (as the driver subtracts the empty scenario). Per k, the figure by the driver's two estimators on the
// same readings: "trimmed" (Statistics.TrimmedMeanPerItem, the driver to the seventeenth session) and "windowed"
// (Statistics.WindowedMeanPerItem, the driver since). A correct estimator grows by the same amount every multiply;
// the fitted slope, and each k's residual from the line through k = 0, show which does.
int regions = Option("--regions", 20_000);
int maxMultiplies = Option("--max-multiplies", 24);
const int Repetitions = 7;
double ticksToNs = 1e9 / Stopwatch.Frequency;
double window = PerPacketMeasurement.OutlierWindowSteps * PerPacketMeasurement.ClockStepNs;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"clock step {PerPacketMeasurement.ClockStepNs:0.##} ns, window {window:0.##} ns; {regions} regions x {Repetitions} repetitions; load {System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));

// Warm-up: tier-1 code for the chain and the timing loop.
var watch = Stopwatch.StartNew();
while (watch.ElapsedMilliseconds < 1500)
{
    Time(maxMultiplies, 1000, fenced: false);
    Time(maxMultiplies, 1000, fenced: true);
}

foreach (bool fenced in new[] { false, true })
{
    Report(fenced);
}

return 0;

void Report(bool fenced)
{
double[] trimmed = new double[maxMultiplies + 1];
double[] windowed = new double[maxMultiplies + 1];
// Alternating k from run to run of the 7 repetitions would mix machine states into one k's readings; instead each k
// is timed whole, in an order that interleaves small and large k, so a drift in the machine shows as scatter, not slope.
foreach (int k in Enumerable.Range(0, maxMultiplies + 1).OrderBy(k => (k * 7) % (maxMultiplies + 1)))
{
    double[][] readings = Enumerable.Range(0, Repetitions).Select(_ => Time(k, regions, fenced)).ToArray();
    trimmed[k] = Statistics.Median(Statistics.TrimmedMeanPerItem(readings));
    windowed[k] = Statistics.Median(Statistics.WindowedMeanPerItem(readings, window));
}

(double trimmedSlope, double trimmedWorst) = Fit(trimmed);
(double windowedSlope, double windowedWorst) = Fit(windowed);
Console.WriteLine(fenced ? "fenced: an LFENCE after the first timestamp and before the second (the driver since)" : "unfenced: the driver to the seventeenth session");
Console.WriteLine(" k   trimmed  windowed   (ns over k = 0)");
for (int k = 0; k <= maxMultiplies; k++)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{k,2} {trimmed[k] - trimmed[0],9:0.00} {windowed[k] - windowed[0],9:0.00}"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"slope ns/multiply: trimmed {trimmedSlope:0.000}, windowed {windowedSlope:0.000}; largest |residual| from the fitted line: trimmed {trimmedWorst:0.00} ns, windowed {windowedWorst:0.00} ns; load {System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
}

// Least squares through (k, figure); the largest distance of a point from the line.
static (double Slope, double WorstResidual) Fit(double[] y)
{
    int n = y.Length;
    double meanX = (n - 1) / 2.0, meanY = y.Average();
    double sxy = 0, sxx = 0;
    for (int k = 0; k < n; k++)
    {
        sxy += (k - meanX) * (y[k] - meanY);
        sxx += (k - meanX) * (k - meanX);
    }

    double slope = sxy / sxx;
    double worst = Enumerable.Range(0, n).Max(k => Math.Abs(y[k] - (meanY + slope * (k - meanX))));
    return (slope, worst);
}

// One repetition: count regions of k multiplies, each timed alone, in ns.
double[] Time(int k, int count, bool fenced)
{
    var lengths = new double[count];
    ulong sink = 0;
    for (int i = 0; i < count; i++)
    {
        long start = Stopwatch.GetTimestamp();
        if (fenced)
        {
            Sse2.LoadFence();
        }

        sink += Chain((ulong)i | 1, k);
        if (fenced)
        {
            Sse2.LoadFence();
        }

        lengths[i] = (Stopwatch.GetTimestamp() - start) * ticksToNs;
    }

    s_sink = sink;
    return lengths;
}

int Option(string name, int fallback) =>
    Array.IndexOf(args, name) is int at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;

// k dependent multiplies: each waits for the one before (imul r64, r64: 3 cycles on Zen 3); the loop's own
// counter and branch run beside the chain. Not inlined, so the call is the same for every k.
[MethodImpl(MethodImplOptions.NoInlining)]
static ulong Chain(ulong x, int k)
{
    for (int j = 0; j < k; j++)
    {
        x *= 0x9E3779B97F4A7C15UL;
    }

    return x;
}

internal partial class Program
{
    private static ulong s_sink;
}
