using Preau.Web.Platform.Time;

namespace Preau.Tests.Platform;

public sealed class ParisDateTests
{
    [Theory]
    // Winter (UTC+1) and summer (UTC+2).
    [InlineData("2027-01-15T18:00", "2027-01-15T17:00")]
    [InlineData("2027-06-15T18:00", "2027-06-15T16:00")]
    // 28 March 2027: 2:00 → 3:00. A time in the gap is moved one hour later (3:30 summer time).
    [InlineData("2027-03-28T02:30", "2027-03-28T01:30")]
    [InlineData("2027-03-28T03:00", "2027-03-28T01:00")]
    // 31 October 2027: 3:00 → 2:00. A time seen twice is taken in winter time.
    [InlineData("2027-10-31T02:30", "2027-10-31T01:30")]
    public void ToUtc_GivesTheInstant_EvenForTimesTheClockChangeSkipsOrRepeats(string paris, string utc) =>
        Assert.Equal(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), ParisDate.ToUtc(DateTime.Parse(paris, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void ToParis_IsTheInverse_OutsideTheChanges()
    {
        var utc = new DateTime(2027, 6, 15, 16, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2027, 6, 15, 18, 0, 0), ParisDate.ToParis(utc));
        Assert.Equal(utc, ParisDate.ToUtc(ParisDate.ToParis(utc)));
    }

    [Fact]
    public void StartUtc_IsParisMidnight() =>
        Assert.Equal(new DateTime(2027, 6, 14, 22, 0, 0), ParisDate.StartUtc(new DateOnly(2027, 6, 15)));
}
