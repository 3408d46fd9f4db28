using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Pix.Cli.Commands;
using Pix.Json;

namespace Pix.Cli.Tests;

/// <summary><c>pix calibrate --raw F</c>: every pass's timings, written as JSON a script can read back.</summary>
public sealed class CalibrationRawFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pix-raw-" + Guid.NewGuid().ToString("N"));

    public CalibrationRawFileTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Every_pass_of_every_kernel_is_written_with_its_batches_and_collections()
    {
        var result = new CalibrationResult(HardwareProfile.Reference, Array.Empty<KernelTiming>(), new Dictionary<OperationClass, string>(), 0, 2, TimeSpan.FromSeconds(14.5))
        {
            IssueRates = new[] { 4.6, 3.5 },
            Passes = new[]
            {
                new KernelPass("alu chain", "latency", 1, 256, 400, 5.26, new[] { 5.25, 5.26, 5.3 }, 0),
                new KernelPass("alloc 16 B x4", "throughput", 1, 256, 20, 45.1, new[] { 44.0, 45.1, 110.123456789 }, 1),
                new KernelPass("alu chain", "latency", 2, 256, 400, 5.27, new[] { 5.27, 5.27, 5.28 }, 0),
            },
        };
        string path = Path.Combine(_directory, "raw.json");

        CalibrationRawFile.Write(path, result);

        var root = (JsonObject)JsonReader.Parse(File.ReadAllText(path), path);
        Assert.Equal(14.5, Number(root, "seconds"));
        Assert.Equal(new[] { 4.6, 3.5 }, Numbers(root, "issueRates"));
        IReadOnlyList<JsonNode> passes = ((JsonArray)root["passes"]!).Items;
        Assert.Equal(3, passes.Count);
        var alloc = (JsonObject)passes[1];
        Assert.Equal("alloc 16 B x4", ((JsonString)alloc["name"]!).Value);
        Assert.Equal(1, Number(alloc, "pass"));
        Assert.Equal(20, Number(alloc, "callsPerBatch"));
        Assert.Equal(1, Number(alloc, "gen0Collections"));
        Assert.Equal(new[] { 44.0, 45.1, 110.123 }, Numbers(alloc, "batchNs"));
        Assert.Equal(2, Number((JsonObject)passes[2], "pass"));
    }

    [Fact]
    public void The_quiet_passes_and_the_wait_for_them_are_written()
    {
        var result = new CalibrationResult(HardwareProfile.Reference, Array.Empty<KernelTiming>(), new Dictionary<OperationClass, string>(), 0, 3, TimeSpan.FromSeconds(21))
        {
            IssueRates = new[] { 2.8, 3.4, 2.9 },
            QuietIssueRate = 3.4,
            HighestIssueRate = 3.5,
            WaitingPasses = 1,
            CeilingReached = false,
        };
        string path = Path.Combine(_directory, "quiet.json");

        CalibrationRawFile.Write(path, result);

        var root = (JsonObject)JsonReader.Parse(File.ReadAllText(path), path);
        Assert.Equal(3.4, Number(root, "quietIssueRate"));
        Assert.Equal(3.5, Number(root, "highestIssueRate"));
        Assert.Equal(new[] { 2.0 }, Numbers(root, "quietPasses"));
        Assert.Equal(1, Number(root, "waitingPasses"));
        Assert.False(((JsonBoolean)root["ceilingReached"]!).Value);
    }

    private static double Number(JsonObject o, string name) => ((JsonNumber)o[name]!).Value;

    private static double[] Numbers(JsonObject o, string name) => ((JsonArray)o[name]!).Items.Select(n => ((JsonNumber)n).Value).ToArray();
}
