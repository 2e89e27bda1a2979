using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.UsageStats.Capture;
using Preau.Web.Modules.UsageStats.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.UsageStats.Rollup;

/// <summary>
/// Turns raw usage events into aggregates per territory, circonscription, collectivité, school and class, sliced by
/// profile, service, action and (for logins) hour. Each day is rebuilt whole in one transaction (delete then
/// insert), so running it twice gives the same rows; <see cref="RunAsync"/> resumes after the last day done.
/// Distinct active users are counted here, per day and per calendar week and month, from the raw events.
/// </summary>
public sealed class UsageRollup(PreauDbContext db, TimeProvider time, ILogger<UsageRollup> logger)
{
    /// <summary>
    /// Raw events are kept a year, like every log (PRODUCT.md, « Personal data »): the dashboards read only the
    /// aggregates, kept without anyone's id, and the roll-up recounts from raw events only the current week and month.
    /// </summary>
    public const int RetentionMonths = 12;

    // One roll-up at a time in this process (the nightly service, a command, the demo); PostgreSQL also takes an
    // advisory lock so that two processes rebuilding the same day cannot both insert it.
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private const long AdvisoryLock = 0x5573_6167_6500;

    public sealed record Result(int Days, long Events, int Rows, int Periods, int Purged);

    /// <summary>Every day not yet rolled up until yesterday (Paris), then the weeks and months they belong to, then retention.</summary>
    public async Task<Result> RunAsync(CancellationToken ct = default)
    {
        var today = Platform.Time.ParisDate.Today(time);
        var state = await db.Set<UsageRollupState>().OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        if (state is null)
        {
            state = new UsageRollupState();
            db.Add(state);
            await db.SaveChangesAsync(ct);
        }
        var first = state.LastDay?.AddDays(1)
            ?? await db.Set<UsageEvent>().MinAsync(e => (DateOnly?)e.Day, ct)
            ?? today;
        var result = await RollupAsync(first, today.AddDays(-1), state, ct);
        var cutoff = today.AddMonths(-RetentionMonths);
        var purged = await db.Set<UsageEvent>().Where(e => e.Day < cutoff).ExecuteDeleteAsync(ct);
        state.RanAt = time.GetUtcNow().UtcDateTime;
        db.Update(state);
        await db.SaveChangesAsync(ct);
        return result with { Purged = purged };
    }

    /// <summary>Rolls up the days from <paramref name="from"/> to <paramref name="to"/> inclusive (again, if already done).</summary>
    public Task<Result> RollupAsync(DateOnly from, DateOnly to, CancellationToken ct = default) => RollupAsync(from, to, null, ct);

    private async Task<Result> RollupAsync(DateOnly from, DateOnly to, UsageRollupState? state, CancellationToken ct)
    {
        if (to < from)
        {
            return new Result(0, 0, 0, 0, 0);
        }
        var groupements = await GroupementsAsync(ct);
        long events = 0;
        var rows = 0;
        var days = 0;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var (n, r) = await RebuildAsync(UsagePeriod.Day, day, day, groupements, state, ct);
            events += n;
            rows += r;
            days++;
        }
        // A week or month is recounted once, whole, from its raw events: distinct people cannot be added up from days.
        var periods = 0;
        foreach (var week in Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(i => WeekStart(from.AddDays(i))).Distinct())
        {
            rows += (await RebuildAsync(UsagePeriod.Week, week, week.AddDays(6), groupements, null, ct)).Rows;
            periods++;
        }
        foreach (var month in Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(i => MonthStart(from.AddDays(i))).Distinct())
        {
            rows += (await RebuildAsync(UsagePeriod.Month, month, month.AddMonths(1).AddDays(-1), groupements, null, ct)).Rows;
            periods++;
        }
        logger.LogInformation("Usage roll-up {From}..{To}: {Days} days, {Events} events, {Rows} rows", from, to, days, events, rows);
        return new Result(days, events, rows, periods, 0);
    }

    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public static DateOnly MonthStart(DateOnly day) => new(day.Year, day.Month, 1);

    private async Task<Dictionary<Guid, Guid[]>> GroupementsAsync(CancellationToken ct) =>
        (await db.LocalAuthorityMembers.AsNoTracking().Select(m => new { m.MunicipalityId, m.GroupId }).ToListAsync(ct))
            .GroupBy(m => m.MunicipalityId).ToDictionary(g => g.Key, g => g.Select(m => m.GroupId).ToArray());

    private async Task<(long Events, int Rows)> RebuildAsync(UsagePeriod period, DateOnly start, DateOnly end,
        Dictionary<Guid, Guid[]> groupements, UsageRollupState? state, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            return await RebuildLockedAsync(period, start, end, groupements, state, ct);
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<(long Events, int Rows)> RebuildLockedAsync(UsagePeriod period, DateOnly start, DateOnly end,
        Dictionary<Guid, Guid[]> groupements, UsageRollupState? state, CancellationToken ct)
    {
        var cube = new UsageCube(period == UsagePeriod.Day, groupements);
        long events = 0;
        var source = db.Set<UsageEvent>().AsNoTracking().Where(e => e.Day >= start && e.Day <= end)
            .Select(e => new UsageCube.Use(e.PersonId, e.Profile, e.SchoolId, e.ClassId, e.DistrictId, e.AuthorityId, e.Service, e.Action, e.Hour));
        await foreach (var use in source.AsAsyncEnumerable().WithCancellation(ct))
        {
            cube.Add(use);
            events++;
        }
        // Read first, then write in a short transaction: SQLite cannot turn a reading transaction into a writing one
        // once the event writer has committed in between.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AdvisoryLock})", ct);
        }
        await db.Set<UsageAggregate>().Where(a => a.Period == period && a.PeriodStart == start).ExecuteDeleteAsync(ct);
        var rows = await UsageBulkInsert.AggregatesAsync(db, cube.Rows(period, start), ct);
        if (state is not null)
        {
            state.LastDay = start;
            db.Update(state);
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
        return (events, rows);
    }
}

/// <summary>The in-memory cube of one period: counts and distinct people per scope and slice.</summary>
internal sealed class UsageCube(bool daily, Dictionary<Guid, Guid[]> groupements)
{
    public readonly record struct Use(Guid PersonId, short Profile, Guid? SchoolId, Guid? ClassId, Guid? DistrictId, Guid? AuthorityId,
        string Service, string Action, short Hour);

    private readonly record struct Key(UsageLevel Level, Guid Scope, short Profile, string Service, string Action, short Hour);

    private sealed class Cell
    {
        public int Events;
        public readonly HashSet<Guid> People = [];
    }

    private readonly Dictionary<Key, Cell> _cells = [];

    public void Add(Use u)
    {
        Scope(UsageLevel.Territory, Guid.Empty, u);
        if (u.DistrictId is { } d)
        {
            Scope(UsageLevel.District, d, u);
        }
        if (u.AuthorityId is { } a)
        {
            Scope(UsageLevel.Authority, a, u);
            if (groupements.TryGetValue(a, out var groups))
            {
                foreach (var g in groups)
                {
                    Scope(UsageLevel.Authority, g, u);
                }
            }
        }
        if (u.SchoolId is { } s)
        {
            Scope(UsageLevel.School, s, u);
        }
        if (u.ClassId is { } c)
        {
            Scope(UsageLevel.Class, c, u);
        }
    }

    private void Scope(UsageLevel level, Guid scope, Use u)
    {
        Count(new Key(level, scope, -1, "", "", -1), u.PersonId);
        if (!daily)
        {
            // Weeks and months: distinct people, in all and per profile.
            if (level != UsageLevel.Class)
            {
                Count(new Key(level, scope, u.Profile, "", "", -1), u.PersonId);
            }
            return;
        }
        Count(new Key(level, scope, -1, u.Service, "", -1), u.PersonId);
        if (level == UsageLevel.Class)
        {
            return;
        }
        Count(new Key(level, scope, -1, u.Service, u.Action, -1), u.PersonId);
        Count(new Key(level, scope, u.Profile, "", "", -1), u.PersonId);
        Count(new Key(level, scope, u.Profile, u.Service, "", -1), u.PersonId);
        Count(new Key(level, scope, u.Profile, u.Service, u.Action, -1), u.PersonId);
        if (u.Service == UsageCatalog.Accounts && u.Action == UsageCatalog.Login)
        {
            Count(new Key(level, scope, u.Profile, u.Service, u.Action, u.Hour), u.PersonId);
        }
    }

    private void Count(Key key, Guid person)
    {
        if (!_cells.TryGetValue(key, out var cell))
        {
            _cells[key] = cell = new Cell();
        }
        cell.Events++;
        cell.People.Add(person);
    }

    public IEnumerable<UsageAggregate> Rows(UsagePeriod period, DateOnly start) =>
        _cells.Select(c => new UsageAggregate
        {
            Period = period,
            PeriodStart = start,
            Level = c.Key.Level,
            ScopeId = c.Key.Scope,
            Profile = c.Key.Profile,
            Service = c.Key.Service,
            Action = c.Key.Action,
            Hour = c.Key.Hour,
            Events = c.Value.Events,
            ActiveUsers = c.Value.People.Count,
        });
}
