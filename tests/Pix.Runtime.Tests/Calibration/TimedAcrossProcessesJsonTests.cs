using System;
using Pix;

namespace Pix.Runtime.Tests.Calibration;

/// <summary>
/// A profile says which classes were priced at the mean over several processes (<c>pix calibrate</c>) rather than in the
/// calibrating process alone (<see cref="HardwareProfile.Calibrate"/>): an optional field, absent from older profiles.
/// </summary>
public sealed class TimedAcrossProcessesJsonTests
{
    [Fact]
    public void A_profile_without_the_field_timed_every_class_in_one_process_and_keeps_its_text()
    {
        HardwareProfile reference = HardwareProfile.Reference;

        Assert.Equal(0, reference.TimedProcesses);
        Assert.Empty(reference.ClassesTimedAcrossProcesses);
        Assert.DoesNotContain("timedAcrossProcesses", reference.ToJson());
    }

    [Fact]
    public void The_classes_and_the_processes_round_trip_and_survive_a_later_cost_change()
    {
        HardwareProfile profile = HardwareProfile.Reference
            .WithTimedAcrossProcesses(5, new[] { OperationClass.LibraryCopyCall, OperationClass.IntegerAlu })
            .With(OperationClass.Load, new OperationCost(1, 0.5));

        HardwareProfile read = HardwareProfile.Parse(profile.ToJson(), "p.pixhw.json");

        Assert.Equal(5, read.TimedProcesses);
        Assert.Equal(new[] { OperationClass.IntegerAlu, OperationClass.LibraryCopyCall }, read.ClassesTimedAcrossProcesses);
        Assert.Equal(profile.ToJson(), read.ToJson());
        Assert.Contains("\"timedAcrossProcesses\": {\n    \"processes\": 5,\n    \"classes\": [\n      \"IntegerAlu\",\n      \"LibraryCopyCall\"\n    ]\n  }", profile.ToJson());
    }

    [Theory]
    [InlineData("{\"processes\": 0, \"classes\": [\"IntegerAlu\"]}", "processes")]
    [InlineData("{\"processes\": 3, \"classes\": [\"Nope\"]}", "classes")]
    [InlineData("{\"processes\": 3, \"classes\": [\"IntegerAlu\"], \"extra\": 1}", "extra")]
    public void A_malformed_field_is_a_format_error(string field, string mentions)
    {
        string json = HardwareProfile.Reference.ToJson();
        json = json.Substring(0, json.LastIndexOf('}')).TrimEnd() + ",\n  \"timedAcrossProcesses\": " + field + "\n}\n";

        ProfileFormatException e = Assert.Throws<ProfileFormatException>(() => HardwareProfile.Parse(json, "p.pixhw.json"));
        Assert.Contains(mentions, e.Message, StringComparison.Ordinal);
    }
}
