namespace Pix.Runtime.Tests;

/// <summary>The profile's learnt trip count (<see cref="HardwareProfile.LearntTripCount"/>): its default, its copy and its file field.</summary>
public sealed class LearntTripCountTests
{
    [Fact]
    public void A_profile_without_it_takes_the_default()
    {
        Assert.Equal(HardwareProfile.DefaultLearntTripCount, HardwareProfile.Reference.LearntTripCount);
        Assert.False(HardwareProfile.Reference.HasMeasuredLearntTripCount);
        Assert.Equal(128, HardwareProfile.DefaultLearntTripCount);
    }

    [Fact]
    public void A_measured_count_is_kept_through_other_changes()
    {
        HardwareProfile profile = HardwareProfile.Reference.WithLearntTripCount(192).WithIssueWidth(5);

        Assert.Equal(192, profile.LearntTripCount);
        Assert.True(profile.HasMeasuredLearntTripCount);
    }

    [Fact]
    public void A_measured_count_round_trips_through_the_file()
    {
        HardwareProfile profile = HardwareProfile.Reference.WithLearntTripCount(144);

        string json = profile.ToJson();

        Assert.Contains("\"learntTripCount\": 144", json, System.StringComparison.Ordinal);
        Assert.Equal(144, HardwareProfile.Parse(json).LearntTripCount);
    }

    [Fact]
    public void A_profile_without_it_writes_no_field()
    {
        Assert.DoesNotContain("learntTripCount", HardwareProfile.Reference.ToJson(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("12.5")]
    public void A_count_that_is_not_a_positive_whole_number_is_refused(string value)
    {
        string json = HardwareProfile.Reference.ToJson().Replace("\"defaultOpaqueCallNs\"", $"\"learntTripCount\": {value}, \"defaultOpaqueCallNs\"", System.StringComparison.Ordinal);

        Assert.Throws<ProfileFormatException>(() => HardwareProfile.Parse(json));
    }

    [Fact]
    public void An_invalid_count_is_refused_by_the_builder()
    {
        Assert.Throws<System.ArgumentOutOfRangeException>(() => HardwareProfile.Reference.WithLearntTripCount(0));
    }
}
