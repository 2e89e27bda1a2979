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

    /// <summary>
    /// Marks people as having left, unless they still hold a role somewhere (another school, a group) or
    /// are the guardian of a pupil still enrolled. Memberships deleted earlier in the caller's unit of work
    /// count as gone.
    /// </summary>
    public async Task<int> MarkLeftIfNoRoleLeftAsync(IReadOnlyCollection<Guid> personIds, Guid? actorId, string reason, CancellationToken ct = default)
    {
        if (personIds.Count == 0)
        {
            return 0;
        }
        var removed = db.ChangeTracker.Entries<Membership>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToList();
        var added = db.ChangeTracker.Entries<Membership>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var withRole = await db.Memberships.Where(m => personIds.Contains(m.PersonId) && !removed.Contains(m.Id))
            .Select(m => m.PersonId).Distinct().ToListAsync(ct);
        var guardiansOfEnrolled = await db.GuardianLinks
            .Where(l => personIds.Contains(l.GuardianId)
                && db.Memberships.Any(m => m.PersonId == l.PupilId && m.Role == Role.Pupil && !removed.Contains(m.Id)))
            .Select(l => l.GuardianId).Distinct().ToListAsync(ct);
        var active = withRole.Concat(guardiansOfEnrolled).Concat(added.Select(m => m.PersonId)).ToHashSet();
        var leaving = await db.Persons.Where(p => personIds.Contains(p.Id) && p.LeftOn == null).ToListAsync(ct);
        var count = 0;
        foreach (var person in leaving.Where(p => !active.Contains(p.Id)))
        {
            MarkLeft(person, actorId, reason);
            count++;
        }
        return count;
    }

    public void MarkLeft(Person person, Guid? actorId, string reason)
    {
        person.LeftOn = Today;
        person.DeleteOn = Today.AddDays(GraceDays);
        audit.Add(actorId, "person.left", "Person", person.Id, reason);
    }

    /// <summary>Someone who had left and comes back (a new enrolment) keeps their account and data.</summary>
    public void MarkBack(Person person, Guid? actorId, string reason)
    {
        if (person.LeftOn is null)
        {
            return;
        }
        person.LeftOn = null;
        person.DeleteOn = null;
        audit.Add(actorId, "person.back", "Person", person.Id, reason);
    }
}
