using System;
using System.IO;
using System.Text;
using Pix.Serialization;

namespace Pix.Robustness.Tests;

/// <summary>
/// Hostile hardware profile and baseline files (issue #7, item 5): each gives its reader's documented
/// error and never another exception, a hang or unbounded memory. The JSON reader's own limits are tested
/// in Pix.Runtime.Tests and the baseline reader's fixed hostile cases in Pix.Extractor.Tests; this adds
/// what only the file entry points and random damage reach.
/// </summary>
public sealed class HostileFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pix-hostile-" + Guid.NewGuid().ToString("N"));

    public HostileFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_100_MB_profile_is_refused_by_its_size_without_being_read()
    {
        string path = Path.Combine(_dir, "huge.pixhw.json");
        using (var file = new FileStream(path, FileMode.CreateNew))
        {
            file.SetLength(100L * 1024 * 1024); // sparse: costs no disk and no time to write
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ProfileFormatException>(() => HardwareProfile.Load(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("104857600 bytes; a hardware profile is at most", error.Message);
        Assert.InRange(allocated, 0, 1024 * 1024); // the file's text was never materialised
    }

    [Theory]
    [InlineData("\"defaultOpaqueCallNs\": 50", "\"defaultOpaqueCallNs\": -5", "defaultOpaqueCallNs")]
    [InlineData("\"defaultOpaqueCallNs\": 50", "\"defaultOpaqueCallNs\": Infinity", "expected a JSON value, found 'Infinity'")]
    [InlineData("\"defaultOpaqueCallNs\": 50", "\"defaultOpaqueCallNs\": -Infinity", "expected a digit")]
    [InlineData("\"defaultOpaqueCallNs\": 50", "\"defaultOpaqueCallNs\": NaN", "expected a JSON value, found 'NaN'")]
    [InlineData("\"defaultOpaqueCallNs\": 50", "\"defaultOpaqueCallNs\": 1e400", "too large to represent")]
    [InlineData("\"A.B\": 1", "\"A.B\": -1", "opaqueCalls.A.B: must be a non-negative number")]
    [InlineData("\"A.B\": 1", "\"A.B\": \"NaN\"", "opaqueCalls.A.B: expected a number, found a string")]
    [InlineData("\"throughputNs\": 6", "\"throughputNs\": -0.5", "throughputNs: must be a non-negative number")]
    [InlineData("\"throughputNs\": 6", "\"throughputNs\": -0", "")]
    public void Nan_negative_and_infinite_costs_are_located_errors(string find, string replace, string message)
    {
        string json = WithOneOpaqueCall();
        Assert.Contains(find, json);
        int at = json.IndexOf(find, StringComparison.Ordinal);
        string path = Write("costs.pixhw.json", json.Substring(0, at) + replace + json.Substring(at + find.Length));

        if (replace.EndsWith("-0", StringComparison.Ordinal))
        {
            // Negative zero is zero: a valid (free) cost, and it must price as +0, never as a negative latency.
            HardwareProfile read = HardwareProfile.Load(path);
            Assert.False(double.IsNegative(read[OperationClass.IntegerDivide].Throughput));
            return;
        }

        var error = Assert.Throws<ProfileFormatException>(() => HardwareProfile.Load(path));
        Assert.True(error.Message.Contains(message, StringComparison.Ordinal), error.Message);
        Assert.True(error.Line > 0, error.Message);
    }

    [Fact]
    public void A_profile_nested_100000_deep_is_refused_at_the_limit_not_by_a_stack_overflow()
    {
        string json = "{\"schema\": 1, \"name\": " + new string('[', 100_000) + new string(']', 100_000) + "}";
        string path = Write("deep.pixhw.json", json);

        var error = OnSmallStack(() => Assert.Throws<ProfileFormatException>(() => HardwareProfile.Load(path)));

        Assert.Contains("nested more than", error.Message);
    }

    [Fact]
    public void Random_damage_to_a_profile_gives_only_the_documented_error()
    {
        string valid = HardwareProfile.Reference.ToJson();
        var random = new Random(20261129);
        for (int i = 0; i < 3000; i++)
        {
            string damaged = Damage(valid, random);
            try
            {
                HardwareProfile profile = HardwareProfile.Parse(damaged, "damaged.pixhw.json");

                // Whatever parses is a usable profile: every cost finite and non-negative.
                foreach (OperationClass c in HardwareProfile.AllClasses)
                {
                    Assert.True(IsCost(profile[c].Latency) && IsCost(profile[c].Throughput), $"damage #{i} gave {c} = {profile[c]}");
                }

                Assert.True(IsCost(profile.OpaqueNs("Unknown.Method")), $"damage #{i}");
            }
            catch (ProfileFormatException e)
            {
                Assert.StartsWith("damaged.pixhw.json", e.Message);
            }
        }
    }

    [Fact]
    public void Random_damage_to_a_baseline_gives_errors_never_exceptions()
    {
        string valid = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "LoadBalancerRegression", "pix.baseline.json"));
        Assert.Empty(BaselineReader.Read(valid, "pix.baseline.json").Errors);

        var random = new Random(20261129);
        for (int i = 0; i < 1000; i++)
        {
            string damaged = Damage(valid, random);
            BaselineReadResult read = BaselineReader.Read(damaged, "pix.baseline.json");
            Assert.All(read.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message), $"damage #{i}: an error without a message"));
        }
    }

    [Theory]
    [InlineData("-0.05")]
    [InlineData("1")]
    [InlineData("7.5")]
    public void A_baseline_resolution_outside_zero_to_one_is_a_located_error(string resolution)
    {
        string valid = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "LoadBalancerRegression", "pix.baseline.json"));
        int at = valid.IndexOf("\"resolution\": ", StringComparison.Ordinal);
        Assert.True(at >= 0, "the sample baseline has a resolution field");
        int valueStart = at + "\"resolution\": ".Length;
        int valueEnd = valid.IndexOfAny(new[] { ',', '\n', '}' }, valueStart);
        string damaged = valid.Substring(0, valueStart) + resolution + valid.Substring(valueEnd);

        BaselineReadResult read = BaselineReader.Read(damaged, "pix.baseline.json");

        Assert.Contains(read.Errors, e => e.Message.Contains("resolution: must be a fraction from 0 up to (not including) 1"));
    }

    /// <summary>One to three random edits: a byte changed to a JSON-significant character, a span deleted or duplicated, or a cut.</summary>
    private static string Damage(string text, Random random)
    {
        const string significant = "{}[]:,\"-.0123456789eE+ \nntfaslu\\";
        var builder = new StringBuilder(text);
        int edits = random.Next(1, 4);
        for (int e = 0; e < edits && builder.Length > 1; e++)
        {
            int at = random.Next(builder.Length);
            int length = Math.Min(random.Next(1, 40), builder.Length - at);
            switch (random.Next(4))
            {
                case 0:
                    builder[at] = significant[random.Next(significant.Length)];
                    break;
                case 1:
                    builder.Remove(at, length);
                    break;
                case 2:
                    builder.Insert(at, builder.ToString(at, length));
                    break;
                default:
                    builder.Length = at;
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>The reference profile with one opaque call cost (<c>A.B</c> = 1 ns), as JSON.</summary>
    private static string WithOneOpaqueCall()
    {
        var costs = new System.Collections.Generic.Dictionary<OperationClass, OperationCost>();
        foreach (OperationClass c in HardwareProfile.AllClasses)
        {
            costs[c] = HardwareProfile.Reference[c];
        }

        return new HardwareProfile("hostile", HardwareProfile.Reference.Machine, costs, new System.Collections.Generic.Dictionary<string, double> { ["A.B"] = 1 }, 50).ToJson();
    }

    private static bool IsCost(double ns) => double.IsFinite(ns) && ns >= 0;

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs <paramref name="action"/> on a thread with a compiler worker's 1 MB stack.</summary>
    private static T OnSmallStack<T>(Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new System.Threading.Thread(() =>
        {
            try
            {
                result = action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException("failed on the small stack", failure);
        }

        return result;
    }
}
