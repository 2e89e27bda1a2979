using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Forums.Data;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Shared;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Forums;

public sealed record TopicRow(Guid Id, string Title, string Author, bool IsPinned, bool IsLocked, int Replies, DateTime? LastPostAt, bool Unread);

public sealed record PostRow(Guid Id, Guid AuthorId, string Author, string Body, bool IsHtml, bool IsHidden, bool IsDeleted, DateTime CreatedAt, DateTime? EditedAt, QuoteRow? Quote);

/// <summary>The post a reply quotes, as it reads now: a deleted or hidden one is not quoted any more.</summary>
public sealed record QuoteRow(Guid Id, string Author, string Body, bool IsHtml, bool IsHidden, bool IsDeleted);

public sealed record ReportRow(Guid Id, Guid PostId, Guid TopicId, string TopicTitle, string Author, string Body, bool IsHtml, bool PostHidden, string Reporter, string? Reason, DateTime CreatedAt);

/// <summary>Reading and writing forums; callers check <see cref="ForumRights"/> first, this enforces the rules that depend on the post.</summary>
public sealed class ForumService(PreauDbContext db, TimeProvider time, INotifier notifier, ForumAccess access)
{
    public const int TopicsPerPage = 20;
    public const int PostsPerPage = 20;

    /// <summary>How long an author may change or delete their post (stated next to the reply form).</summary>
    public static readonly TimeSpan EditWindow = TimeSpan.FromMinutes(30);

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>
    /// A page of topics, pinned first then by latest post, with the replies each reader sees, the time of the newest
    /// post they see and whether it is newer than what they have read: one query whatever the number of topics.
    /// </summary>
    public async Task<Paged<TopicRow>> TopicsAsync(ScopeType type, Guid id, ForumRights rights, int page, CancellationToken ct)
    {
        var topics = db.ForumTopics.AsNoTracking().Where(t => t.ScopeType == type && t.ScopeId == id);
        var total = await topics.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + TopicsPerPage - 1) / TopicsPerPage));
        var mod = rights.Moderate;
        var me = rights.PersonId;
        var rows = await topics.OrderByDescending(t => t.IsPinned).ThenByDescending(t => t.LastPostAt).ThenBy(t => t.Id)
            .Skip((page - 1) * TopicsPerPage).Take(TopicsPerPage)
            .Select(t => new
            {
                t.Id, t.Title, t.IsPinned, t.IsLocked,
                Author = db.Persons.Where(p => p.Id == t.AuthorId).Select(p => p.FirstName + " " + p.LastName).FirstOrDefault(),
                Posts = db.ForumPosts.Count(p => p.TopicId == t.Id && (mod || !p.IsHidden)),
                Last = db.ForumPosts.Where(p => p.TopicId == t.Id && (mod || !p.IsHidden)).Max(p => (DateTime?)p.CreatedAt),
                Read = db.ForumReads.Where(r => r.TopicId == t.Id && r.PersonId == me).Select(r => (DateTime?)r.LastReadAt).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return new Paged<TopicRow>(
            [.. rows.Select(r => new TopicRow(r.Id, r.Title, r.Author ?? "", r.IsPinned, r.IsLocked, Math.Max(0, r.Posts - 1), r.Last,
                r.Last is { } last && (r.Read is null || last > r.Read)))],
            page, TopicsPerPage, total);
    }

    /// <summary>The posts of a topic this reader sees: hidden ones for moderators only.</summary>
    public IQueryable<ForumPost> Visible(Guid topicId, ForumRights rights) =>
        db.ForumPosts.AsNoTracking().Where(p => p.TopicId == topicId && (rights.Moderate || !p.IsHidden));

    /// <summary>A page of a topic's posts, oldest first; <paramref name="page"/> 0 means the last one.</summary>
    public async Task<Paged<PostRow>> PostsAsync(Guid topicId, ForumRights rights, int page, CancellationToken ct)
    {
        var posts = Visible(topicId, rights);
        var total = await posts.CountAsync(ct);
        var pages = Math.Max(1, (total + PostsPerPage - 1) / PostsPerPage);
        page = page <= 0 ? pages : Math.Min(page, pages);
        var rows = await posts.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Skip((page - 1) * PostsPerPage).Take(PostsPerPage)
            .Select(p => new
            {
                p.Id, p.AuthorId, p.Body, p.IsHtml, p.IsHidden, p.IsDeleted, p.CreatedAt, p.EditedAt,
                Author = db.Persons.Where(x => x.Id == p.AuthorId).Select(x => x.FirstName + " " + x.LastName).FirstOrDefault(),
                Quote = db.ForumPosts.Where(q => q.Id == p.QuotedPostId)
                    .Select(q => new
                    {
                        q.Id, q.Body, q.IsHtml, q.IsHidden, q.IsDeleted,
                        Author = db.Persons.Where(x => x.Id == q.AuthorId).Select(x => x.FirstName + " " + x.LastName).FirstOrDefault(),
                    }).FirstOrDefault(),
            }).ToListAsync(ct);
        return new Paged<PostRow>(
            [.. rows.Select(r => new PostRow(r.Id, r.AuthorId, r.Author ?? "", r.Body, r.IsHtml, r.IsHidden, r.IsDeleted, r.CreatedAt, r.EditedAt,
                r.Quote is { } q ? new QuoteRow(q.Id, q.Author ?? "", q.Body, q.IsHtml, q.IsHidden, q.IsDeleted) : null))],
            page, PostsPerPage, total);
    }

    /// <summary>Moves the reader's marker forward to the newest post they have just seen (never backwards).</summary>
    public async Task MarkReadAsync(Guid topicId, Guid personId, DateTime seen, CancellationToken ct)
    {
        var read = await db.ForumReads.FirstOrDefaultAsync(r => r.TopicId == topicId && r.PersonId == personId, ct);
        if (read is null)
        {
            db.ForumReads.Add(new ForumRead { TopicId = topicId, PersonId = personId, LastReadAt = seen });
        }
        else if (read.LastReadAt < seen)
        {
            read.LastReadAt = seen;
        }
        else
        {
            return;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same person reading the same topic in two tabs at once: the other request wrote the marker.
            db.ChangeTracker.Clear();
        }
    }

    public async Task<ForumTopic> CreateTopicAsync(ScopeType type, Guid id, string title, string body, bool isHtml, Guid authorId, CancellationToken ct)
    {
        var now = Now;
        var topic = new ForumTopic { ScopeType = type, ScopeId = id, Title = title.Trim(), AuthorId = authorId, CreatedAt = now, LastPostAt = now };
        db.ForumTopics.Add(topic);
        db.ForumPosts.Add(new ForumPost { TopicId = topic.Id, AuthorId = authorId, Body = body, IsHtml = isHtml, CreatedAt = now });
        // One's own topic is never "new" to oneself.
        db.ForumReads.Add(new ForumRead { TopicId = topic.Id, PersonId = authorId, LastReadAt = now });
        await db.SaveChangesAsync(ct);
        return topic;
    }

    /// <summary>Adds a reply; the quoted post must be a visible, undeleted post of the same topic, or the quote is dropped.</summary>
    public async Task<ForumPost> ReplyAsync(ForumTopic topic, ForumRights rights, string body, bool isHtml, Guid? quotedPostId, CancellationToken ct)
    {
        if (quotedPostId is { } q && !await Visible(topic.Id, rights).AnyAsync(p => p.Id == q && !p.IsDeleted && !p.IsHidden, ct))
        {
            quotedPostId = null;
        }
        var now = Now;
        var post = new ForumPost { TopicId = topic.Id, AuthorId = rights.PersonId, Body = body, IsHtml = isHtml, QuotedPostId = quotedPostId, CreatedAt = now };
        db.ForumPosts.Add(post);
        await db.SaveChangesAsync(ct);
        await db.ForumTopics.Where(t => t.Id == topic.Id && t.LastPostAt < now).ExecuteUpdateAsync(u => u.SetProperty(t => t.LastPostAt, now), ct);
        // One's own reply does not make the topic "new"; the replier is sent to it, which marks the rest read.
        await MarkReadAsync(topic.Id, rights.PersonId, now, ct);
        return post;
    }

    /// <summary>Its author, within <see cref="EditWindow"/> of posting, while the topic is open and the post neither hidden nor deleted.</summary>
    public bool MayChange(ForumTopic topic, ForumRights rights, Guid authorId, bool hidden, bool deleted, DateTime createdAt) =>
        rights.Write && authorId == rights.PersonId && !hidden && !deleted && !topic.IsLocked && Now - createdAt <= EditWindow;

    public async Task EditAsync(Guid postId, string body, bool isHtml, CancellationToken ct) =>
        await db.ForumPosts.Where(p => p.Id == postId)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.Body, body).SetProperty(p => p.IsHtml, isHtml).SetProperty(p => p.EditedAt, Now), ct);

    /// <summary>The text goes; the row stays so that the thread and the quotes of it still read in order.</summary>
    public async Task DeleteAsync(Guid postId, CancellationToken ct) =>
        await db.ForumPosts.Where(p => p.Id == postId)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.IsDeleted, true).SetProperty(p => p.Body, "").SetProperty(p => p.EditedAt, Now), ct);

    public async Task<bool> SetHiddenAsync(Guid topicId, Guid postId, bool hidden, Guid moderatorId, CancellationToken ct)
    {
        var changed = await db.ForumPosts.Where(p => p.Id == postId && p.TopicId == topicId)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.IsHidden, hidden), ct) > 0;
        if (changed && hidden)
        {
            // Hiding answers every open report on it.
            var now = Now;
            await db.ForumReports.Where(r => r.PostId == postId && r.ClosedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.ClosedAt, now).SetProperty(r => r.ClosedBy, moderatorId), ct);
        }
        return changed;
    }

    public async Task SetLockedAsync(Guid topicId, bool locked, CancellationToken ct) =>
        await db.ForumTopics.Where(t => t.Id == topicId).ExecuteUpdateAsync(u => u.SetProperty(t => t.IsLocked, locked), ct);

    public async Task SetPinnedAsync(Guid topicId, bool pinned, CancellationToken ct) =>
        await db.ForumTopics.Where(t => t.Id == topicId).ExecuteUpdateAsync(u => u.SetProperty(t => t.IsPinned, pinned), ct);

    /// <summary>Files a report and tells the forum's moderators; false (nothing written) when the person already reported this post.</summary>
    public async Task<bool> ReportAsync(ForumTopic topic, Guid postId, Guid reporterId, string? reason, CancellationToken ct)
    {
        if (await db.ForumReports.AnyAsync(r => r.PostId == postId && r.ReporterId == reporterId && r.ClosedAt == null, ct))
        {
            return false;
        }
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        db.ForumReports.Add(new ForumReport
        {
            PostId = postId, ScopeType = topic.ScopeType, ScopeId = topic.ScopeId, ReporterId = reporterId, CreatedAt = Now,
            Reason = trimmed is null ? null : trimmed[..Math.Min(trimmed.Length, 1000)],
        });
        var moderators = (await access.ModeratorIdsAsync(topic.ScopeType, topic.ScopeId, ct)).Where(m => m != reporterId).ToList();
        // The title says where, never what: the post may be exactly what should not travel by e-mail.
        notifier.Enqueue(moderators, NotificationKind.ForumReport, "Un message du forum a été signalé",
            $"/{ForumAccess.Segment(topic.ScopeType)}/{topic.ScopeId}/forum/signalements", fromPupilContent: true);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task<Paged<ReportRow>> OpenReportsAsync(ScopeType type, Guid id, int page, CancellationToken ct)
    {
        var reports = db.ForumReports.AsNoTracking().Where(r => r.ScopeType == type && r.ScopeId == id && r.ClosedAt == null);
        var total = await reports.CountAsync(ct);
        page = Math.Max(1, page);
        var rows = await (
            from r in reports
            join p in db.ForumPosts on r.PostId equals p.Id
            join t in db.ForumTopics on p.TopicId equals t.Id
            orderby r.CreatedAt
            select new ReportRow(r.Id, p.Id, t.Id, t.Title,
                db.Persons.Where(x => x.Id == p.AuthorId).Select(x => x.FirstName + " " + x.LastName).FirstOrDefault() ?? "",
                p.Body, p.IsHtml, p.IsHidden,
                db.Persons.Where(x => x.Id == r.ReporterId).Select(x => x.FirstName + " " + x.LastName).FirstOrDefault() ?? "",
                r.Reason, r.CreatedAt))
            .Skip((page - 1) * 20).Take(20).ToListAsync(ct);
        return new Paged<ReportRow>(rows, page, 20, total);
    }

    /// <summary>The post and topic an open report of this forum is about; null when there is no such report.</summary>
    public async Task<(Guid PostId, Guid TopicId)?> OpenReportTargetAsync(ScopeType type, Guid id, Guid reportId, CancellationToken ct)
    {
        var target = await (
            from r in db.ForumReports.AsNoTracking()
            where r.Id == reportId && r.ScopeType == type && r.ScopeId == id && r.ClosedAt == null
            join p in db.ForumPosts on r.PostId equals p.Id
            select new { p.Id, p.TopicId }).FirstOrDefaultAsync(ct);
        return target is null ? null : (target.Id, target.TopicId);
    }

    public Task<int> OpenReportCountAsync(ScopeType type, Guid id, CancellationToken ct) =>
        db.ForumReports.CountAsync(r => r.ScopeType == type && r.ScopeId == id && r.ClosedAt == null, ct);

    /// <summary>Closes a report of this forum without touching the post (« classer sans suite »).</summary>
    public async Task<bool> DismissAsync(ScopeType type, Guid id, Guid reportId, Guid moderatorId, CancellationToken ct)
    {
        var now = Now;
        return await db.ForumReports.Where(r => r.Id == reportId && r.ScopeType == type && r.ScopeId == id && r.ClosedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.ClosedAt, now).SetProperty(r => r.ClosedBy, moderatorId), ct) > 0;
    }
}
