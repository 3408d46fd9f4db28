using System;
using System.Linq;
using Pix;
using Pix.Calibration.Kernels;

namespace Pix.Runtime.Tests;

/// <summary>The memory-level curve: lookup, the optional field of *.pixhw.json, and the chase that measures it.</summary>
public sealed class MemoryLoadTests
{
    private static readonly MemoryLoadLatency[] Curve =
    {
        new(16 << 10, 1.5),
        new(256 << 10, 5.5),
        new(4 << 20, 20),
    };

    private static HardwareProfile WithCurve => HardwareProfile.Reference.WithMemoryLoads(Curve);

    [Fact]
    public void Measured_working_sets_give_their_own_latency()
    {
        foreach (MemoryLoadLatency point in Curve)
        {
            Assert.Equal(point.LatencyNs, WithCurve.LoadNs(point.WorkingSetBytes));
        }
    }

    [Fact]
    public void Between_two_sets_the_latency_is_interpolated_in_log2_of_the_size()
    {
        // 64 KiB is half-way from 16 KiB to 256 KiB in log2 (14 → 16 → 18).
        Assert.Equal(3.5, WithCurve.LoadNs(64 << 10), precision: 12);
        Assert.Equal(12.75, WithCurve.LoadNs(1 << 20), precision: 12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(1000)]
    [InlineData(double.NaN)]
    public void Below_the_smallest_set_the_smallest_sets_latency_applies(double bytes) =>
        Assert.Equal(1.5, WithCurve.LoadNs(bytes));

    [Theory]
    [InlineData(8L << 20)]
    [InlineData(double.PositiveInfinity)]
    public void Above_the_largest_set_the_largest_sets_latency_applies(double bytes) =>
        Assert.Equal(20, WithCurve.LoadNs(bytes));

    [Fact]
    public void Without_a_curve_every_load_is_the_load_class()
    {
        HardwareProfile plain = HardwareProfile.Reference.WithMemoryLoads(Array.Empty<MemoryLoadLatency>());

        Assert.Empty(plain.MemoryLoads);
        Assert.Equal(plain.LatencyNs(OperationClass.Load), plain.LoadNs(1L << 30));
    }

    [Fact]
    public void The_reference_profile_has_a_documented_increasing_curve_starting_at_its_load_latency()
    {
        var curve = HardwareProfile.Reference.MemoryLoads;

        Assert.True(curve.Count >= 4);
        Assert.Equal(HardwareProfile.Reference.LatencyNs(OperationClass.Load), curve[0].LatencyNs);
        Assert.All(curve.Zip(curve.Skip(1), (a, b) => (a, b)), pair => Assert.True(pair.b.LatencyNs > pair.a.LatencyNs));
    }

    [Fact]
    public void Changing_a_class_keeps_the_curve()
    {
        HardwareProfile changed = WithCurve.With(OperationClass.Store, new OperationCost(1, 1));

        Assert.Equal(Curve, changed.MemoryLoads);
    }

    [Theory]
    [InlineData(0L, 1.0, "must be positive")]
    [InlineData(-4096L, 1.0, "must be positive")]
    [InlineData(16384L, -1.0, "must be a finite, non-negative")]
    [InlineData(16384L, double.NaN, "must be a finite, non-negative")]
    [InlineData(16384L, double.PositiveInfinity, "must be a finite, non-negative")]
    public void Invalid_points_are_refused(long bytes, double ns, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => HardwareProfile.Reference.WithMemoryLoads(new[] { new MemoryLoadLatency(bytes, ns) }));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Sizes_that_do_not_increase_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => HardwareProfile.Reference.WithMemoryLoads(new[] { Curve[1], Curve[0] }));

        Assert.Contains("strictly increasing; point 1 (16384 bytes) follows 262144 bytes", error.Message);
    }

    [Fact]
    public void The_curve_round_trips_through_json()
    {
        string json = WithCurve.ToJson();

        HardwareProfile read = HardwareProfile.Parse(json, "m.pixhw.json");

        Assert.Equal(Curve, read.MemoryLoads);
        Assert.Equal(json, read.ToJson());
        Assert.Contains("\"memoryLoads\": [\n    {\n      \"workingSetBytes\": 16384,\n      \"latencyNs\": 1.5\n    },", json);
    }

    [Fact]
    public void A_profile_without_the_field_still_loads_and_writes_no_field()
    {
        string json = HardwareProfile.Reference.WithMemoryLoads(Array.Empty<MemoryLoadLatency>()).ToJson();
        Assert.DoesNotContain("memoryLoads", json);

        HardwareProfile read = HardwareProfile.Parse(json, "old.pixhw.json");

        Assert.Empty(read.MemoryLoads);
        Assert.Equal(json, read.ToJson());
    }

    [Theory]
    [InlineData("\"memoryLoads\": {}", "memoryLoads: expected an array, found an object")]
    [InlineData("\"memoryLoads\": [1]", "memoryLoads[0]: expected an object, found a number")]
    [InlineData("\"memoryLoads\": [{\"workingSetBytes\": 0, \"latencyNs\": 1}]", "memoryLoads[0].workingSetBytes: must be between 1 and")]
    [InlineData("\"memoryLoads\": [{\"workingSetBytes\": 1.5, \"latencyNs\": 1}]", "memoryLoads[0].workingSetBytes: expected an integer, found 1.5")]
    [InlineData("\"memoryLoads\": [{\"workingSetBytes\": 64, \"latencyNs\": -2}]", "memoryLoads[0].latencyNs: must be a non-negative number; found -2")]
    [InlineData("\"memoryLoads\": [{\"workingSetBytes\": 64, \"latencyNs\": 1e999}]", "too large to represent")]
    [InlineData("\"memoryLoads\": [{\"workingSetBytes\": 64}]", "memoryLoads[0]: missing required property 'latencyNs'")]
    [InlineData("\"memoryLoads\": [{\"workingSetBytes\": 64, \"latencyNs\": 1, \"level\": \"L1\"}]", "memoryLoads[0].level: unknown property")]
    [InlineData("\"memoryLoads\": [{\"workingSetBytes\": 64, \"latencyNs\": 1}, {\"workingSetBytes\": 64, \"latencyNs\": 2}]", "memoryLoads[1].workingSetBytes: working sets must be strictly increasing; 64 follows 64")]
    public void Malformed_curves_are_reported_with_their_path(string field, string message)
    {
        string json = HardwareProfile.Reference.WithMemoryLoads(Array.Empty<MemoryLoadLatency>()).ToJson();
        string broken = json.Substring(0, json.LastIndexOf('}')).TrimEnd() + ",\n  " + field + "\n}\n";

        var error = Assert.Throws<ProfileFormatException>(() => HardwareProfile.Parse(broken, "m.pixhw.json"));

        Assert.Contains(message, error.Message);
        Assert.StartsWith("m.pixhw.json: line ", error.Message);
    }

    [Fact]
    public void Each_chase_visits_every_line_of_its_working_set_once_per_lap_in_its_own_slot()
    {
        long[] sizes = { 4 * 1024, 64 * 1024 };
        var chases = MemoryChase.Create(sizes, seed: 7);

        for (int slot = 0; slot < sizes.Length; slot++)
        {
            MemoryChase chase = chases[slot];
            int lines = (int)(sizes[slot] / 64);
            var seen = new bool[lines];
            int start = (int)chase.Run(0);
            int position = start;

            // Run(1) follows LinksPerIteration links; one lap is `lines` links, through distinct lines.
            for (int step = 0; step < lines / MemoryChase.LinksPerIteration; step++)
            {
                position = (int)chase.Run(1);
                Assert.Equal(slot, position % 16);
                Assert.InRange(position / 16, 0, lines - 1);
                Assert.False(seen[position / 16]);
                seen[position / 16] = true;
            }

            Assert.Equal(start, position);
        }
    }

    [Fact]
    public void The_default_working_sets_double_from_16_KiB_to_256_MiB()
    {
        Assert.Equal(16 << 10, MemoryChase.DefaultSizes[0]);
        Assert.Equal(256L << 20, MemoryChase.DefaultSizes[^1]);
        Assert.All(MemoryChase.DefaultSizes.Skip(1).Zip(MemoryChase.DefaultSizes), pair => Assert.Equal(2 * pair.Second, pair.First));
        Assert.True(MemoryChase.DefaultSizes.Length <= MemoryChase.MaxChases);
    }

    [Theory]
    [InlineData(new long[] { 64, 4096 })]
    [InlineData(new long[] { 4096, 4096 })]
    [InlineData(new long[] { 8192, 4096 })]
    [InlineData(new long[] { 1 << 10, 1 << 11, 1 << 12, 1 << 13, 1 << 14, 1 << 15, 1 << 16, 1 << 17, 1 << 18, 1 << 19, 1 << 20, 1 << 21, 1 << 22, 1 << 23, 1 << 24, 1 << 25, 1 << 26 })]
    public void Calibration_refuses_bad_working_sets(long[] sets)
    {
        var options = CalibrationOptions.Default with { MemoryWorkingSets = sets };

        Assert.Throws<ArgumentOutOfRangeException>(() => HardwareProfile.CalibrateWithReport(options));
    }
}
