using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.News.Data;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.News;

/// <summary>
/// Puts a due news item in the feed of the people concerned (the same audience as <see cref="NewsQueries"/> shows
/// it to), exactly once. The audience is read from the database in id order by chunks of <see cref="ChunkSize"/>:
/// each chunk's feed items and outbox rows are committed together with the item's cursor, which is a concurrency
/// token, so a chunk is never notified twice (a racing pass fails and rolls back) and an interrupted announcement
/// resumes after the last committed chunk. Memory holds one chunk at a time, whatever the audience.
/// </summary>
public sealed class NewsAnnouncer(PreauDbContext db, INotifier notifier, ILogger<NewsAnnouncer> logger)
{
    public const int ChunkSize = 1000;

    /// <summary>Announces every item due at <paramref name="now"/> (at most 20 items per call); returns how many were finished.</summary>
    public async Task<int> AnnounceDueAsync(DateTime now, CancellationToken ct = default)
    {
        var due = await Due(now).OrderBy(n => n.PublishAt).Select(n => n.Id).Take(20).ToListAsync(ct);
        var done = 0;
        foreach (var id in due)
        {
            if (await AnnounceAsync(id, now, int.MaxValue, ct))
            {
                done++;
            }
        }
        return done;
    }

    /// <summary>
    /// Announces one item if it is due at <paramref name="now"/>, by at most <paramref name="maxChunks"/> chunks; true
    /// when its announcement is complete by this call.
    /// </summary>
    public async Task<bool> AnnounceAsync(Guid newsId, DateTime now, int maxChunks, CancellationToken ct = default)
    {
        for (var chunk = 0; chunk < maxChunks; chunk++)
        {
            db.ChangeTracker.Clear();
            var item = await Due(now).AsTracking().FirstOrDefaultAsync(n => n.Id == newsId, ct);
            if (item is null)
            {
                return false;
            }
            var cursor = item.AnnounceCursor;
            var today = DateOnly.FromDateTime(now);
            var audience = Audience(item, today).Where(id => id != item.AuthorId);
            if (cursor is { } after)
            {
                audience = audience.Where(id => id.CompareTo(after) > 0);
            }
            var ids = await audience.OrderBy(id => id).Take(ChunkSize).ToListAsync(ct);
            if (ids.Count > 0)
            {
                notifier.Enqueue(ids, NotificationKind.News, $"Nouvelle actualité : {item.Title}", $"/actualites/{item.Id}");
                item.AnnounceCursor = ids[^1];
            }
            var finished = ids.Count < ChunkSize;
            if (finished)
            {
                item.AnnouncePending = false;
                item.AnnouncedAt = now;
            }
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another pass committed this chunk first; it carries on from there.
                logger.LogInformation("News {NewsId} announced by another pass", newsId);
                db.ChangeTracker.Clear();
                return false;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
            if (finished)
            {
                return true;
            }
        }
        return false;
    }

    private IQueryable<NewsItem> Due(DateTime now) => db.NewsItems.AsNoTracking()
        .Where(n => n.AnnouncePending && !n.IsWithdrawn && n.PublishAt <= now && (n.ExpiresAt == null || n.ExpiresAt > now));

    /// <summary>
    /// The enabled accounts who see the item: everyone for the territory; for a school, its staff (school or class
    /// memberships), its pupils and their guardians; for a collectivité, the same for the schools of its communes
    /// (itself or, for a groupement, its member communes) plus its agents and those of the groupements it belongs to.
    /// </summary>
    private IQueryable<Guid> Audience(NewsItem n, DateOnly today)
    {
        var users = db.Users.AsNoTracking().Where(u => !u.IsDisabled);
        if (n.ScopeType == ScopeType.Territory || n.ScopeId is not { } scopeId)
        {
            return users.Select(u => u.Id);
        }
        var isAuthority = n.ScopeType == ScopeType.LocalAuthority;
        var schools = n.ScopeType == ScopeType.School
            ? db.Schools.Where(s => s.Id == scopeId).Select(s => s.Id)
            : db.Schools.Where(s => s.LocalAuthorityId == scopeId
                || db.LocalAuthorityMembers.Any(x => x.GroupId == scopeId && x.MunicipalityId == s.LocalAuthorityId)).Select(s => s.Id);
        var classes = db.Classes.Where(c => schools.Contains(c.SchoolId)).Select(c => c.Id);
        var active = db.Memberships.Where(m => (m.EndsOn == null || m.EndsOn >= today) && (m.StartsOn == null || m.StartsOn <= today));
        return users.Where(u =>
                active.Any(m => m.PersonId == u.Id && m.ScopeId != null
                    && ((m.ScopeType == ScopeType.School && schools.Contains(m.ScopeId.Value))
                        // A partner invited into one class is not told the school's news.
                        || (m.ScopeType == ScopeType.Class && m.Role != Role.Partner && classes.Contains(m.ScopeId.Value))
                        || (isAuthority && m.Role == Role.MunicipalAgent && m.ScopeType == ScopeType.LocalAuthority
                            && (m.ScopeId == scopeId || db.LocalAuthorityMembers.Any(x => x.GroupId == m.ScopeId && x.MunicipalityId == scopeId)))))
                || db.GuardianLinks.Any(l => l.GuardianId == u.Id && active.Any(m => m.PersonId == l.PupilId && m.Role == Role.Pupil
                    && m.ScopeType == ScopeType.Class && m.ScopeId != null && classes.Contains(m.ScopeId.Value))))
            .Select(u => u.Id);
    }
}

/// <summary>Announces the news items that became due (publication date reached) every minute; off with Preau:News:Announcer=false.</summary>
internal sealed class NewsAnnouncementService(IServiceScopeFactory scopes, TimeProvider time, ILogger<NewsAnnouncementService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<NewsAnnouncer>().AnnounceDueAsync(time.GetUtcNow().UtcDateTime, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may not be migrated yet at first start, or be briefly unreachable: try again later.
                logger.LogWarning(e, "News announcement pass failed");
            }
            await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken);
        }
    }
}
