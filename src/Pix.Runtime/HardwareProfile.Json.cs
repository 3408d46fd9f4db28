using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Pix.Json;

namespace Pix;

// The *.pixhw.json format: reading, validating and writing hardware profiles.
//
// {
//   "schema": 1,
//   "name": "build-agent-7",
//   "machine": { "cpu": "…", "cores": 2, "operatingSystem": "…", "runtime": "…", "jitSettings": "…",
//                "l2CacheBytes": 524288 },              l2CacheBytes optional (unknown when absent: files before it)
//   "costs": { "IntegerAlu": { "latencyNs": 0.33, "throughputNs": 0.1 }, … every OperationClass by name … },
//                                                  (BranchMiss may be absent: files before it take the reference's cost;
//                                                   ScaledLea may be absent: files before it take 2 × their IntegerAlu latency;
//                                                   AtomicRmw may be absent: files before it take the reference's cost;
//                                                   LibraryCopyCall may be absent: files before it take their Call cost;
//                                                   LoopExitMiss may be absent: files before it take their BranchMiss cost)
//   "opaqueCalls": { "System.IO.File.ReadAllBytes": 12000 },
//   "defaultOpaqueCallNs": 50,
//   "issueWidth": 4,                                  optional (DefaultIssueWidth when absent)
//   "floatPortSharing": 0.05,                         optional (DefaultFloatPortSharing, 1, when absent): from 0 to 1
//   "learntTripCount": 128,                           optional (DefaultLearntTripCount, 128, when absent: files before it
//                                                      and calibrations that found no step): whole iterations, at least 1
//   "memoryLoads": [ { "workingSetBytes": 16384, "latencyNs": 1.4 }, … ]    optional, sizes increasing
//   "memoryLatencyNs": 104.2                          optional (a load memory serves, without page walks;
//                                                      absent: such loads price at the curve's plateau)
//   "timedAcrossProcesses": { "processes": 4, "classes": [ "IntegerAlu", … ] }
//                                                     optional (absent: every class timed in the calibrating process)
// }
//
// Classes are keyed by name, not number, so reordering the enum never silently misprices a file.
public sealed partial class HardwareProfile
{
    /// <summary>The version of the <c>*.pixhw.json</c> schema this runtime reads and writes.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Largest profile file accepted (a profile is a few kilobytes).</summary>
    private const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Largest price a file may give anything, in ns: 1000 s. No machine measures an operation, a memory level or a
    /// call at more; and a price near <see cref="double.MaxValue"/> made sums of a few terms Infinity, which the
    /// budget check printed as "it takes Infinity ns" (and Z3 could not take, so the fallback answered).
    /// </summary>
    private const double MaxPriceNs = 1e12;

    /// <summary>Reads a profile from a <c>*.pixhw.json</c> file.</summary>
    /// <exception cref="ProfileFormatException">The file is malformed or does not match the schema.</exception>
    /// <exception cref="IOException">The file cannot be read (missing, no permission, …).</exception>
    public static HardwareProfile Load(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"Hardware profile '{path}' does not exist.", path);
        }

        if (info.Length > MaxFileBytes)
        {
            throw new ProfileFormatException(path, 0, 0, $"the file is {info.Length} bytes; a hardware profile is at most {MaxFileBytes} bytes");
        }

        string text;
        try
        {
            text = File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException e)
        {
            throw new ProfileFormatException(path, 0, 0, "the file is not valid UTF-8 text", e);
        }

        return Parse(text, path);
    }

    /// <summary>Reads a profile from JSON text.</summary>
    /// <param name="json">The text of a <c>*.pixhw.json</c> file.</param>
    /// <param name="sourceName">Names the text in error messages (usually its path).</param>
    /// <exception cref="ProfileFormatException">The text is malformed or does not match the schema.</exception>
    public static HardwareProfile Parse(string json, string sourceName = "profile")
    {
        if (json is null)
        {
            throw new ArgumentNullException(nameof(json));
        }

        try
        {
            JsonNode root = JsonReader.Parse(json, sourceName, new JsonReaderOptions { MaxLength = MaxFileBytes, MaxDepth = 16 });
            return FromJson(JsonFields.Root(root, sourceName, "a hardware profile"));
        }
        catch (JsonFormatException e)
        {
            throw new ProfileFormatException(e.SourceName, e.Line, e.Column, e.Reason, e);
        }
    }

    /// <summary>The profile as <c>*.pixhw.json</c> text: fixed key order, invariant round-trip numbers, LF line ends.</summary>
    public string ToJson()
    {
        var w = new JsonWriter();
        w.WriteStartObject();
        w.WriteNumber("schema", SchemaVersion);
        w.WriteString("name", Name);

        w.WritePropertyName("machine").WriteStartObject();
        w.WriteString("cpu", Machine.Cpu);
        w.WriteNumber("cores", Machine.Cores);
        w.WriteString("operatingSystem", Machine.OperatingSystem);
        w.WriteString("runtime", Machine.Runtime);
        w.WriteString("jitSettings", Machine.JitSettings);
        if (Machine.L2CacheBytes is { } l2Bytes)
        {
            // Written only when known, so a profile without it keeps its old text.
            w.WriteNumber("l2CacheBytes", l2Bytes);
        }

        w.WriteEndObject();

        w.WritePropertyName("costs").WriteStartObject();
        foreach (OperationClass c in AllClasses)
        {
            w.WritePropertyName(c.ToString()).WriteStartObject();
            w.WriteNumber("latencyNs", _costs[(int)c].Latency);
            w.WriteNumber("throughputNs", _costs[(int)c].Throughput);
            w.WriteEndObject();
        }

        w.WriteEndObject();

        w.WritePropertyName("opaqueCalls").WriteStartObject();
        foreach (KeyValuePair<string, double> pair in _opaque.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(pair.Key, pair.Value);
        }

        w.WriteEndObject();
        w.WriteNumber("defaultOpaqueCallNs", DefaultOpaqueCallNs);
        if (_issueWidth != DefaultIssueWidth)
        {
            // Written only when it differs from the default, so a profile at the default keeps its old text.
            w.WriteNumber("issueWidth", _issueWidth);
        }

        if (_floatPortSharing != DefaultFloatPortSharing)
        {
            // Written only when it differs from the default, so a profile at the default keeps its old text.
            w.WriteNumber("floatPortSharing", _floatPortSharing);
        }

        if (_learntTripCount is { } learntTripCount)
        {
            // Written only when measured, so a profile from before the kernel keeps its old text.
            w.WriteNumber("learntTripCount", learntTripCount);
        }

        if (_memoryLoads.Length > 0)
        {
            // Written only when present, so a profile without the curve keeps its old text.
            w.WritePropertyName("memoryLoads").WriteStartArray();
            foreach (MemoryLoadLatency point in _memoryLoads)
            {
                w.WriteStartObject();
                w.WriteNumber("workingSetBytes", point.WorkingSetBytes);
                w.WriteNumber("latencyNs", point.LatencyNs);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (_memoryLatencyNs is { } memoryLatencyNs)
        {
            // Written only when measured, so a profile from before the kernel keeps its old text.
            w.WriteNumber("memoryLatencyNs", memoryLatencyNs);
        }

        WriteTimedAcrossProcesses(w);
        w.WriteEndObject();
        return w.ToString();
    }

    /// <summary>
    /// Writes the profile to <paramref name="path"/> atomically: the text goes to a temporary file in
    /// the same directory, which then replaces the target. A failed save leaves the old file intact.
    /// </summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Save(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        AtomicFile.WriteAllText(path, ToJson());
    }

    private static HardwareProfile FromJson(JsonFields root)
    {
        // Check the version first: a future schema may differ in everything else.
        JsonNode schemaNode = root.Require("schema");
        long schema = root.RequireInteger("schema");
        if (schema != SchemaVersion)
        {
            throw root.Error(schemaNode, "schema", $"this version of Pix reads schema {SchemaVersion}; the file has schema {schema}");
        }

        root.RejectUnknown("schema", "name", "machine", "costs", "opaqueCalls", "defaultOpaqueCallNs", "issueWidth", "floatPortSharing", "learntTripCount", "memoryLoads", "memoryLatencyNs", "timedAcrossProcesses");

        JsonFields machineFields = root.RequireObject("machine");
        machineFields.RejectUnknown("cpu", "cores", "operatingSystem", "runtime", "jitSettings", "l2CacheBytes");
        var machine = new MachineDescription
        {
            Cpu = machineFields.RequireString("cpu"),
            Cores = (int)machineFields.RequireInteger("cores", 0, int.MaxValue),
            OperatingSystem = machineFields.RequireString("operatingSystem"),
            Runtime = machineFields.RequireString("runtime"),
            JitSettings = machineFields.RequireString("jitSettings"),
            L2CacheBytes = machineFields.Object["l2CacheBytes"] is null or JsonNull ? null : machineFields.RequireInteger("l2CacheBytes", 1, long.MaxValue),
        };

        JsonFields costFields = root.RequireObject("costs");
        var costs = new Dictionary<OperationClass, OperationCost>();
        foreach ((JsonProperty property, JsonFields fields) in costFields.ObjectProperties())
        {
            if (!TryParseClass(property.Name, out OperationClass c))
            {
                throw costFields.Error(property, $"unknown operation class; expected one of {string.Join(", ", AllClasses)}");
            }

            fields.RejectUnknown("latencyNs", "throughputNs");
            costs[c] = new OperationCost(RequirePrice(fields, "latencyNs"), RequirePrice(fields, "throughputNs"));
        }

        // A class added after the file was written takes its later-class default (in the constructor).
        OperationClass[] missing = AllClasses.Where(c => !costs.ContainsKey(c) && !TryGetLaterClassDefault(c, costs, out _)).ToArray();
        if (missing.Length > 0)
        {
            throw costFields.Error($"no cost for operation class{(missing.Length > 1 ? "es" : string.Empty)} {string.Join(", ", missing)}; a profile prices every class");
        }

        var opaque = new Dictionary<string, double>(StringComparer.Ordinal);
        if (root.OptionalObject("opaqueCalls") is JsonFields opaqueFields)
        {
            foreach (JsonProperty property in opaqueFields.Object.Properties)
            {
                opaque[property.Name] = RequirePrice(opaqueFields, property.Name);
            }
        }

        var profile = new HardwareProfile(
            root.RequireString("name"),
            machine,
            costs,
            opaque,
            RequirePrice(root, "defaultOpaqueCallNs"));
        if (root.Object["memoryLoads"] is not (null or JsonNull))
        {
            profile = profile.WithMemoryLoads(ReadMemoryLoads(root));
        }

        if (root.Object["issueWidth"] is not (null or JsonNull))
        {
            profile = profile.WithIssueWidth(ReadIssueWidth(root));
        }

        if (root.Object["floatPortSharing"] is not (null or JsonNull))
        {
            profile = profile.WithFloatPortSharing(ReadFloatPortSharing(root));
        }

        if (root.Object["learntTripCount"] is not (null or JsonNull))
        {
            profile = profile.WithLearntTripCount((int)root.RequireInteger("learntTripCount", 1, int.MaxValue));
        }

        if (root.Object["memoryLatencyNs"] is not (null or JsonNull))
        {
            profile = profile.WithMemoryLatency(RequirePrice(root, "memoryLatencyNs"));
        }

        return ReadTimedAcrossProcesses(profile, root);
    }

    /// <summary>A price in ns: a non-negative number of at most <see cref="MaxPriceNs"/>.</summary>
    private static double RequirePrice(JsonFields fields, string name)
    {
        double price = fields.RequireNonNegative(name);
        return price <= MaxPriceNs
            ? price
            : throw fields.Error(fields.Require(name), name, $"must be at most {MaxPriceNs.ToString("0", System.Globalization.CultureInfo.InvariantCulture)} ns (1000 s); found {((JsonNumber)fields.Require(name)).Text}");
    }

    /// <summary>The optional issue width: a finite number of micro-operations per cycle, at least 1.</summary>
    private static double ReadIssueWidth(JsonFields root)
    {
        double issueWidth = root.RequireNonNegative("issueWidth");
        if (!IsValidIssueWidth(issueWidth))
        {
            throw root.Error(root.Require("issueWidth"), "issueWidth", $"an issue width is at least 1 micro-operation per cycle; got {issueWidth}");
        }

        return issueWidth;
    }

    /// <summary>The optional sharing of the float ports: a fraction from 0 to 1.</summary>
    private static double ReadFloatPortSharing(JsonFields root)
    {
        double sharing = root.RequireNonNegative("floatPortSharing");
        if (!IsValidFloatPortSharing(sharing))
        {
            throw root.Error(root.Require("floatPortSharing"), "floatPortSharing", $"a sharing of the float ports is a fraction from 0 to 1; got {sharing}");
        }

        return sharing;
    }

    /// <summary>The optional memory-level curve: positive, strictly increasing sizes, each with a non-negative latency.</summary>
    private static List<MemoryLoadLatency> ReadMemoryLoads(JsonFields root)
    {
        JsonArray array = root.RequireArray("memoryLoads");
        var points = new List<MemoryLoadLatency>(array.Items.Count);
        for (int i = 0; i < array.Items.Count; i++)
        {
            JsonNode item = array.Items[i];
            string path = $"memoryLoads[{i}]";
            if (item is not JsonObject obj)
            {
                throw root.Error(item, path, $"expected an object, found {item.KindDescription}");
            }

            var fields = new JsonFields(obj, root.SourceName, path);
            fields.RejectUnknown("workingSetBytes", "latencyNs");
            long bytes = fields.RequireInteger("workingSetBytes", 1, long.MaxValue);
            if (i > 0 && bytes <= points[i - 1].WorkingSetBytes)
            {
                throw fields.Error(fields.Require("workingSetBytes"), "workingSetBytes", $"working sets must be strictly increasing; {bytes} follows {points[i - 1].WorkingSetBytes}");
            }

            points.Add(new MemoryLoadLatency(bytes, RequirePrice(fields, "latencyNs")));
        }

        return points;
    }

    // Exact, case-sensitive names only: Enum.TryParse would also accept "6" or "load".
    private static bool TryParseClass(string name, out OperationClass operation)
    {
        foreach (OperationClass c in AllClasses)
        {
            if (string.Equals(c.ToString(), name, StringComparison.Ordinal))
            {
                operation = c;
                return true;
            }
        }

        operation = default;
        return false;
    }
}
