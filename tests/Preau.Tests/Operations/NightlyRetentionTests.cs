using Preau.Web.Platform.Audit;

namespace Preau.Tests.Operations;

/// <summary>The retention jobs delete at 3 h in Paris, whatever the hour the process started.</summary>
public sealed class NightlyRetentionTests
{
    [Theory]
    // Started in the evening peak (19 h in Paris, winter time): next pass at 3 h, eight hours later.
    [InlineData("2026-12-06T18:00:00Z", "2026-12-07T02:00:00Z")]
    // Started at 2 h 30 in Paris: the same night.
    [InlineData("2026-12-06T01:30:00Z", "2026-12-06T02:00:00Z")]
    // Exactly at 3 h: the next night, not twice.
    [InlineData("2026-12-06T02:00:00Z", "2026-12-07T02:00:00Z")]
    // Summer time: 3 h in Paris is 1 h UTC.
    [InlineData("2026-07-01T12:00:00Z", "2026-07-02T01:00:00Z")]
    public void NextPass_IsAtThreeInTheMorningInParis(string now, string expected)
    {
        var at = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), at + DailyRetentionJob.UntilNextPass(at));
    }
}
