using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.UsageStats.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.UsageStats.Capture;

/// <summary>
/// Writes queued uses in batches (up to 1,000 rows, one save), resolving each person's profile, class, school,
/// circonscription and commune once per batch (and keeping them ten minutes), so requests never wait for it.
/// At most one write per <see cref="Gather"/>: writing each use as it came meant a transaction (and a WAL flush) for
/// every four rows at the evening peak, the database's largest cost in the benchmark's profile.
/// </summary>
public sealed class UsageEventWriter(UsageEventQueue queue, IServiceScopeFactory scopes, TimeProvider time, ILogger<UsageEventWriter> logger)
    : BackgroundService
{
    private const int BatchSize = 1000;
    private static readonly TimeSpan Keep = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Gather = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<Guid, (PersonPlace Place, DateTime Until)> _places = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                try
                {
                    await DrainAsync(stoppingToken);
                    await Task.Delay(Gather, time, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Statistics must never take the platform down: log, wait a little, go on.
                    logger.LogError(e, "Usage events could not be written");
                    await Task.Delay(TimeSpan.FromSeconds(5), time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await WriteLastAsync();
        }
    }

    // The uses of the last second before a stop are written too, unless the database does not answer within a few seconds.
    private async Task WriteLastAsync()
    {
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
            await DrainAsync(limit.Token);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Usage events queued at shutdown could not be written");
        }
    }

    /// <summary>
    /// Writes what was queued when it began (the background loop calls it once per <see cref="Gather"/>; tests call it
    /// to be sure). Uses that arrive meanwhile wait for the next call: draining until the queue was empty meant, at the
    /// evening peak, a write for every few rows again (a dozen transactions a second), since some always arrived during
    /// the previous write.
    /// </summary>
    public async Task DrainAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var left = queue.Reader.Count;
            var batch = new List<PendingUse>(Math.Min(left, BatchSize));
            while (left > 0)
            {
                batch.Clear();
                while (batch.Count < Math.Min(left, BatchSize) && queue.Reader.TryRead(out var use))
                {
                    batch.Add(use);
                }
                if (batch.Count == 0)
                {
                    return;
                }
                left -= batch.Count;
                await WriteAsync(batch, ct);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WriteAsync(List<PendingUse> batch, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var missing = batch.Select(u => u.PersonId).Distinct().Where(p => !_places.TryGetValue(p, out var c) || c.Until < now).ToList();
        if (missing.Count > 0)
        {
            if (_places.Count > 100_000)
            {
                _places.Clear();
            }
            var resolved = await PersonPlaces.ResolveAsync(db, missing, Platform.Time.ParisDate.Today(time), ct);
            foreach (var id in missing)
            {
                _places[id] = (resolved.GetValueOrDefault(id, PersonPlace.Nowhere), now + Keep);
            }
        }
        // Written in bulk (COPY / one prepared INSERT): the change tracker would cost more than the rows themselves.
        await UsageBulkInsert.EventsAsync(db, batch.Select(use =>
        {
            var place = _places[use.PersonId].Place;
            var paris = Platform.Time.ParisDate.ToParis(use.At);
            return new UsageEvent
            {
                At = use.At,
                Day = DateOnly.FromDateTime(paris),
                Hour = (short)paris.Hour,
                PersonId = use.PersonId,
                Profile = (short)place.Profile,
                SchoolId = place.SchoolId,
                ClassId = place.ClassId,
                DistrictId = place.DistrictId,
                AuthorityId = place.AuthorityId,
                Service = use.Service,
                Action = use.Action,
            };
        }), ct);
    }
}

/// <summary>Where a person belongs for the statistics: their main profile and one class, school, circonscription, commune.</summary>
public sealed record PersonPlace(Role Profile, Guid? ClassId, Guid? SchoolId, Guid? DistrictId, Guid? AuthorityId)
{
    public static readonly PersonPlace Nowhere = new(Role.Guardian, null, null, null, null);
}

internal static class PersonPlaces
{
    // The profile a person is counted under when they hold several: the widest responsibility first.
    private static readonly Role[] Priority =
        [Role.TerritoryAdmin, Role.Level2Support, Role.Advisor, Role.MunicipalAgent, Role.Director, Role.Teacher, Role.SchoolStaff, Role.Partner, Role.Pupil];

    /// <summary>Four queries for any number of people.</summary>
    public static async Task<Dictionary<Guid, PersonPlace>> ResolveAsync(PreauDbContext db, List<Guid> personIds, DateOnly today, CancellationToken ct)
    {
        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => personIds.Contains(m.PersonId) && m.ScopeType != ScopeType.Group
                && (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today))
            .Select(m => new { m.PersonId, m.Role, m.ScopeType, m.ScopeId }).ToListAsync(ct);
        var children = await (
            from l in db.GuardianLinks.AsNoTracking()
            where personIds.Contains(l.GuardianId)
            join m in db.Memberships.AsNoTracking().Where(m => m.Role == Role.Pupil && m.ScopeType == ScopeType.Class
                    && (m.EndsOn == null || m.EndsOn >= today))
                on l.PupilId equals m.PersonId
            select new { l.GuardianId, ClassId = m.ScopeId!.Value }).ToListAsync(ct);
        var classIds = memberships.Where(m => m.ScopeType == ScopeType.Class && m.ScopeId != null).Select(m => m.ScopeId!.Value)
            .Concat(children.Select(c => c.ClassId)).Distinct().ToList();
        var classSchools = classIds.Count == 0 ? [] : await db.Classes.AsNoTracking().Where(c => classIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.SchoolId, ct);
        var schoolIds = memberships.Where(m => m.ScopeType == ScopeType.School && m.ScopeId != null).Select(m => m.ScopeId!.Value)
            .Concat(classSchools.Values).Distinct().ToList();
        var schools = schoolIds.Count == 0 ? [] : await db.Schools.AsNoTracking().Where(s => schoolIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, s => (s.DistrictId, s.LocalAuthorityId), ct);

        var places = new Dictionary<Guid, PersonPlace>();
        foreach (var id in personIds)
        {
            var own = memberships.Where(m => m.PersonId == id).ToList();
            var role = Priority.FirstOrDefault(r => own.Any(m => m.Role == r), Role.Guardian);
            if (own.Count == 0 && children.All(c => c.GuardianId != id))
            {
                places[id] = PersonPlace.Nowhere;
                continue;
            }
            var mine = own.Where(m => m.Role == role).ToList();
            Guid? classId = mine.FirstOrDefault(m => m.ScopeType == ScopeType.Class)?.ScopeId
                ?? (role == Role.Guardian ? children.Where(c => c.GuardianId == id).Select(c => (Guid?)c.ClassId).FirstOrDefault() : null);
            Guid? schoolId = mine.FirstOrDefault(m => m.ScopeType == ScopeType.School)?.ScopeId
                ?? (classId is { } c && classSchools.TryGetValue(c, out var s) ? s : null);
            Guid? districtId = mine.FirstOrDefault(m => m.ScopeType == ScopeType.District)?.ScopeId;
            Guid? authorityId = mine.FirstOrDefault(m => m.ScopeType == ScopeType.LocalAuthority)?.ScopeId;
            if (schoolId is { } sid && schools.TryGetValue(sid, out var where))
            {
                districtId = where.DistrictId;
                authorityId = where.LocalAuthorityId;
            }
            places[id] = new PersonPlace(role, classId, schoolId, districtId, authorityId);
        }
        return places;
    }
}
