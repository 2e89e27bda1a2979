using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Jobs;

namespace Preau.Web.Modules.Notifications;

/// <summary>
/// Once a day, the notifications' own retention: a feed item goes one year after it was written (the feed says what is
/// new; the note, message or article it points to stays in its service), a handled outbox row a week after it was
/// handled (it only carried the e-mail and the live counter), a digest's record a month after its day. Without it a
/// département keeps every item of every year: about 200 a year for each family.
/// </summary>
internal sealed class NotificationRetention(IServiceScopeFactory scopes, JobLeases leases, TimeProvider time, ILogger<NotificationRetention> logger)
    : DailyRetentionJob(scopes, leases, time, logger)
{
    public static readonly TimeSpan HandledOutbox = TimeSpan.FromDays(7);
    public static readonly TimeSpan Digests = TimeSpan.FromDays(31);

    protected override string LeaseName => "notification-retention";

    protected override Task<int> RunOnceAsync(CancellationToken ct) => PurgeAsync(Scopes, Time, ct);

    /// <summary>One pass; <paramref name="onlyFor"/> restricts it to some persons (tests share one database).</summary>
    public static async Task<int> PurgeAsync(IServiceScopeFactory scopes, TimeProvider time, CancellationToken ct, IReadOnlyCollection<Guid>? onlyFor = null)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var itemsBefore = now - Retention;
        var handledBefore = now - HandledOutbox;
        var digestsBefore = DateOnly.FromDateTime(now - Digests);
        // The outbox rows of expiring items first (even unhandled ones, whose mail a year of retries did not send):
        // nothing relies on the database's cascade.
        IQueryable<T> Of<T>(IQueryable<T> rows, System.Linq.Expressions.Expression<Func<T, bool>> isFor) =>
            onlyFor is null ? rows : rows.Where(isFor);
        var deleted = await Of(db.NotificationOutbox, o => onlyFor!.Contains(o.PersonId))
            .Where(o => (o.ProcessedAt != null && o.ProcessedAt < handledBefore) || o.CreatedAt < itemsBefore)
            .ExecuteDeleteAsync(ct);
        deleted += await Of(db.NotificationItems, i => onlyFor!.Contains(i.PersonId)).Where(i => i.CreatedAt < itemsBefore).ExecuteDeleteAsync(ct);
        deleted += await Of(db.NotificationDigests, d => onlyFor!.Contains(d.PersonId)).Where(d => d.Day < digestsBefore).ExecuteDeleteAsync(ct);
        return deleted;
    }
}
