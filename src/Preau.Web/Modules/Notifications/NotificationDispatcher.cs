using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.Notifications.Data;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Mail;

namespace Preau.Web.Modules.Notifications;

/// <summary>
/// Works through the outbox: claims due rows with a lease, sends the e-mails of those who want each notification,
/// marks each row processed under its own lease, pushes the new unread counts to the open pages; then, past the
/// digest hour, sends the daily digests. SMTP failures put the row back with a growing delay: nothing is lost.
/// </summary>
internal sealed class NotificationDispatcher(
    IServiceScopeFactory scopes, TimeProvider time, NotificationOptions options, DispatchSignal signal,
    IHubContext<NotificationHub> hub, IMailSender mail, IConfiguration configuration, ILogger<NotificationDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.DispatcherEnabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may not be migrated yet at first start, or be briefly unreachable: try again later.
                logger.LogWarning(e, "Notification dispatch pass failed");
            }
            using var delay = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(1, options.PollSeconds)), time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, delay.Token);
            try
            {
                await signal.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The poll interval elapsed.
            }
        }
    }

    /// <summary>
    /// One full pass: every due outbox row, then the digests if due. Safe to run concurrently with another pass.
    /// <paramref name="onlyFor"/> restricts the pass to some recipients (tests share one database).
    /// </summary>
    internal async Task<int> DispatchOnceAsync(CancellationToken ct = default, IReadOnlyCollection<Guid>? onlyFor = null)
    {
        // One batch first: the evening's usual outbox (a note to a class, some forty rows) is taken whole, with one query to
        // find it and one to claim it. Only when a full batch came and more may wait do several senders work the rest, each
        // claiming its own batches under its own lease over its own SMTP connection. Starting them all every time cost
        // each pass their wasted claims, and the evening mix lost throughput to them (bench/README).
        var (claimed, total) = await DispatchBatchAsync(onlyFor, ct);
        if (claimed >= options.BatchSize)
        {
            var handled = await Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Senders)).Select(_ => DrainAsync(onlyFor, ct)));
            total += handled.Sum();
        }
        if (onlyFor is null)
        {
            await SendDigestsAsync(time.GetUtcNow(), ct);
        }
        return total;
    }

    /// <summary>Batch after batch until the due rows run out.</summary>
    private async Task<int> DrainAsync(IReadOnlyCollection<Guid>? onlyFor, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var (claimed, handled) = await DispatchBatchAsync(onlyFor, ct);
            total += handled;
            if (claimed < options.BatchSize)
            {
                return total;
            }
        }
    }

    private async Task<(int Claimed, int Handled)> DispatchBatchAsync(IReadOnlyCollection<Guid>? onlyFor, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var pending = db.Set<OutboxEntry>().AsNoTracking()
            .Where(o => o.ProcessedAt == null && o.NextAttemptAt <= now && (o.LeaseUntil == null || o.LeaseUntil < now));
        if (onlyFor is not null)
        {
            pending = pending.Where(o => onlyFor.Contains(o.PersonId));
        }
        var due = await pending
            .OrderBy(o => o.CreatedAt).Select(o => o.Id).Take(options.BatchSize).ToListAsync(ct);
        if (due.Count == 0)
        {
            return (0, 0);
        }
        // The claim repeats the conditions on the rows themselves: of two dispatchers racing, the database lets one win each row.
        var lease = Guid.NewGuid();
        await db.Set<OutboxEntry>()
            .Where(o => due.Contains(o.Id) && o.ProcessedAt == null && (o.LeaseUntil == null || o.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LeaseId, lease).SetProperty(o => o.LeaseUntil, now.AddSeconds(options.LeaseSeconds)), ct);
        var rows = await (from o in db.Set<OutboxEntry>().AsNoTracking()
                          where o.LeaseId == lease && o.ProcessedAt == null
                          join i in db.Set<FeedItem>().AsNoTracking() on o.ItemId equals i.Id
                          orderby o.CreatedAt
                          select new { o.Id, o.PersonId, o.Attempts, o.BaseUrl, i.Kind, i.Title, i.Url, i.FromPupilContent }).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return (due.Count, 0);
        }
        var personIds = rows.Select(r => r.PersonId).Distinct().ToList();
        var recipients = await (from u in db.Users.AsNoTracking()
                                where personIds.Contains(u.Id)
                                join p in db.Set<EmailPreference>().AsNoTracking() on u.Id equals p.PersonId into pp
                                from p in pp.DefaultIfEmpty()
                                select new { u.Id, u.Email, u.IsPupil, u.IsDisabled, Mode = p == null ? (EmailMode?)null : p.Mode })
            .ToDictionaryAsync(x => x.Id, ct);

        var quiet = new List<Guid>();
        var smtpDown = false;
        // One SMTP connection for the batch's mails (a note to a class is some forty), not one each.
        await using var mails = mail.StartBatch();
        foreach (var row in rows)
        {
            var r = recipients.GetValueOrDefault(row.PersonId);
            var wantsMail = r is { IsPupil: false, IsDisabled: false, Email.Length: > 0 }
                && (row.Kind == NotificationKind.Security || NotificationMail.Effective(r.Mode) == EmailMode.EachNotification);
            if (!wantsMail)
            {
                quiet.Add(row.Id);
                continue;
            }
            if (!smtpDown)
            {
                try
                {
                    var (subject, body) = NotificationMail.Single(new(row.Kind, row.Title, row.Url, row.FromPupilContent), PublicUrl(row.BaseUrl));
                    await mails.SendAsync(r!.Email!, subject, body, ct);
                    // Marked right after its own send, under the lease: a crash can at worst resend this one mail.
                    await db.Set<OutboxEntry>().Where(o => o.Id == row.Id && o.LeaseId == lease)
                        .ExecuteUpdateAsync(s => s.SetProperty(o => o.ProcessedAt, now).SetProperty(o => o.LeaseUntil, (DateTime?)null), ct);
                    continue;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // No address in the log (personal data); the row stays pending. The rest of the batch waits too.
                    logger.LogWarning("Notification e-mail failed ({Error}); will retry", e.GetType().Name);
                    smtpDown = true;
                }
            }
            var retryAt = now.Add(Backoff(row.Attempts + 1));
            await db.Set<OutboxEntry>().Where(o => o.Id == row.Id && o.LeaseId == lease)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Attempts, o => o.Attempts + 1).SetProperty(o => o.NextAttemptAt, retryAt)
                    .SetProperty(o => o.LeaseId, (Guid?)null).SetProperty(o => o.LeaseUntil, (DateTime?)null), ct);
        }
        if (quiet.Count > 0)
        {
            await db.Set<OutboxEntry>().Where(o => quiet.Contains(o.Id) && o.LeaseId == lease)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.ProcessedAt, now).SetProperty(o => o.LeaseUntil, (DateTime?)null), ct);
        }
        await PushCountsAsync(db, personIds, ct);
        return (due.Count, rows.Count);
    }

    // The header's count for each person of a batch, counted no further than the header shows (UnreadNotifications):
    // a family that never opens the feed would otherwise have all its unread items counted after each new one.
    private static readonly Func<PreauDbContext, List<Guid>, IAsyncEnumerable<PersonUnread>> UnreadOf = EF.CompileAsyncQuery(
        QueryTemplate.Expand<Func<PreauDbContext, List<Guid>, IQueryable<PersonUnread>>>((db, ids) =>
            db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new PersonUnread(u.Id, UnreadNotifications.Count.Inline(db, u.Id)))));

    private sealed record PersonUnread(Guid PersonId, int Count);

    /// <summary>Best effort: the feed is the durable part; a page that missed the push shows the count on its next load.</summary>
    private async Task PushCountsAsync(PreauDbContext db, List<Guid> personIds, CancellationToken ct)
    {
        var counts = new Dictionary<Guid, int>();
        await foreach (var c in UnreadOf(db, personIds).WithCancellation(ct))
        {
            counts[c.PersonId] = c.Count;
        }
        foreach (var personId in personIds)
        {
            try
            {
                await hub.Clients.Group(NotificationHub.GroupOf(personId)).SendAsync("unread", counts.GetValueOrDefault(personId), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Live notification push failed ({Error})", e.GetType().Name);
            }
        }
    }

    /// <summary>
    /// The digests of the day (Europe/Paris), once the digest hour has passed: one mail per adult who chose the digest and
    /// has unread items of the last day. The (person, day) key claims the digest, so a day never gets two.
    /// </summary>
    internal async Task<int> SendDigestsAsync(DateTimeOffset at, CancellationToken ct = default)
    {
        var local = TimeZoneInfo.ConvertTime(at, Platform.Time.ParisDate.Zone);
        if (local.Hour < options.DigestHour)
        {
            return 0;
        }
        var day = DateOnly.FromDateTime(local.DateTime);
        var now = at.UtcDateTime;
        var since = now.AddDays(-1);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var candidates = await (from p in db.Set<EmailPreference>().AsNoTracking()
                                where p.Mode == EmailMode.DailyDigest
                                join u in db.Users.AsNoTracking() on p.PersonId equals u.Id
                                where !u.IsPupil && !u.IsDisabled && u.Email != null && u.Email != ""
                                where db.Set<FeedItem>().Any(i => i.PersonId == p.PersonId && i.ReadAt == null && i.CreatedAt > since && i.Kind != NotificationKind.Security)
                                where !db.Set<DigestRecord>().Any(d => d.PersonId == p.PersonId && d.Day == day && (d.SentAt != null || d.ClaimedUntil > now))
                                // Any batch would do (each claims its persons); an order makes it the same batch
                                // on every instance and keeps EF from warning on every start.
                                orderby p.PersonId
                                select new { p.PersonId, u.Email }).Take(options.BatchSize).ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return 0;
        }
        var ids = candidates.Select(c => c.PersonId).ToList();
        var items = (await db.Set<FeedItem>().AsNoTracking()
                .Where(i => ids.Contains(i.PersonId) && i.ReadAt == null && i.CreatedAt > since && i.Kind != NotificationKind.Security)
                .OrderByDescending(i => i.CreatedAt)
                .Select(i => new { i.PersonId, i.Kind, i.Title, i.Url, i.FromPupilContent, i.CreatedAt }).ToListAsync(ct))
            .ToLookup(i => i.PersonId);
        var baseUrls = await db.Set<OutboxEntry>().AsNoTracking().Where(o => ids.Contains(o.PersonId) && o.BaseUrl != null)
            .GroupBy(o => o.PersonId).Select(g => new { g.Key, BaseUrl = g.Max(o => o.BaseUrl) }).ToDictionaryAsync(x => x.Key, x => x.BaseUrl, ct);
        var sent = 0;
        await using var mails = mail.StartBatch();
        foreach (var c in candidates)
        {
            if (!await ClaimDigestAsync(db, c.PersonId, day, now, ct))
            {
                continue;
            }
            var lines = items[c.PersonId].Take(50).Select(i => new NotificationMail.Line(i.Kind, i.Title, i.Url, i.FromPupilContent)).ToList();
            try
            {
                var (subject, body) = NotificationMail.Digest(lines, PublicUrl(baseUrls.GetValueOrDefault(c.PersonId)));
                await mails.SendAsync(c.Email!, subject, body, ct);
                await db.Set<DigestRecord>().Where(d => d.PersonId == c.PersonId && d.Day == day)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.SentAt, now), ct);
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Digest e-mail failed ({Error}); will retry", e.GetType().Name);
                await db.Set<DigestRecord>().Where(d => d.PersonId == c.PersonId && d.Day == day)
                    .ExecuteUpdateAsync(s => s.SetProperty(d => d.Attempts, d => d.Attempts + 1).SetProperty(d => d.ClaimedUntil, now.Add(Backoff(1))), ct);
                break;
            }
        }
        return sent;
    }

    /// <summary>Inserts the (person, day) row, or takes over one whose claim expired without being sent.</summary>
    private async Task<bool> ClaimDigestAsync(PreauDbContext db, Guid personId, DateOnly day, DateTime now, CancellationToken ct)
    {
        var until = now.AddSeconds(options.LeaseSeconds);
        var taken = await db.Set<DigestRecord>()
            .Where(d => d.PersonId == personId && d.Day == day && d.SentAt == null && d.ClaimedUntil <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedUntil, until), ct);
        if (taken == 1)
        {
            return true;
        }
        var record = new DigestRecord { PersonId = personId, Day = day, ClaimedUntil = until };
        db.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another dispatcher claimed (or sent) this person's digest of the day.
            db.Entry(record).State = EntityState.Detached;
            return false;
        }
    }

    private string PublicUrl(string? baseUrl) => Platform.Web.PublicAddress.Root(configuration, baseUrl ?? "http://localhost:5080");

    /// <summary>1, 2, 4… minutes, at most an hour.</summary>
    internal static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Min(attempts - 1, 6))));
}
