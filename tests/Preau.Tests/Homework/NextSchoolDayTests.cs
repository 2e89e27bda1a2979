using Preau.Web.Modules.Homework;

namespace Preau.Tests.Homework;

public sealed class NextSchoolDayTests
{
    [Theory]
    [InlineData("2026-11-30", "2026-12-01")] // Monday → Tuesday
    [InlineData("2026-12-01", "2026-12-02")] // Tuesday → Wednesday (some schools work on Wednesday morning)
    [InlineData("2026-12-03", "2026-12-04")] // Thursday → Friday
    [InlineData("2026-12-04", "2026-12-07")] // Friday → Monday
    [InlineData("2026-12-05", "2026-12-07")] // Saturday → Monday
    [InlineData("2026-12-06", "2026-12-07")] // Sunday → Monday
    public void NextSchoolDay_SkipsTheWeekend(string day, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), HomeworkTime.NextSchoolDay(DateOnly.Parse(day)));
}
