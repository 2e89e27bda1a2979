using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Accounts.Lifecycle;

public sealed class LifecycleOptions
{
    /// <summary>Days between leaving and deletion of personal data (the law allows at most three months).</summary>
    public int DeletionGraceDays { get; set; } = 90;
}

/// <summary>
/// The one place that decides what "this person left" means, used by imports, rollovers and directors:
/// the leaving date and the deletion date are set, and the step is audited. Changes join the caller's
/// unit of work (the caller saves, in its transaction).
/// </summary>
public sealed class AccountLifecycle(PreauDbContext db, TimeProvider time, LifecycleOptions options, AuditTrail audit)
{
    public const int LegalMaximumGraceDays = 92;

    public int GraceDays => Math.Clamp(options.DeletionGraceDays, 0, LegalMaximumGraceDays);

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Marks people as having left, unless they still hold a role somewhere (another school, a group).</summary>
    public async Task<int> MarkLeftIfNoRoleLeftAsync(IReadOnlyCollection<Guid> personIds, Guid? actorId, string reason, CancellationToken ct = default)
    {
        if (personIds.Count == 0)
        {
            return 0;
        }
        // Memberships removed earlier in this unit of work are still in the database: leave them out.
        var removed = db.ChangeTracker.Entries<Membership>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToHashSet();
        var remaining = await db.Memberships.Where(m => personIds.Contains(m.PersonId) && !removed.Contains(m.Id)).Select(m => m.PersonId).Distinct().ToListAsync(ct);
        var leaving = await db.Persons.Where(p => personIds.Contains(p.Id) && p.LeftOn == null && !remaining.Contains(p.Id)).ToListAsync(ct);
        foreach (var person in leaving)
        {
            person.LeftOn = Today;
            person.DeleteOn = Today.AddDays(GraceDays);
            audit.Add(actorId, "person.left", "Person", person.Id, reason);
        }
        return leaving.Count;
    }
}
