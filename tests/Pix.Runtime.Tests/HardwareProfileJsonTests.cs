using System;
using System.IO;
using Pix;

namespace Pix.Runtime.Tests;

public sealed class HardwareProfileJsonTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "pix-profile-tests-" + Guid.NewGuid().ToString("N"));

    public HardwareProfileJsonTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Reference_profile_round_trips_exactly()
    {
        HardwareProfile reference = HardwareProfile.Reference.With(OperationClass.Load, new OperationCost(1.0 / 3, 0.1 + 0.2));
        string json = reference.ToJson();

        HardwareProfile read = HardwareProfile.Parse(json, "x.pixhw.json");

        Assert.Equal(json, read.ToJson());
        Assert.Equal(reference.Machine, read.Machine);
        foreach (OperationClass c in HardwareProfile.AllClasses)
        {
            Assert.Equal(reference[c], read[c]);
        }
    }

    [Fact]
    public void Json_is_deterministic_lf_and_keyed_by_class_name()
    {
        string json = HardwareProfile.Reference.ToJson();

        Assert.DoesNotContain("\r", json);
        Assert.StartsWith("{\n  \"schema\": 1,\n  \"name\": \"reference\",", json);
        Assert.Contains("\"IntegerDivide\": {\n      \"latencyNs\": 8,\n      \"throughputNs\": 6\n    }", json);
        Assert.Equal(json, HardwareProfile.Reference.ToJson());
    }

    [Fact]
    public void Save_then_load_gives_the_same_profile()
    {
        string path = Path.Combine(_dir, "m.pixhw.json");
        HardwareProfile.Reference.Save(path);

        Assert.Equal(HardwareProfile.Reference.ToJson(), HardwareProfile.Load(path).ToJson());
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Save_replaces_an_existing_file()
    {
        string path = Path.Combine(_dir, "m.pixhw.json");
        File.WriteAllText(path, "old");
        HardwareProfile.Reference.Save(path);

        Assert.Equal(HardwareProfile.Reference.ToJson(), File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Save_to_a_missing_directory_fails_cleanly()
    {
        Assert.ThrowsAny<IOException>(() => HardwareProfile.Reference.Save(Path.Combine(_dir, "nope", "m.pixhw.json")));
    }

    [Fact]
    public void Load_of_a_missing_file_names_it()
    {
        string path = Path.Combine(_dir, "missing.pixhw.json");
        var error = Assert.Throws<FileNotFoundException>(() => HardwareProfile.Load(path));
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void Load_refuses_invalid_utf8()
    {
        string path = Path.Combine(_dir, "bin.pixhw.json");
        File.WriteAllBytes(path, new byte[] { 0x7B, 0xFF, 0xFE, 0x7D });
        var error = Assert.Throws<ProfileFormatException>(() => HardwareProfile.Load(path));
        Assert.Contains("not valid UTF-8", error.Message);
    }

    [Theory]
    [InlineData("\"latencyNs\": 8,", "\"latencyNs\": -1,", "costs.IntegerDivide.latencyNs: must be a non-negative number; found -1")]
    [InlineData("\"latencyNs\": 8,", "\"latencyNs\": \"8\",", "costs.IntegerDivide.latencyNs: expected a number, found a string")]
    [InlineData("\"latencyNs\": 8,", "\"latencyNs\": NaN,", "expected a JSON value, found 'NaN'")]
    [InlineData("\"latencyNs\": 8,", "\"latencyNs\": 1e999,", "too large to represent")]
    // A price no machine measures: sums of it overflowed to Infinity, which a budget message printed ("it takes Infinity ns").
    [InlineData("\"latencyNs\": 8,", "\"latencyNs\": 1e308,", "costs.IntegerDivide.latencyNs: must be at most 1000000000000 ns (1000 s); found 1e308")]
    [InlineData("\"throughputNs\": 6", "\"throughputNs\": 2e12", "costs.IntegerDivide.throughputNs: must be at most 1000000000000 ns (1000 s); found 2e12")]
    [InlineData("\"defaultOpaqueCallNs\": 50", "\"defaultOpaqueCallNs\": 1e300", "defaultOpaqueCallNs: must be at most 1000000000000 ns (1000 s); found 1e300")]
    [InlineData("\"latencyNs\": 100", "\"latencyNs\": 1e300", "memoryLoads[4].latencyNs: must be at most 1000000000000 ns (1000 s); found 1e300")]
    [InlineData("\"latencyNs\": 8,", "\"latencyNS\": 8,", "costs.IntegerDivide.latencyNS: unknown property")]
    [InlineData("\"IntegerDivide\"", "\"IntegerDivision\"", "costs.IntegerDivision: unknown operation class; expected one of IntegerAlu, ")]
    [InlineData("\"schema\": 1", "\"schema\": 2", "schema: this version of Pix reads schema 1; the file has schema 2")]
    [InlineData("\"schema\": 1", "\"schema\": 1.5", "schema: expected an integer, found 1.5")]
    [InlineData("\"cores\": 1", "\"cores\": -3", "machine.cores: must be between 0 and")]
    [InlineData("\"name\": \"reference\",", "", "missing required property 'name'")]
    public void Invalid_fields_are_reported_with_file_position_and_path(string find, string replace, string message)
    {
        string json = HardwareProfile.Reference.ToJson();
        Assert.Contains(find, json);
        int index = json.IndexOf(find, StringComparison.Ordinal);
        string broken = json.Substring(0, index) + replace + json.Substring(index + find.Length);

        var error = Assert.Throws<ProfileFormatException>(() => HardwareProfile.Parse(broken, "m.pixhw.json"));

        Assert.Contains(message, error.Message);
        Assert.StartsWith("m.pixhw.json: line ", error.Message);
        Assert.True(error.Line > 0);
        string[] lines = broken.Split('\n');
        Assert.InRange(error.Column, 1, lines[error.Line - 1].Length + 1);
    }

    [Fact]
    public void A_missing_class_is_named()
    {
        string json = HardwareProfile.Reference.ToJson();
        int start = json.IndexOf("    \"TypeCheck\"", StringComparison.Ordinal);
        int end = json.IndexOf('}', start) + 1;
        string broken = json.Substring(0, start - 2) + json.Substring(end); // also drops the preceding ",\n"

        var error = Assert.Throws<ProfileFormatException>(() => HardwareProfile.Parse(broken, "m.pixhw.json"));

        Assert.Contains("costs: no cost for operation class TypeCheck", error.Message);
    }

    [Fact]
    public void A_truncated_file_reports_the_end()
    {
        string json = HardwareProfile.Reference.ToJson();
        string truncated = json.Substring(0, json.Length / 2);

        var error = Assert.Throws<ProfileFormatException>(() => HardwareProfile.Parse(truncated, "cut.pixhw.json"));

        Assert.Contains("end of the text", error.Message);
        Assert.Equal(truncated.Split('\n').Length, error.Line);
    }

    [Fact]
    public void A_non_object_root_is_refused()
    {
        var error = Assert.Throws<ProfileFormatException>(() => HardwareProfile.Parse("[1]", "a.pixhw.json"));
        Assert.Contains("expected a hardware profile to be a JSON object, found an array", error.Message);
    }

    [Fact]
    public void Opaque_call_costs_round_trip_sorted()
    {
        var costs = new System.Collections.Generic.Dictionary<OperationClass, OperationCost>();
        foreach (OperationClass c in HardwareProfile.AllClasses)
        {
            costs[c] = HardwareProfile.Reference[c];
        }

        var profile = new HardwareProfile("p", new MachineDescription { Cpu = "c\"q" }, costs,
            new System.Collections.Generic.Dictionary<string, double> { ["Z.B"] = 2, ["A.a"] = 1 }, 7);

        HardwareProfile read = HardwareProfile.Parse(profile.ToJson(), "p");

        Assert.Equal(1, read.OpaqueNs("A.a"));
        Assert.Equal(7, read.OpaqueNs("unknown"));
        Assert.Equal("c\"q", read.Machine.Cpu);
        Assert.True(profile.ToJson().IndexOf("A.a", StringComparison.Ordinal) < profile.ToJson().IndexOf("Z.B", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_without_an_issue_width_has_the_default_and_keeps_its_text()
    {
        string json = HardwareProfile.Reference.ToJson();
        Assert.DoesNotContain("issueWidth", json);

        HardwareProfile read = HardwareProfile.Parse(json, "old.pixhw.json");

        Assert.Equal(HardwareProfile.DefaultIssueWidth, read.IssueWidth);
        Assert.Equal(json, read.ToJson());
    }

    [Fact]
    public void An_issue_width_round_trips()
    {
        string json = HardwareProfile.Reference.WithIssueWidth(6).ToJson();
        Assert.Contains("\"defaultOpaqueCallNs\": 50,\n  \"issueWidth\": 6,\n  \"memoryLoads\": [", json);

        HardwareProfile read = HardwareProfile.Parse(json, "m.pixhw.json");

        Assert.Equal(6, read.IssueWidth);
        Assert.Equal(HardwareProfile.Reference.MemoryLoads, read.MemoryLoads);
        Assert.Equal(json, read.ToJson());
    }

    [Fact]
    public void Adding_a_memory_curve_keeps_the_issue_width()
    {
        HardwareProfile six = HardwareProfile.Reference.WithIssueWidth(6).WithMemoryLoads(HardwareProfile.Reference.MemoryLoads);

        Assert.Equal(6, six.IssueWidth);
    }

    [Theory]
    [InlineData("0.5", "issueWidth: an issue width is at least 1 micro-operation per cycle; got 0.5")]
    [InlineData("-4", "issueWidth: must be a non-negative number; found -4")]
    [InlineData("\"4\"", "issueWidth: expected a number, found a string")]
    public void A_bad_issue_width_is_reported_with_its_position(string value, string message)
    {
        string json = HardwareProfile.Reference.ToJson();
        string broken = json.Substring(0, json.LastIndexOf('}')).TrimEnd() + ",\n  \"issueWidth\": " + value + "\n}";

        var error = Assert.Throws<ProfileFormatException>(() => HardwareProfile.Parse(broken, "m.pixhw.json"));

        Assert.Contains(message, error.Message);
        Assert.True(error.Line > 0);
    }
}
