using System;
using System.Linq;

namespace Pix.Runtime.Tests;

/// <summary>
/// How much floating-point adds and multiplies share their execution ports (<see cref="HardwareProfile.FloatPortSharing"/>):
/// 1 prices a loop of both at the sum of their reciprocal throughputs (Intel's cores, where they share two ports),
/// 0 at the busier kind alone (AMD's Zen cores: two adders and two multipliers of their own), a fraction in between.
/// The profile of <see cref="SharedFloatPortsTests"/>: a 1 ns cycle, 6 slots a cycle; adds 0.5 ns, multiplies 0.4 ns.
/// </summary>
public sealed class FloatPortSharingTests
{
    // Geometry.ClosestPairDistanceSquared's inner loop: 10 slots (1.67 ns), adds 2 ns, multiplies 0.8 ns.
    private static readonly BlockCounts ClosestPairInnerLoop =
        BlockCounts.Of(integerAlu: 2, floatAdd: 4, floatMultiply: 2, load: 4, branch: 2).WithFoldedLoads(2).WithTakenBranches(1);

    [Fact]
    public void A_profile_shares_the_float_ports_unless_it_says_otherwise()
    {
        Assert.Equal(1, HardwareProfile.DefaultFloatPortSharing);
        Assert.Equal(HardwareProfile.DefaultFloatPortSharing, HardwareProfile.Reference.FloatPortSharing);
        Assert.Equal((4 * 0.5) + (2 * 0.4), Profile().Price(ClosestPairInnerLoop), 12);
    }

    [Fact]
    public void Ports_of_their_own_bind_a_loop_of_adds_and_multiplies_at_the_busier_kind()
    {
        Assert.Equal(4 * 0.5, Profile().WithFloatPortSharing(0).Price(ClosestPairInnerLoop), 12);
    }

    [Fact]
    public void A_partial_sharing_adds_that_fraction_of_the_lighter_kind()
    {
        Assert.Equal((4 * 0.5) + (0.25 * 2 * 0.4), Profile().WithFloatPortSharing(0.25).Price(ClosestPairInnerLoop), 12);
    }

    [Fact]
    public void Without_sharing_the_issue_bound_can_bind_again()
    {
        // Adds 0.5 ns, multiplies 0.4 ns: 0.9 ns shared, 0.5 ns apart, under the 12 slots' 2 ns either way.
        var block = BlockCounts.Of(integerAlu: 6, floatAdd: 1, floatMultiply: 1, load: 4);

        Assert.Equal(12 / 6.0, Profile().WithFloatPortSharing(0).Price(block), 12);
    }

    [Fact]
    public void The_sharing_survives_the_other_builders()
    {
        HardwareProfile apart = Profile().WithFloatPortSharing(0.1)
            .WithIssueWidth(5)
            .WithMemoryLoads(HardwareProfile.Reference.MemoryLoads)
            .With(OperationClass.Load, new OperationCost(1, 0.2));

        Assert.Equal(0.1, apart.FloatPortSharing);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void A_sharing_outside_zero_to_one_is_refused(double sharing)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Profile().WithFloatPortSharing(sharing));
    }

    [Fact]
    public void A_file_without_a_sharing_has_the_default_and_keeps_its_text()
    {
        string json = HardwareProfile.Reference.ToJson();
        Assert.DoesNotContain("floatPortSharing", json);

        HardwareProfile read = HardwareProfile.Parse(json, "old.pixhw.json");

        Assert.Equal(HardwareProfile.DefaultFloatPortSharing, read.FloatPortSharing);
        Assert.Equal(json, read.ToJson());
    }

    [Fact]
    public void A_sharing_round_trips()
    {
        string json = HardwareProfile.Reference.WithIssueWidth(6).WithFloatPortSharing(0.25).ToJson();
        Assert.Contains("\"issueWidth\": 6,\n  \"floatPortSharing\": 0.25,\n  \"memoryLoads\": [", json);

        HardwareProfile read = HardwareProfile.Parse(json, "m.pixhw.json");

        Assert.Equal(0.25, read.FloatPortSharing);
        Assert.Equal(json, read.ToJson());
    }

    [Theory]
    [InlineData("1.5", "floatPortSharing: a sharing of the float ports is a fraction from 0 to 1; got 1.5")]
    [InlineData("-1", "floatPortSharing: must be a non-negative number; found -1")]
    public void A_bad_sharing_is_reported_with_its_position(string value, string message)
    {
        string json = HardwareProfile.Reference.ToJson();
        string broken = json.Substring(0, json.LastIndexOf('}')).TrimEnd() + ",\n  \"floatPortSharing\": " + value + "\n}";

        var error = Assert.Throws<ProfileFormatException>(() => HardwareProfile.Parse(broken, "m.pixhw.json"));

        Assert.Contains(message, error.Message);
        Assert.True(error.Line > 0);
    }

    private static HardwareProfile Profile()
    {
        var costs = HardwareProfile.AllClasses.ToDictionary(c => c, _ => new OperationCost(1, 0.3));
        costs[OperationClass.FloatAdd] = new OperationCost(2, 0.5);
        costs[OperationClass.FloatMultiply] = new OperationCost(4, 0.4);
        costs[OperationClass.FloatDivide] = new OperationCost(12, 4);
        return new HardwareProfile("float ports", HardwareProfile.Reference.Machine, costs).WithIssueWidth(6);
    }
}
