using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Subscriptions;

/// <summary>Whether lapsed schools are read-only, and which schools are covered on a given Paris day.</summary>
public sealed record CoverageSnapshot(bool Enforced, DateOnly Day, IReadOnlySet<Guid> Covered);

/// <summary>
/// Coverage of the schools by the subscriptions. It is asked on every page (banner) and every change (read-only
/// guard), so the territory's snapshot — one flag and a set of school ids, a few kilobytes even for a whole
/// département — is kept in memory for a minute and dropped at once on this instance when a subscription or the
/// setting changes; another instance sees the change within that minute.
/// </summary>
public sealed class SchoolCoverage(PreauDbContext db, IMemoryCache cache, TimeProvider time)
{
    private const string CacheKey = "subscriptions:coverage";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    public static void Changed(IMemoryCache cache) => cache.Remove(CacheKey);

    public async Task<CoverageSnapshot> SnapshotAsync(CancellationToken ct = default)
    {
        var today = Platform.Time.ParisDate.Today(time);
        if (cache.TryGetValue(CacheKey, out CoverageSnapshot? cached) && cached is not null && cached.Day == today)
        {
            return cached;
        }
        var enforced = await db.SubscriptionSettings.AsNoTracking().Where(s => s.Id == 1).Select(s => s.EnforceReadOnly).FirstOrDefaultAsync(ct);
        // Without enforcement nobody is read-only: the set is not even needed.
        var snapshot = new CoverageSnapshot(enforced, today, enforced ? await CoveredSchoolsAsync(today, ct) : new HashSet<Guid>());
        cache.Set(CacheKey, snapshot, Lifetime);
        return snapshot;
    }

    /// <summary>The schools covered on <paramref name="day"/> by any subscription (yearly or trial), from the database.</summary>
    public async Task<IReadOnlySet<Guid>> CoveredSchoolsAsync(DateOnly day, CancellationToken ct = default)
    {
        var current = db.Subscriptions.AsNoTracking().Where(s => s.StartsOn <= day && s.EndsOn >= day);
        var whole = from s in db.Schools.AsNoTracking()
                    join x in current.Where(x => x.AllSchools) on s.LocalAuthorityId equals x.LocalAuthorityId
                    select s.Id;
        var listed = from l in db.SubscriptionSchools.AsNoTracking()
                     join x in current.Where(x => !x.AllSchools) on l.SubscriptionId equals x.Id
                     select l.SchoolId;
        return (await whole.Concat(listed).Distinct().ToListAsync(ct)).ToHashSet();
    }

    /// <summary>The schools a person belongs to: where they work, where they or their children are enrolled.</summary>
    public static IReadOnlyList<Guid> SchoolsOf(Access a) =>
        a.StaffSchoolIds.Concat(a.PupilClassIds.Concat(a.ChildClassIds).Select(a.SchoolOfClass).OfType<Guid>()).Distinct().ToList();

    /// <summary>
    /// Read-only: enforcement is on, the person belongs to at least one school and none of them is covered.
    /// Administrators, level-2 support and advisors work for the whole territory and are never read-only.
    /// </summary>
    public static bool IsReadOnly(CoverageSnapshot snapshot, Access a)
    {
        if (!snapshot.Enforced || a.IsOperator || a.HasRole(People.Data.Role.Advisor))
        {
            return false;
        }
        var schools = SchoolsOf(a);
        return schools.Count > 0 && !schools.Any(snapshot.Covered.Contains);
    }
}
