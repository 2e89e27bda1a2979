using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Scale;

namespace Preau.Web.Modules.Subscriptions;

/// <summary>Whether lapsed schools are read-only, and which schools are covered on a given Paris day.</summary>
public sealed record CoverageSnapshot(bool Enforced, DateOnly Day, IReadOnlySet<Guid> Covered);

/// <summary>
/// Coverage of the schools by the subscriptions. It is asked on every page (banner) and every change (read-only
/// guard), so the territory's snapshot — one flag and a set of school ids, a few kilobytes even for a whole
/// département — is kept in memory for a minute, per Paris day, and dropped when a subscription or the setting changes:
/// at once on this instance, on the others as soon as Redis tells them (the shared cache's invalidation channel).
/// </summary>
public sealed class SchoolCoverage(PreauDbContext db, ISharedCache cache, TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private static string CacheKey(DateOnly day) => $"subscriptions:coverage:{day:yyyy-MM-dd}";

    public static void Changed(ISharedCache cache, TimeProvider time) => cache.Invalidate(CacheKey(Platform.Time.ParisDate.Today(time)));

    public Task<CoverageSnapshot> SnapshotAsync(CancellationToken ct = default)
    {
        var today = Platform.Time.ParisDate.Today(time);
        return cache.GetOrCreateAsync(CacheKey(today), Lifetime, async () =>
        {
            var enforced = await db.SubscriptionSettings.AsNoTracking().Where(s => s.Id == 1).Select(s => s.EnforceReadOnly).FirstOrDefaultAsync(ct);
            // Without enforcement nobody is read-only: the set is not even needed.
            return new CoverageSnapshot(enforced, today, enforced ? await CoveredSchoolsAsync(today, ct) : new HashSet<Guid>());
        });
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
