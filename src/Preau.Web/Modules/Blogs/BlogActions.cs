using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Audit;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Blogs;

/// <summary>What the editor sends. <see cref="Intent"/>: "draft" keeps it to its author; "publish" publishes or, for a pupil, submits.</summary>
public sealed class ArticleInput
{
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public Guid? CategoryId { get; set; }
    public DateTime? PublishAt { get; set; }
    public List<Guid> Pupils { get; set; } = [];
    public string Intent { get; set; } = "publish";
}

/// <summary>Writing on blogs: articles and their workflow, photos and pupils tagged in them, comments, pages, settings.</summary>
public sealed class BlogActions(PreauDbContext db, BlogRightsService rights, BlogQueries queries, IFileService files, INotifier notifier, AuditTrail audit, TimeProvider time)
{
    public const string FilePurpose = "blogs.article";
    public const int MaxFiles = 10;

    /// <summary>The blog of a space, created on first use when the person moderates that space; null otherwise.</summary>
    // Compiled once: the blog tile of every class page runs it (ADR 0019).
    private static readonly Func<PreauDbContext, ScopeType, Guid, CancellationToken, Task<Blog?>> OfSpace = EF.CompileAsyncQuery(
        (PreauDbContext db, ScopeType scope, Guid scopeId, CancellationToken ct) =>
            db.Blogs.AsNoTracking().FirstOrDefault(b => b.ScopeType == scope && b.ScopeId == scopeId));

    public async Task<Blog?> EnsureAsync(ScopeType scope, Guid scopeId, CancellationToken ct = default)
    {
        var blog = await OfSpace(db, scope, scopeId, ct);
        if (blog is not null)
        {
            return blog;
        }
        var r = await rights.ForAsync(scope, scopeId, ct);
        var space = await rights.SpaceAsync(scope, scopeId, ct);
        if (!r.MayModerate || space is null)
        {
            return null;
        }
        var baseSlug = BlogSlug.From(space.Name, 60);
        var taken = (await db.Blogs.Where(b => b.Slug.StartsWith(baseSlug)).Select(b => b.Slug).ToListAsync(ct)).ToHashSet();
        blog = new Blog
        {
            ScopeType = scope, ScopeId = scopeId, Slug = BlogSlug.Unique(baseSlug, taken), Title = $"Le blog — {space.Name}",
            CreatedBy = r.PersonId, CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Blogs.Add(blog);
        audit.Add(r.PersonId, "blogs.created", "blog", blog.Id);
        await db.SaveChangesAsync(ct);
        return blog;
    }

    public static QuotaScope QuotaOf(Blog blog, Guid uploader) => blog.ScopeType switch
    {
        ScopeType.Class => QuotaScope.Class(blog.ScopeId),
        ScopeType.School => QuotaScope.School(blog.ScopeId),
        ScopeType.Group => QuotaScope.Group(blog.ScopeId),
        // A collectivité has no quota of its own: its agent's files count against the agent.
        _ => QuotaScope.Person(uploader),
    };

    /// <summary>May the person change this article? Its author while it is not published (or if they publish directly), and the moderators.</summary>
    public static bool MayEdit(BlogContext b, BlogArticle a) =>
        b.Rights.MayModerate || (a.AuthorId == b.Rights.PersonId && b.Rights.MayContribute && (a.Status != ArticleStatus.Published || b.Rights.PublishesDirectly));

    /// <summary>
    /// Creates or updates an article. Uploads are stored first (all or nothing); the body is cleaned against the blog's
    /// files. Returns French errors, or the saved article.
    /// </summary>
    public async Task<(BlogArticle? Article, IReadOnlyList<string> Errors)> SaveAsync(BlogContext b, BlogArticle? existing, ArticleInput input,
        IReadOnlyList<IFormFile> uploads, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var article = existing is null ? null : await db.BlogArticles.FirstAsync(a => a.Id == existing.Id, ct);
        var id = article?.Id ?? Guid.NewGuid();
        var real = uploads.Where(u => u.Length > 0 || !string.IsNullOrEmpty(u.FileName)).ToList();
        if (real.Count > MaxFiles)
        {
            return (null, [$"Ajoutez au plus {MaxFiles} fichiers à la fois."]);
        }
        var saved = new List<Guid>();
        foreach (var upload in real)
        {
            await using var stream = upload.OpenReadStream();
            var result = await files.SaveAsync(stream, upload.FileName, FilePurpose, id, QuotaOf(b.Blog, b.Rights.PersonId), b.Rights.PersonId, ct);
            if (result.File is null)
            {
                foreach (var f in saved)
                {
                    await files.DeleteAsync(f, ct);
                }
                return (null, [result.Error!]);
            }
            saved.Add(result.File.Id);
        }

        var articleIds = await db.BlogArticles.Where(a => a.BlogId == b.Blog.Id).Select(a => a.Id).ToListAsync(ct);
        articleIds.Add(id);
        var blogFiles = (await files.ListAsync(FilePurpose, articleIds, ct)).SelectMany(g => g).Select(f => f.Id).ToHashSet();
        var body = BlogHtml.Sanitize(input.Body, blogFiles);
        var wasPublished = article?.Status == ArticleStatus.Published;
        if (article is null)
        {
            var baseSlug = BlogSlug.From(input.Title);
            var taken = (await db.BlogArticles.Where(a => a.BlogId == b.Blog.Id && a.Slug.StartsWith(baseSlug)).Select(a => a.Slug).ToListAsync(ct)).ToHashSet();
            article = new BlogArticle
            {
                Id = id, BlogId = b.Blog.Id, Slug = BlogSlug.Unique(baseSlug, taken), Title = "", Body = "",
                AuthorId = b.Rights.PersonId, CreatedAt = now,
            };
            db.BlogArticles.Add(article);
        }
        article.Title = input.Title.Trim();
        article.Body = body;
        article.CategoryId = input.CategoryId is { } c && await db.BlogCategories.AnyAsync(x => x.Id == c && x.BlogId == b.Blog.Id, ct) ? c : null;
        article.PublishAt = input.PublishAt is { } at ? Platform.Time.ParisDate.ToUtc(at) : (wasPublished ? article.PublishAt : now);
        article.UpdatedAt = now;
        var publish = input.Intent == "publish";
        // A moderator changing someone else's article keeps its state unless they publish it.
        article.Status = !publish ? (wasPublished && b.Rights.MayModerate && article.AuthorId != b.Rights.PersonId ? ArticleStatus.Published : ArticleStatus.Draft)
            : b.Rights.PublishesDirectly ? ArticleStatus.Published : ArticleStatus.Submitted;
        if (article.Status == ArticleStatus.Published && !wasPublished)
        {
            article.ReviewedBy = b.Rights.PersonId;
            article.ReviewComment = null;
        }

        var allowedPupils = (await queries.TaggablePupilsAsync(b.Blog, ct)).Select(p => p.Id).ToHashSet();
        var tags = await db.BlogArticlePupils.Where(t => t.ArticleId == id).ToListAsync(ct);
        var wanted = input.Pupils.Where(allowedPupils.Contains).ToHashSet();
        db.BlogArticlePupils.RemoveRange(tags.Where(t => !wanted.Contains(t.PupilId)));
        db.BlogArticlePupils.AddRange(wanted.Where(p => tags.All(t => t.PupilId != p)).Select(p => new BlogArticlePupil { ArticleId = id, PupilId = p }));

        if (article.Status == ArticleStatus.Submitted)
        {
            var moderators = await ModeratorsAsync(b.Blog, ct);
            notifier.Enqueue(moderators, NotificationKind.BlogArticle, $"Article à valider : {article.Title}", $"{b.Url}/a-valider", fromPupilContent: true);
        }
        audit.Add(b.Rights.PersonId, existing is null ? "blogs.article.created" : "blogs.article.updated", "blog_article", id, article.Status.ToString());
        await db.SaveChangesAsync(ct);
        return (article, []);
    }

    /// <summary>Publishes a submitted article, or sends it back to its author with a comment (à revoir).</summary>
    public async Task<bool> ReviewAsync(BlogContext b, Guid articleId, bool approve, string? comment, CancellationToken ct = default)
    {
        var article = await db.BlogArticles.FirstOrDefaultAsync(a => a.Id == articleId && a.BlogId == b.Blog.Id && a.Status == ArticleStatus.Submitted, ct);
        if (article is null || !b.Rights.MayModerate)
        {
            return false;
        }
        var now = time.GetUtcNow().UtcDateTime;
        article.Status = approve ? ArticleStatus.Published : ArticleStatus.ToRevise;
        article.ReviewComment = approve ? null : comment?.Trim();
        article.ReviewedBy = b.Rights.PersonId;
        if (approve && article.PublishAt < now)
        {
            article.PublishAt = now;
        }
        article.UpdatedAt = now;
        notifier.Enqueue([article.AuthorId], NotificationKind.BlogArticle,
            approve ? $"Ton article est publié : {article.Title}" : $"Ton article est à revoir : {article.Title}", $"{b.Url}/{article.Slug}");
        audit.Add(b.Rights.PersonId, approve ? "blogs.article.validated" : "blogs.article.returned", "blog_article", article.Id);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task DeleteAsync(BlogContext b, BlogArticle article, CancellationToken ct = default)
    {
        await db.BlogComments.Where(c => c.ArticleId == article.Id).ExecuteDeleteAsync(ct);
        await db.BlogArticlePupils.Where(t => t.ArticleId == article.Id).ExecuteDeleteAsync(ct);
        await db.BlogArticles.Where(a => a.Id == article.Id).ExecuteDeleteAsync(ct);
        await files.DeleteOwnerAsync(FilePurpose, article.Id, ct);
        audit.Add(b.Rights.PersonId, "blogs.article.deleted", "blog_article", article.Id);
        await db.SaveChangesAsync(ct);
    }

    public async Task<CommentStatus> CommentAsync(BlogContext b, BlogArticle article, string body, CancellationToken ct = default)
    {
        var status = b.Blog.Moderation == CommentModeration.AfterPublication || b.Rights.MayModerate ? CommentStatus.Visible : CommentStatus.Pending;
        db.BlogComments.Add(new BlogComment
        {
            ArticleId = article.Id, AuthorId = b.Rights.PersonId, Body = body.Trim(), Status = status, CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        return status;
    }

    public async Task<bool> ModerateCommentAsync(BlogContext b, Guid commentId, CommentStatus status, CancellationToken ct = default)
    {
        var comment = await db.BlogComments.Where(c => c.Id == commentId && db.BlogArticles.Any(a => a.Id == c.ArticleId && a.BlogId == b.Blog.Id))
            .FirstOrDefaultAsync(ct);
        if (comment is null || !b.Rights.MayModerate)
        {
            return false;
        }
        comment.Status = status;
        audit.Add(b.Rights.PersonId, "blogs.comment." + status.ToString().ToLowerInvariant(), "blog_comment", comment.Id);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Files a report on a published article or on one of its visible comments, for its moderators, and tells them.
    /// False when the person already has an open report on it (nothing more is filed or sent).
    /// </summary>
    public async Task<bool> ReportAsync(BlogContext b, BlogArticle article, BlogComment? comment, string? reason, CancellationToken ct = default)
    {
        var me = b.Rights.PersonId;
        var commentId = comment?.Id;
        if (await db.BlogReports.AnyAsync(r => r.ArticleId == article.Id && r.CommentId == commentId && r.ReporterId == me && r.ClosedAt == null, ct))
        {
            return false;
        }
        db.BlogReports.Add(new BlogReport
        {
            BlogId = b.Blog.Id, ArticleId = article.Id, CommentId = commentId, ReporterId = me,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        var moderators = await ModeratorsAsync(b.Blog, ct);
        notifier.Enqueue([.. moderators.Where(id => id != me)], NotificationKind.BlogArticle,
            comment is null ? $"Article signalé : {article.Title}" : $"Commentaire signalé sur « {article.Title} »", $"{b.Url}/a-valider#signalements");
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// A moderator deals with a report: every open report on the same article or comment is closed with it, and the
    /// comment is hidden when <paramref name="hideComment"/>. False for a report of another blog or already closed.
    /// </summary>
    public async Task<bool> CloseReportAsync(BlogContext b, Guid reportId, bool hideComment, CancellationToken ct = default)
    {
        var report = await db.BlogReports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reportId && r.BlogId == b.Blog.Id && r.ClosedAt == null, ct);
        if (report is null || !b.Rights.MayModerate)
        {
            return false;
        }
        if (hideComment && report.CommentId is { } commentId && !await ModerateCommentAsync(b, commentId, CommentStatus.Hidden, ct))
        {
            return false;
        }
        var now = time.GetUtcNow().UtcDateTime;
        await db.BlogReports.Where(r => r.ArticleId == report.ArticleId && r.CommentId == report.CommentId && r.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosedAt, now).SetProperty(r => r.ClosedBy, b.Rights.PersonId), ct);
        audit.Add(b.Rights.PersonId, hideComment ? "blogs.report.hidden" : "blogs.report.kept", "blog_report", report.Id);
        await db.SaveChangesAsync(ct);
        return true;
    }

    public async Task UpdateSettingsAsync(BlogContext b, string title, string? description, BlogVisibility visibility, CommentModeration moderation, CancellationToken ct = default)
    {
        var blog = await db.Blogs.FirstAsync(x => x.Id == b.Blog.Id, ct);
        blog.Title = title.Trim();
        blog.Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (blog.Visibility != visibility)
        {
            audit.Add(b.Rights.PersonId, "blogs.visibility", "blog", blog.Id, visibility.ToString());
        }
        blog.Visibility = visibility;
        blog.Moderation = moderation;
        await db.SaveChangesAsync(ct);
    }

    public async Task AddCategoryAsync(BlogContext b, string name, CancellationToken ct = default)
    {
        db.BlogCategories.Add(new BlogCategory { BlogId = b.Blog.Id, Name = name.Trim() });
        await db.SaveChangesAsync(ct);
    }

    public async Task RemoveCategoryAsync(BlogContext b, Guid id, CancellationToken ct = default)
    {
        await db.BlogArticles.Where(a => a.BlogId == b.Blog.Id && a.CategoryId == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.CategoryId, (Guid?)null), ct);
        await db.BlogCategories.Where(c => c.BlogId == b.Blog.Id && c.Id == id).ExecuteDeleteAsync(ct);
    }

    public async Task<BlogPage> SavePageAsync(BlogContext b, Guid? id, string title, string body, int position, CancellationToken ct = default)
    {
        var page = id is { } pid ? await db.BlogPages.FirstOrDefaultAsync(p => p.Id == pid && p.BlogId == b.Blog.Id, ct) : null;
        if (page is null)
        {
            var baseSlug = BlogSlug.From(title);
            var taken = (await db.BlogPages.Where(p => p.BlogId == b.Blog.Id && p.Slug.StartsWith(baseSlug)).Select(p => p.Slug).ToListAsync(ct)).ToHashSet();
            page = new BlogPage { BlogId = b.Blog.Id, Slug = BlogSlug.Unique(baseSlug, taken), Title = "", Body = "" };
            db.BlogPages.Add(page);
        }
        page.Title = title.Trim();
        // Pages show no uploaded image of their own: only the blog's articles' files may appear in them.
        var articleIds = await db.BlogArticles.Where(a => a.BlogId == b.Blog.Id).Select(a => a.Id).ToListAsync(ct);
        var blogFiles = (await files.ListAsync(FilePurpose, articleIds, ct)).SelectMany(g => g).Select(f => f.Id).ToHashSet();
        page.Body = BlogHtml.Sanitize(body, blogFiles);
        page.Position = position;
        page.UpdatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return page;
    }

    public async Task DeletePageAsync(BlogContext b, Guid id, CancellationToken ct = default) =>
        await db.BlogPages.Where(p => p.Id == id && p.BlogId == b.Blog.Id).ExecuteDeleteAsync(ct);

    /// <summary>Who validates pupils' articles: the class's teachers and the school's director; the group's owner and moderators.</summary>
    private async Task<IReadOnlyList<Guid>> ModeratorsAsync(Blog blog, CancellationToken ct)
    {
        return blog.ScopeType switch
        {
            ScopeType.Class => await db.Memberships.Where(m =>
                    (m.Role == Role.Teacher && m.ScopeType == ScopeType.Class && m.ScopeId == blog.ScopeId)
                    || (m.Role == Role.Director && m.ScopeType == ScopeType.School && db.Classes.Any(c => c.Id == blog.ScopeId && c.SchoolId == m.ScopeId)))
                .Select(m => m.PersonId).Distinct().ToListAsync(ct),
            ScopeType.School => await db.Memberships.Where(m => m.Role == Role.Director && m.ScopeType == ScopeType.School && m.ScopeId == blog.ScopeId)
                .Select(m => m.PersonId).Distinct().ToListAsync(ct),
            ScopeType.Group => await db.GroupMembers.Where(g => g.GroupId == blog.ScopeId && (g.Role == GroupRole.Owner || g.Role == GroupRole.Moderator))
                .Select(g => g.PersonId).ToListAsync(ct),
            _ => [],
        };
    }
}
