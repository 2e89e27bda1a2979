using Preau.Web.Modules.Operations.Backups;

namespace Preau.Tests.Operations;

public sealed class RetentionTests
{
    private static readonly DateOnly Today = new(2026, 11, 29); // A Sunday.

    private static List<DateOnly> Daily(DateOnly from, DateOnly to)
    {
        var days = new List<DateOnly>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            days.Add(d);
        }
        return days;
    }

    private static List<DateOnly> Kept(IEnumerable<DateOnly> archives, int days = 14, int weeks = 8)
    {
        var all = archives.ToList();
        var deleted = Retention.ToDelete(all, d => d, Today, days, weeks);
        return all.Except(deleted).Order().ToList();
    }

    [Fact]
    public void DailyBackupsOfHalfAYear_KeepTheLast14Days_AndTheSundayOfEachOfTheLast8Weeks()
    {
        var kept = Kept(Daily(Today.AddDays(-180), Today));

        var daily = Daily(Today.AddDays(-13), Today);
        Assert.All(daily, d => Assert.Contains(d, kept));
        var older = kept.Except(daily).ToList();
        Assert.All(older, d => Assert.Equal(DayOfWeek.Sunday, d.DayOfWeek));
        // Sundays of the 8 weeks ending today, minus the 2 already inside the 14 days.
        Assert.Equal(6, older.Count);
        Assert.Equal(new DateOnly(2026, 10, 11), older.Min());
    }

    [Fact]
    public void AWeekWithoutItsSundayBackup_KeepsThatWeeksLastOne()
    {
        var archives = Daily(Today.AddDays(-60), Today).Where(d => d != new DateOnly(2026, 11, 1)).ToList();

        var kept = Kept(archives);

        Assert.Contains(new DateOnly(2026, 10, 31), kept); // Saturday stands for the missing Sunday.
        Assert.DoesNotContain(new DateOnly(2026, 10, 30), kept);
    }

    [Fact]
    public void TheNewestArchive_IsKept_EvenWhenOlderThanEveryRule()
    {
        var old = new DateOnly(2025, 1, 5);

        Assert.Equal([old], Kept([old, old.AddDays(-1)]));
    }

    [Fact]
    public void ConfiguredRetention_IsApplied()
    {
        var kept = Kept(Daily(Today.AddDays(-60), Today), days: 3, weeks: 2);

        Assert.Equal([new DateOnly(2026, 11, 22), new DateOnly(2026, 11, 27), new DateOnly(2026, 11, 28), Today], kept);
    }

    [Fact]
    public void ArchiveNames_CarryTheirUtcTime_OtherFilesAreIgnored()
    {
        var at = new DateTime(2026, 11, 29, 1, 30, 5, DateTimeKind.Utc);

        Assert.Equal(at, Retention.DateOf(Retention.FileName(at)));
        Assert.Null(Retention.DateOf("journal.json"));
        Assert.Null(Retention.DateOf("preau-manuelle.tar.gz"));
    }
}
