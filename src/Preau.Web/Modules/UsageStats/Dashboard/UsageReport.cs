using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.UsageStats.Capture;
using Preau.Web.Modules.UsageStats.Data;
using Preau.Web.Modules.UsageStats.Rollup;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.UsageStats.Dashboard;

/// <summary>Every figure of a dashboard (and of the steering-committee report) for one scope and period.</summary>
public sealed class UsageReportData
{
    public required UsageScope Scope { get; init; }
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    public required IReadOnlyList<AccountsRow> Accounts { get; init; }
    public required IReadOnlyList<ActiveRow> Daily { get; init; }
    public required IReadOnlyList<ActiveRow> Weekly { get; init; }
    public required IReadOnlyList<ActiveRow> Monthly { get; init; }
    public required IReadOnlyList<string> LoginProfiles { get; init; }
    /// <summary>24 rows (hours), one count per profile of <see cref="LoginProfiles"/>.</summary>
    public required IReadOnlyList<int[]> LoginsByHour { get; init; }
    public required IReadOnlyList<ServiceRow> Services { get; init; }
    public required IReadOnlyList<ActionRow> Actions { get; init; }
    /// <summary>Schools of the scope (classes for a school) from the most to the least active.</summary>
    public required IReadOnlyList<PlaceRow> Places { get; init; }
    public bool PlacesAreClasses => Scope.Level == UsageLevel.School;

    public int TotalEvents => Daily.Sum(d => d.Events);
    public int TotalLogins => LoginsByHour.Sum(h => h.Sum());
    public IEnumerable<PlaceRow> Top => Places.Take(10);
    public IEnumerable<PlaceRow> Least => Places.Count <= 10 ? [] : Places.Skip(Math.Max(10, Places.Count - 10)).Reverse();
}

public sealed record AccountsRow(string Profile, int Created, int Activated)
{
    public int Percent => Created == 0 ? 0 : (int)Math.Round(100.0 * Activated / Created);
}

public sealed record ActiveRow(DateOnly Start, int ActiveUsers, int Events);

public sealed record ServiceRow(string Service, string Label, int Events, int Views, int Actions);

public sealed record ActionRow(string Service, string Action, string Label, int Events);

public sealed record PlaceRow(Guid Id, string Name, int Events, int Logins);

public sealed class UsageReport(PreauDbContext db)
{
    public const int MaxDays = 400;

    public async Task<UsageReportData> BuildAsync(UsageScope scope, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        var rows = db.Set<UsageAggregate>().AsNoTracking().Where(a => a.Level == scope.Level && a.ScopeId == scope.Id);
        var days = rows.Where(a => a.Period == UsagePeriod.Day && a.PeriodStart >= from && a.PeriodStart <= to);

        // One query for the day slices the dashboards read (all profiles; per profile; per service; logins per hour).
        var daySlices = await days.Where(a => (a.Profile == -1 && a.Hour == -1)
                || (a.Service == UsageCatalog.Accounts && a.Action == UsageCatalog.Login && a.Hour >= 0))
            .Select(a => new { a.PeriodStart, a.Profile, a.Service, a.Action, a.Hour, a.Events, a.ActiveUsers })
            .ToListAsync(ct);

        var totals = daySlices.Where(a => a.Profile == -1 && a.Service == "" && a.Hour == -1).ToDictionary(a => a.PeriodStart);
        var daily = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(i => from.AddDays(i))
            .Select(d => totals.TryGetValue(d, out var t) ? new ActiveRow(d, t.ActiveUsers, t.Events) : new ActiveRow(d, 0, 0)).ToList();

        var periods = await rows.Where(a => a.Period != UsagePeriod.Day && a.Profile == -1 && a.Service == ""
                && a.PeriodStart >= UsageRollup.MonthStart(from).AddDays(-7) && a.PeriodStart <= to)
            .Select(a => new { a.Period, a.PeriodStart, a.ActiveUsers, a.Events }).ToListAsync(ct);
        var weekly = periods.Where(p => p.Period == UsagePeriod.Week && p.PeriodStart >= UsageRollup.WeekStart(from))
            .OrderBy(p => p.PeriodStart).Select(p => new ActiveRow(p.PeriodStart, p.ActiveUsers, p.Events)).ToList();
        var monthly = periods.Where(p => p.Period == UsagePeriod.Month && p.PeriodStart >= UsageRollup.MonthStart(from))
            .OrderBy(p => p.PeriodStart).Select(p => new ActiveRow(p.PeriodStart, p.ActiveUsers, p.Events)).ToList();

        var logins = daySlices.Where(a => a.Hour >= 0).ToList();
        var profiles = logins.Select(a => a.Profile).Distinct().Order().ToList();
        var byHour = Enumerable.Range(0, 24).Select(h => profiles.Select(p => logins.Where(l => l.Hour == h && l.Profile == p).Sum(l => l.Events)).ToArray()).ToList();

        var perService = daySlices.Where(a => a.Profile == -1 && a.Hour == -1 && a.Service != "").ToList();
        var services = perService.Where(a => a.Action == "").GroupBy(a => a.Service)
            .Select(g => new ServiceRow(g.Key, UsageCatalog.ServiceLabel(g.Key), g.Sum(a => a.Events),
                perService.Where(a => a.Service == g.Key && a.Action == UsageCatalog.View).Sum(a => a.Events),
                perService.Where(a => a.Service == g.Key && a.Action != "" && a.Action != UsageCatalog.View).Sum(a => a.Events)))
            .OrderByDescending(s => s.Events).ThenBy(s => s.Label).ToList();
        var actions = perService.Where(a => a.Action != "").GroupBy(a => (a.Service, a.Action))
            .Select(g => new ActionRow(g.Key.Service, g.Key.Action, UsageCatalog.ActionLabel(g.Key.Action), g.Sum(a => a.Events)))
            .OrderBy(a => UsageCatalog.ServiceLabel(a.Service)).ThenByDescending(a => a.Events).ToList();

        return new UsageReportData
        {
            Scope = scope,
            From = from,
            To = to,
            Accounts = await AccountsAsync(scope, ct),
            Daily = daily,
            Weekly = weekly,
            Monthly = monthly,
            LoginProfiles = profiles.Select(p => PeopleLabels.Role((Role)p)).ToList(),
            LoginsByHour = byHour,
            Services = services,
            Actions = actions,
            Places = await PlacesAsync(scope, from, to, ct),
        };
    }

    /// <summary>The schools of the scope (the classes of a school), each with its events and logins, most active first.</summary>
    private async Task<IReadOnlyList<PlaceRow>> PlacesAsync(UsageScope scope, DateOnly from, DateOnly to, CancellationToken ct)
    {
        List<(Guid Id, string Name)> places;
        UsageLevel level;
        if (scope.Level == UsageLevel.School)
        {
            level = UsageLevel.Class;
            var year = await db.SchoolYears.AsNoTracking().Where(y => y.IsCurrent).Select(y => (Guid?)y.Id).FirstOrDefaultAsync(ct);
            places = (await db.Classes.AsNoTracking().Where(c => c.SchoolId == scope.Id && (year == null || c.SchoolYearId == year))
                .OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct)).Select(c => (c.Id, c.Name)).ToList();
        }
        else
        {
            level = UsageLevel.School;
            places = (await SchoolsOf(scope).OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name)).ToList();
        }
        // Aggregated in the database: one row per place, whatever the number of days.
        var counts = (await db.Set<UsageAggregate>().AsNoTracking()
                .Where(a => a.Level == level && a.Period == UsagePeriod.Day && a.PeriodStart >= from && a.PeriodStart <= to
                    && a.Profile == -1 && a.Hour == -1 && a.Action == "" && (a.Service == "" || a.Service == UsageCatalog.Accounts))
                .GroupBy(a => new { a.ScopeId, a.Service })
                .Select(g => new { g.Key.ScopeId, g.Key.Service, Events = g.Sum(a => a.Events) })
                .ToListAsync(ct))
            .ToLookup(c => c.ScopeId);
        return places.Select(p => new PlaceRow(p.Id, p.Name,
                counts[p.Id].Where(c => c.Service == "").Sum(c => c.Events),
                counts[p.Id].Where(c => c.Service == UsageCatalog.Accounts).Sum(c => c.Events)))
            .OrderByDescending(p => p.Events).ThenBy(p => p.Name).ToList();
    }

    private IQueryable<Territory.Data.School> SchoolsOf(UsageScope scope)
    {
        var schools = db.Schools.AsNoTracking().Where(s => !s.IsArchived);
        return scope.Level switch
        {
            UsageLevel.District => schools.Where(s => s.DistrictId == scope.Id),
            UsageLevel.Authority => schools.Where(s => s.LocalAuthorityId == scope.Id
                || db.LocalAuthorityMembers.Any(m => m.GroupId == scope.Id && m.MunicipalityId == s.LocalAuthorityId)),
            UsageLevel.School => schools.Where(s => s.Id == scope.Id),
            _ => schools,
        };
    }

    /// <summary>
    /// Accounts created (people of the scope with an account) and activated (signed in at least once), per profile,
    /// counted now from the accounts themselves: a handful of grouped queries, no personal data kept.
    /// </summary>
    private async Task<IReadOnlyList<AccountsRow>> AccountsAsync(UsageScope scope, CancellationToken ct)
    {
        var schoolIds = SchoolsOf(scope).Select(s => s.Id);
        var memberships = db.Memberships.AsNoTracking().Where(m => m.ScopeType != ScopeType.Group && m.EndsOn == null);
        if (scope.Level != UsageLevel.Territory)
        {
            var classIds = db.Classes.Where(c => schoolIds.Contains(c.SchoolId)).Select(c => c.Id);
            memberships = memberships.Where(m =>
                (m.ScopeType == ScopeType.School && schoolIds.Contains(m.ScopeId!.Value))
                || (m.ScopeType == ScopeType.Class && classIds.Contains(m.ScopeId!.Value))
                || (scope.Level == UsageLevel.District && m.ScopeType == ScopeType.District && m.ScopeId == scope.Id)
                || (scope.Level == UsageLevel.Authority && m.ScopeType == ScopeType.LocalAuthority && m.ScopeId == scope.Id));
        }
        var users = db.Users.AsNoTracking();
        var byRole = await (
                from m in memberships.Select(m => new { m.PersonId, m.Role }).Distinct()
                join u in users on m.PersonId equals u.Id
                group u by m.Role into g
                select new { Role = g.Key, Created = g.Count(), Activated = g.Count(u => u.LastLoginAt != null) })
            .ToListAsync(ct);
        var pupils = memberships.Where(m => m.Role == Role.Pupil).Select(m => m.PersonId);
        var guardians = db.GuardianLinks.AsNoTracking().Where(l => pupils.Contains(l.PupilId)).Select(l => l.GuardianId).Distinct();
        var guardianCounts = await users.Where(u => guardians.Contains(u.Id))
            .GroupBy(u => 1).Select(g => new { Created = g.Count(), Activated = g.Count(u => u.LastLoginAt != null) }).FirstOrDefaultAsync(ct);
        var result = byRole.Select(r => (r.Role, r.Created, r.Activated)).ToList();
        if (guardianCounts is not null)
        {
            result.Add((Role.Guardian, guardianCounts.Created, guardianCounts.Activated));
        }
        var rows = result.OrderBy(r => r.Role).Select(r => new AccountsRow(PeopleLabels.Role(r.Role), r.Created, r.Activated)).ToList();
        if (rows.Count > 0)
        {
            rows.Add(new AccountsRow("Total", rows.Sum(r => r.Created), rows.Sum(r => r.Activated)));
        }
        return rows;
    }
}
