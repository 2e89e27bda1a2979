using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Jobs;
using Preau.Web.Platform.PersonalData;

namespace Preau.Web.Modules.Accounts.Lifecycle;

/// <summary>
/// Once a day, deletes the personal data of people whose grace period is over: first each module's own part
/// (<see cref="IPersonalDataErasure"/>), then the account, roles, links, group memberships, devices, login events and
/// notifications (feed, pending mails, e-mail choice, digests); the person row stays, anonymised ("Ancien
/// utilisateur"), so that shared content (a sent message, an article, a note) keeps pointing at someone.
/// </summary>
internal sealed class PersonPurge(IServiceScopeFactory scopes, JobLeases leases, TimeProvider time, ILogger<PersonPurge> logger) : BackgroundService
{
    public const string FormerFirstName = "Ancien";
    public const string FormerLastName = "utilisateur";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(24), time);
        do
        {
            try
            {
                var deleted = 0;
                await leases.RunExclusiveAsync("person-purge", async ct => deleted = await PurgeAsync(scopes, time, ct), stoppingToken);
                if (deleted > 0)
                {
                    logger.LogInformation("{Count} people deleted at the end of their grace period", deleted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Person purge failed; it will be tried again tomorrow");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes everyone due today or earlier, one transaction per person; returns how many.</summary>
    public static async Task<int> PurgeAsync(IServiceScopeFactory scopes, TimeProvider time, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var today = Platform.Time.ParisDate.Today(time);
        var due = await db.Persons.Where(p => p.DeleteOn != null && p.DeleteOn <= today).Select(p => p.Id).ToListAsync(ct);
        if (due.Count > 0)
        {
            // What each module keeps about these people alone (their copies of messages, a pupil's work, results and tags,
            // their own documents, the usage events' link to them), for everyone due at once: one pass over each table.
            // Before the accounts go, and harmless to repeat: if a person's own step fails below, tomorrow erases again.
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                foreach (var erasure in scope.ServiceProvider.GetServices<IPersonalDataErasure>())
                {
                    await erasure.EraseAsync(due, ct);
                }
                await transaction.CommitAsync(ct);
            });
        }
        foreach (var id in due)
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.Memberships.Where(m => m.PersonId == id).ExecuteDeleteAsync(ct);
                await db.GuardianLinks.Where(l => l.GuardianId == id || l.PupilId == id).ExecuteDeleteAsync(ct);
                await db.GroupMembers.IgnoreQueryFilters().Where(g => g.PersonId == id).ExecuteDeleteAsync(ct);
                await db.KnownDevices.Where(d => d.UserId == id).ExecuteDeleteAsync(ct);
                await db.LoginEvents.Where(e => e.UserId == id).ExecuteDeleteAsync(ct);
                await db.UserTokens.Where(t => t.UserId == id).ExecuteDeleteAsync(ct);
                await db.UserLogins.Where(t => t.UserId == id).ExecuteDeleteAsync(ct);
                await db.UserClaims.Where(t => t.UserId == id).ExecuteDeleteAsync(ct);
                await db.Users.Where(u => u.Id == id).ExecuteDeleteAsync(ct);
                // The feed says what a family was told and when: personal, never shared with anyone else.
                await db.NotificationOutbox.Where(o => o.PersonId == id).ExecuteDeleteAsync(ct);
                await db.NotificationItems.Where(i => i.PersonId == id).ExecuteDeleteAsync(ct);
                await db.NotificationPreferences.Where(x => x.PersonId == id).ExecuteDeleteAsync(ct);
                await db.NotificationDigests.Where(x => x.PersonId == id).ExecuteDeleteAsync(ct);
                await db.Persons.Where(p => p.Id == id).ExecuteUpdateAsync(s => s
                    .SetProperty(p => p.FirstName, FormerFirstName)
                    .SetProperty(p => p.LastName, FormerLastName)
                    .SetProperty(p => p.UsageName, (string?)null)
                    .SetProperty(p => p.BirthDate, (DateOnly?)null)
                    .SetProperty(p => p.Ine, (string?)null)
                    .SetProperty(p => p.Phone, (string?)null)
                    .SetProperty(p => p.Sex, (string?)null)
                    .SetProperty(p => p.PhotoAllowed, (bool?)null)
                    .SetProperty(p => p.AssociationsAllowed, (bool?)null)
                    .SetProperty(p => p.IsArchived, true)
                    .SetProperty(p => p.DeleteOn, (DateOnly?)null), ct);
                await Platform.Auth.AccessStamp.BumpAsync(db, ct);
                audit.Add(null, "person.deleted", "Person", id);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            });
        }
        return due.Count;
    }
}
