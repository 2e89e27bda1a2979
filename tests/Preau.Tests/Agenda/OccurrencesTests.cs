using Preau.Web.Modules.Agenda;
using Preau.Web.Modules.Agenda.Data;

namespace Preau.Tests.Agenda;

public sealed class OccurrencesTests
{
    private static AgendaEvent Series(DateTime parisStart, RepeatUnit unit, DateOnly until, int weeks = 1, string? except = null) => new()
    {
        Title = "Série",
        StartsAt = Preau.Web.Platform.Time.ParisDate.ToUtc(parisStart),
        EndsAt = Preau.Web.Platform.Time.ParisDate.ToUtc(parisStart.AddHours(1)),
        RepeatUnit = unit,
        RepeatWeeks = weeks,
        RepeatUntil = until,
        ExceptDays = except,
    };

    private static List<DateOnly> Days(AgendaEvent e, DateOnly from, DateOnly to) =>
        [.. Occurrences.Expand([e], from, to).Select(o => DateOnly.FromDateTime(o.LocalStart))];

    [Fact]
    public void MonthlyOnThe31st_SkipsMonthsWithoutIt()
    {
        var e = Series(new DateTime(2027, 1, 31, 18, 0, 0), RepeatUnit.MonthDay, new DateOnly(2027, 6, 30));
        Assert.Equal([new(2027, 1, 31), new(2027, 3, 31), new(2027, 5, 31)], Days(e, new DateOnly(2027, 1, 1), new DateOnly(2027, 7, 1)));
    }

    [Fact]
    public void MonthlyOnTheFifthFriday_IsTheLastFridayOfEachMonth()
    {
        // 29 January 2027 is the fifth Friday: « le dernier vendredi ».
        var e = Series(new DateTime(2027, 1, 29, 17, 0, 0), RepeatUnit.MonthWeekday, new DateOnly(2027, 4, 30));
        Assert.Equal([new(2027, 1, 29), new(2027, 2, 26), new(2027, 3, 26), new(2027, 4, 30)], Days(e, new DateOnly(2027, 1, 1), new DateOnly(2027, 5, 1)));
    }

    [Fact]
    public void Daily_KeepsTheParisTimeAcrossTheClockChange_AndLeavesOutExceptedDays()
    {
        var e = Series(new DateTime(2027, 3, 26, 8, 30, 0), RepeatUnit.Day, new DateOnly(2027, 3, 30), except: "2027-03-29");
        var occurrences = Occurrences.Expand([e], new DateOnly(2027, 3, 27), new DateOnly(2027, 4, 2));
        Assert.Equal([new(2027, 3, 27), new(2027, 3, 28), new(2027, 3, 30)], occurrences.Select(o => DateOnly.FromDateTime(o.LocalStart)));
        Assert.All(occurrences, o => Assert.Equal(new TimeOnly(8, 30), TimeOnly.FromDateTime(o.LocalStart)));
    }

    [Fact]
    public void Weekdays_AreMondayToFriday_AndARangeFarIntoTheSeriesStartsWhereItShould()
    {
        var e = Series(new DateTime(2026, 9, 1, 11, 45, 0), RepeatUnit.Weekday, new DateOnly(2027, 7, 3));
        Assert.Equal([new(2027, 2, 1), new(2027, 2, 2), new(2027, 2, 3), new(2027, 2, 4), new(2027, 2, 5)], Days(e, new DateOnly(2027, 1, 31), new DateOnly(2027, 2, 7)));
    }

    [Fact]
    public void Exceptions_AreStoredSortedWithoutDuplicates_AndBadOnesAreIgnored()
    {
        Assert.Equal("2027-01-05,2027-02-02", Occurrences.FormatExceptions([new(2027, 2, 2), new(2027, 1, 5), new(2027, 2, 2)]));
        Assert.Null(Occurrences.FormatExceptions([]));
        Assert.Equal([new DateOnly(2027, 1, 5)], Occurrences.ExceptedDays(Series(new DateTime(2027, 1, 5, 9, 0, 0), RepeatUnit.Week, new DateOnly(2027, 2, 1), except: "2027-01-05,demain")));
    }
}
