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

    public DateOnly Today => Platform.Time.ParisDate.Today(time);

    /// <summary>Marks people as having left, unless they still hold a role somewhere (another school, a group).</summary>
    public Task<int> MarkLeftIfNoRoleLeftAsync(IReadOnlyCollection<Guid> personIds, Guid? actorId, string reason, CancellationToken ct = default) =>
        MarkLeftIfNoRoleLeftAsync(personIds, actorId, reason, leftOn: null, archiveBefore: null, ct);

    /// <summary>
    /// Marks people as having left, unless they still hold a role: a membership (a pupil's enrolments in years starting
    /// before <paramref name="archiveBefore"/> are only the archive and do not count) or, for a guardian, a child who stays.
    /// <paramref name="leftOn"/> (today when null) starts the grace period, e.g. the end of the school year at a rollover.
    /// </summary>
    public async Task<int> MarkLeftIfNoRoleLeftAsync(IReadOnlyCollection<Guid> personIds, Guid? actorId, string reason,
        DateOnly? leftOn, DateOnly? archiveBefore, CancellationToken ct = default)
    {
        if (personIds.Count == 0)
        {
            return 0;
        }
        // Memberships removed earlier in this unit of work are still in the database: leave them out.
        var removed = db.ChangeTracker.Entries<Membership>().Where(e => e.State == EntityState.Deleted).Select(e => e.Entity.Id).ToHashSet();
        var memberships = db.Memberships.Where(m => personIds.Contains(m.PersonId) && !removed.Contains(m.Id));
        if (archiveBefore is { } before)
        {
            var pastYears = db.SchoolYears.Where(y => y.StartsOn < before).Select(y => y.Id);
            memberships = memberships.Where(m => !(m.Role == Role.Pupil
                && ((m.SchoolYearId != null && pastYears.Contains(m.SchoolYearId.Value))
                    || (m.ScopeType == ScopeType.Class && db.Classes.Any(c => c.Id == m.ScopeId && pastYears.Contains(c.SchoolYearId))))));
        }
        var remaining = await memberships.Select(m => m.PersonId).Distinct().ToListAsync(ct);
        // A guardian stays while one of their children stays (not leaving now, not left before).
        var leavingNow = db.ChangeTracker.Entries<Person>().Where(e => e.Entity.LeftOn != null).Select(e => e.Entity.Id)
            .Concat(personIds).ToHashSet();
        var guardiansStaying = await db.GuardianLinks
            .Where(l => personIds.Contains(l.GuardianId) && !leavingNow.Contains(l.PupilId)
                && db.Persons.Any(p => p.Id == l.PupilId && p.LeftOn == null))
            .Select(l => l.GuardianId).Distinct().ToListAsync(ct);
        var leaving = await db.Persons.Where(p => personIds.Contains(p.Id) && p.LeftOn == null
            && !remaining.Contains(p.Id) && !guardiansStaying.Contains(p.Id)).ToListAsync(ct);
        foreach (var person in leaving)
        {
            Mark(person, leftOn, actorId, reason);
        }
        return leaving.Count;
    }

    /// <summary>Marks one person as having left whatever roles they still hold (a director's decision); false when already left.</summary>
    public async Task<bool> MarkLeftAsync(Guid personId, Guid? actorId, string reason, CancellationToken ct = default)
    {
        var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null || person.LeftOn is not null)
        {
            return false;
        }
        Mark(person, null, actorId, reason);
        return true;
    }

    /// <summary>Whether the person has left (from their leaving date on): they reach only their data and logout.</summary>
    public async Task<Person?> FindLeftAsync(Guid personId, CancellationToken ct = default)
    {
        var today = Today;
        return await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId && p.LeftOn != null && p.LeftOn <= today, ct);
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

    private void Mark(Person person, DateOnly? leftOn, Guid? actorId, string reason)
    {
        var on = leftOn is { } d && d > Today ? d : Today;
        person.LeftOn = on;
        person.DeleteOn = on.AddDays(GraceDays);
        audit.Add(actorId, "person.left", "Person", person.Id, reason);
    }
}
