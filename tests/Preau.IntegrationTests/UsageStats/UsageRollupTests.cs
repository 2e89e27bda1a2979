using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.UsageStats.Capture;
using Preau.Web.Modules.UsageStats.Data;
using Preau.Web.Modules.UsageStats.Rollup;

namespace Preau.IntegrationTests.UsageStats;

public sealed class UsageRollupTests(TestApp app)
{
    [DbFact]
    public async Task Rollup_of_a_generated_month_matches_the_raw_events_at_every_level()
    {
        var s = await app.NewSchoolAsync();
        var today = Preau.Web.Platform.Time.ParisDate.Today(TimeProvider.System);
        // A month of its own: nothing else in the suite writes usage three months back.
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-3);
        // August is the summer break (the generator's use is tiny then): the month before it instead.
        month = month.Month == 8 ? month.AddMonths(-1) : month;
        var end = month.AddMonths(1).AddDays(-1);
        var mine = await UsageStatsData.SeedAsync(app, UsageStatsData.People(s, extraFamilies: 40), month, end, seed: 7);
        Assert.True(mine.Count > 1000, $"only {mine.Count} events generated");

        await UsageStatsData.RollupAsync(app, month, end);

        await app.WithDbAsync(async db =>
        {
            var aggregates = db.Set<UsageAggregate>().AsNoTracking();
            // Territory, each day: every raw event of the day counted once, each person once.
            var raw = await db.Set<UsageEvent>().AsNoTracking().Where(e => e.Day >= month && e.Day <= end)
                .Select(e => new { e.Day, e.PersonId, e.Service }).ToListAsync();
            var territory = await aggregates.Where(a => a.Period == UsagePeriod.Day && a.Level == UsageLevel.Territory
                && a.PeriodStart >= month && a.PeriodStart <= end && a.Profile == -1 && a.Action == "" && a.Hour == -1).ToListAsync();
            foreach (var day in raw.GroupBy(e => e.Day))
            {
                var total = territory.Single(a => a.PeriodStart == day.Key && a.Service == "");
                Assert.Equal(day.Count(), total.Events);
                Assert.Equal(day.Select(e => e.PersonId).Distinct().Count(), total.ActiveUsers);
                Assert.Equal(day.Count(), territory.Where(a => a.PeriodStart == day.Key && a.Service != "").Sum(a => a.Events));
            }
            Assert.Equal(raw.Count, territory.Where(a => a.Service == "").Sum(a => a.Events));
            var territoryMonth = await aggregates.SingleAsync(a => a.Period == UsagePeriod.Month && a.PeriodStart == month
                && a.Level == UsageLevel.Territory && a.Profile == -1 && a.Service == "");
            Assert.Equal(raw.Select(e => e.PersonId).Distinct().Count(), territoryMonth.ActiveUsers);

            // The school, its circonscription and its commune (its own) hold exactly its events; each class its own.
            foreach (var (level, scope, expected) in new[]
            {
                (UsageLevel.School, s.School.Id, mine),
                (UsageLevel.District, s.District.Id, mine),
                (UsageLevel.Authority, s.Commune.Id, mine),
                (UsageLevel.Class, s.ClassA.Id, mine.Where(e => e.ClassId == s.ClassA.Id).ToList()),
            })
            {
                var rows = await aggregates.Where(a => a.Level == level && a.ScopeId == scope && a.Period == UsagePeriod.Day).ToListAsync();
                var all = rows.Where(a => a.Profile == -1 && a.Service == "" && a.Hour == -1).ToList();
                Assert.Equal(expected.Count, all.Sum(a => a.Events));
                foreach (var day in expected.GroupBy(e => e.Day))
                {
                    Assert.Equal(day.Select(e => e.PersonId).Distinct().Count(), all.Single(a => a.PeriodStart == day.Key).ActiveUsers);
                }
                foreach (var service in expected.GroupBy(e => e.Service))
                {
                    Assert.Equal(service.Count(), rows.Where(a => a.Profile == -1 && a.Service == service.Key && a.Action == "").Sum(a => a.Events));
                }
                if (level == UsageLevel.Class)
                {
                    continue;
                }
                foreach (var action in expected.GroupBy(e => (e.Service, e.Action)))
                {
                    Assert.Equal(action.Count(), rows.Where(a => a.Profile == -1 && a.Service == action.Key.Service && a.Action == action.Key.Action && a.Hour == -1).Sum(a => a.Events));
                }
                foreach (var profile in expected.GroupBy(e => e.Profile))
                {
                    Assert.Equal(profile.Count(), rows.Where(a => a.Profile == profile.Key && a.Service == "").Sum(a => a.Events));
                }
                var logins = expected.Where(e => e.Service == UsageCatalog.Accounts && e.Action == UsageCatalog.Login).ToList();
                foreach (var hour in logins.GroupBy(e => e.Hour))
                {
                    Assert.Equal(hour.Count(), rows.Where(a => a.Hour == hour.Key).Sum(a => a.Events));
                }
                var monthRow = await aggregates.SingleAsync(a => a.Level == level && a.ScopeId == scope && a.Period == UsagePeriod.Month
                    && a.PeriodStart == month && a.Profile == -1 && a.Service == "");
                Assert.Equal(expected.Select(e => e.PersonId).Distinct().Count(), monthRow.ActiveUsers);
                Assert.Equal(expected.Count, monthRow.Events);
            }
            var weeks = await aggregates.Where(a => a.Level == UsageLevel.School && a.ScopeId == s.School.Id && a.Period == UsagePeriod.Week
                && a.Profile == -1 && a.Service == "").ToListAsync();
            foreach (var week in mine.GroupBy(e => UsageRollup.WeekStart(e.Day)))
            {
                Assert.Equal(week.Select(e => e.PersonId).Distinct().Count(), weeks.Single(w => w.PeriodStart == week.Key).ActiveUsers);
            }
        });

        // Idempotent: rolling the month up again gives the same rows.
        var before = await SchoolRowsAsync(s.School.Id);
        await UsageStatsData.RollupAsync(app, month, end);
        Assert.Equal(before, await SchoolRowsAsync(s.School.Id));
    }

    [DbFact]
    public async Task Nightly_run_resumes_after_the_last_day_done_and_purges_raw_events_older_than_a_year()
    {
        var s = await app.NewSchoolAsync();
        var yesterday = UsageStatsData.Yesterday;
        var people = UsageStatsData.People(s, extraFamilies: 5);
        var recent = await UsageStatsData.SeedAsync(app, people, yesterday.AddDays(-1), yesterday, seed: 3);
        var old = await UsageStatsData.SeedAsync(app, people.Take(3).ToList(), yesterday.AddMonths(-12).AddDays(-3), yesterday.AddMonths(-12).AddDays(-3), seed: 4);
        await app.WithDbAsync(async db =>
        {
            await db.Set<UsageRollupState>().ExecuteDeleteAsync();
            db.Add(new UsageRollupState { LastDay = yesterday.AddDays(-2) });
            await db.SaveChangesAsync();
        });

        using (var scope = app.Services.CreateScope())
        {
            var rollup = scope.ServiceProvider.GetRequiredService<UsageRollup>();
            var first = await rollup.RunAsync();
            Assert.Equal(2, first.Days);
            Assert.True(first.Purged >= old.Count);
            Assert.Equal(0, (await rollup.RunAsync()).Days);
        }
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(yesterday, (await db.Set<UsageRollupState>().SingleAsync()).LastDay);
            var cutoff = yesterday.AddMonths(-12);
            Assert.False(await db.Set<UsageEvent>().AnyAsync(e => e.Day < cutoff));
            var schoolEvents = await db.Set<UsageAggregate>().Where(a => a.Level == UsageLevel.School && a.ScopeId == s.School.Id
                && a.Period == UsagePeriod.Day && a.Profile == -1 && a.Service == "" && a.Hour == -1).SumAsync(a => a.Events);
            Assert.Equal(recent.Count, schoolEvents);
        });
    }

    private Task<List<string>> SchoolRowsAsync(Guid schoolId) => app.WithDbAsync(async db =>
        (await db.Set<UsageAggregate>().AsNoTracking().Where(a => a.Level == UsageLevel.School && a.ScopeId == schoolId).ToListAsync())
            .Select(a => $"{a.Period}|{a.PeriodStart}|{a.Profile}|{a.Service}|{a.Action}|{a.Hour}|{a.Events}|{a.ActiveUsers}").Order().ToList());
}
