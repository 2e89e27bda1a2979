using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Blogs;

/// <summary>A blog as its pages show it, with the current person's rights.</summary>
public sealed record BlogContext(Blog Blog, BlogRights Rights, BlogSpace Space)
{
    public string Url => $"/blogs/{Blog.Slug}";
    /// <summary>Pages of a blog open to the internet may be indexed; every other blog page says noindex.</summary>
    public bool IsPublic => Blog.Visibility == BlogVisibility.Public;
}

public sealed record ArticleRow(Guid Id, string Slug, string Title, string Body, Guid AuthorId, string AuthorName, ArticleStatus Status,
    DateTime PublishAt, DateTime UpdatedAt, string? Category, string? ReviewComment, int Comments);

/// <summary>An open report on the moderators' desk: the article, or one of its comments (<see cref="CommentBody"/>).</summary>
public sealed record ReportRow(Guid Id, Guid ArticleId, string ArticleSlug, string ArticleTitle, Guid? CommentId, string? CommentBody, CommentStatus? CommentStatus,
    string AuthorName, string? Reason, DateTime CreatedAt);

public sealed record CommentRow(Guid Id, Guid ArticleId, string AuthorName, string Body, CommentStatus Status, DateTime CreatedAt)
{
    public Guid AuthorId { get; init; }
}

/// <summary>Reading blogs: who sees which article, lists, feeds. Every list is one query, whatever its length.</summary>
public sealed class BlogQueries(PreauDbContext db, BlogRightsService rights, TimeProvider time)
{
    public const int PageSize = 10;

    public DateTime Now => time.GetUtcNow().UtcDateTime;

    // Compiled once, as the category and page lists below: families open their class's blog every evening (ADR 0019).
    private static readonly Func<PreauDbContext, string, CancellationToken, Task<Blog?>> BySlug = EF.CompileAsyncQuery(
        (PreauDbContext db, string slug, CancellationToken ct) => db.Blogs.AsNoTracking().FirstOrDefault(b => b.Slug == slug));

    private static readonly Func<PreauDbContext, Guid, IAsyncEnumerable<BlogCategory>> Categories = EF.CompileAsyncQuery<PreauDbContext, Guid, BlogCategory>(
        (db, blogId) => db.BlogCategories.AsNoTracking().Where(c => c.BlogId == blogId).OrderBy(c => c.Name));

    private static readonly Func<PreauDbContext, Guid, IAsyncEnumerable<BlogPage>> Pages = EF.CompileAsyncQuery<PreauDbContext, Guid, BlogPage>(
        (db, blogId) => db.BlogPages.AsNoTracking().Where(p => p.BlogId == blogId).OrderBy(p => p.Position).ThenBy(p => p.Title));

    /// <summary>The blog with the person's rights, or null when it does not exist or they may not read it (the page answers 404).</summary>
    public async Task<BlogContext?> OpenAsync(string slug, CancellationToken ct = default)
    {
        var blog = await BySlug(db, slug, ct);
        if (blog is null)
        {
            return null;
        }
        var r = await rights.ForAsync(blog, ct);
        if (!r.MayRead(blog))
        {
            return null;
        }
        var space = await rights.SpaceAsync(blog.ScopeType, blog.ScopeId, ct);
        return space is null ? null : new BlogContext(blog, r, space);
    }

    /// <summary>Articles without a tagged pupil lacking photo authorisation (unknown counts as refused): the only ones shown outside the space.</summary>
    public IQueryable<BlogArticle> PhotoCleared(IQueryable<BlogArticle> q) =>
        q.Provider.CreateQuery<BlogArticle>(QueryTemplate.Bind(PhotoClearedOf, Expression.Constant(db, typeof(PreauDbContext)), q.Expression));

    /// <summary>The published articles the person reads on this blog, newest first.</summary>
    public IQueryable<BlogArticle> Published(BlogContext b)
    {
        var now = Now;
        var q = db.BlogArticles.AsNoTracking().Where(a => a.BlogId == b.Blog.Id && a.Status == ArticleStatus.Published && a.PublishAt <= now);
        return b.Rights.IsMember ? q : PhotoCleared(q);
    }

    public async Task<(IReadOnlyList<ArticleRow> Rows, int Total)> PublishedPageAsync(BlogContext b, Guid? categoryId, int page, CancellationToken ct = default)
    {
        var now = Now;
        var skip = (Math.Max(page, 1) - 1) * PageSize;
        var member = b.Rights.IsMember;
        var total = await (member ? MemberCount : OutsiderCount)(db, b.Blog.Id, now, categoryId, ct);
        var rows = await (member ? MemberPage : OutsiderPage)(db, b.Blog.Id, now, categoryId, skip).ToListAsync(ct);
        return (rows, total);
    }

    // A blog's front page is the second page of the evening's visit to a class (its tile leads there): its count and page
    // of articles are compiled once (ADR 0019), for the space's members and for readers from outside it (who see only the
    // articles whose tagged pupils all may appear in photos, as PhotoCleared says).
    private static readonly Expression<Func<PreauDbContext, Guid, DateTime, Guid?, IQueryable<BlogArticle>>> PublishedOf =
        (db, blogId, now, categoryId) => db.BlogArticles.AsNoTracking().Where(a => a.BlogId == blogId && a.Status == ArticleStatus.Published
            && a.PublishAt <= now && (categoryId == null || a.CategoryId == categoryId));

    private static readonly Expression<Func<PreauDbContext, IQueryable<BlogArticle>, IQueryable<BlogArticle>>> PhotoClearedOf =
        (db, q) => q.Where(x => !db.BlogArticlePupils.Any(t => t.ArticleId == x.Id && db.Persons.Any(p => p.Id == t.PupilId && p.PhotoAllowed != true)));

    private static readonly Expression<Func<PreauDbContext, IQueryable<BlogArticle>, IQueryable<ArticleRow>>> Projected =
        (db, q) => from a in q
                   join p in db.Persons on a.AuthorId equals p.Id
                   select new ArticleRow(a.Id, a.Slug, a.Title, a.Body, a.AuthorId, p.FirstName + " " + p.LastName, a.Status, a.PublishAt, a.UpdatedAt,
                       db.BlogCategories.Where(c => c.Id == a.CategoryId).Select(c => c.Name).FirstOrDefault(), a.ReviewComment,
                       db.BlogComments.Count(c => c.ArticleId == a.Id && c.Status == CommentStatus.Visible));

    private static readonly Func<PreauDbContext, Guid, DateTime, Guid?, CancellationToken, Task<int>> MemberCount = EF.CompileAsyncQuery(
        QueryTemplate.Expand<Func<PreauDbContext, Guid, DateTime, Guid?, CancellationToken, int>>((db, blogId, now, categoryId, ct) =>
            PublishedOf.Inline(db, blogId, now, categoryId).Count()));

    private static readonly Func<PreauDbContext, Guid, DateTime, Guid?, CancellationToken, Task<int>> OutsiderCount = EF.CompileAsyncQuery(
        QueryTemplate.Expand<Func<PreauDbContext, Guid, DateTime, Guid?, CancellationToken, int>>((db, blogId, now, categoryId, ct) =>
            PhotoClearedOf.Inline(db, PublishedOf.Inline(db, blogId, now, categoryId)).Count()));

    private static readonly Func<PreauDbContext, Guid, DateTime, Guid?, int, IAsyncEnumerable<ArticleRow>> MemberPage = EF.CompileAsyncQuery(
        QueryTemplate.Expand<Func<PreauDbContext, Guid, DateTime, Guid?, int, IQueryable<ArticleRow>>>((db, blogId, now, categoryId, skip) =>
            Projected.Inline(db, PublishedOf.Inline(db, blogId, now, categoryId).OrderByDescending(a => a.PublishAt).ThenBy(a => a.Id).Skip(skip).Take(PageSize))));

    private static readonly Func<PreauDbContext, Guid, DateTime, Guid?, int, IAsyncEnumerable<ArticleRow>> OutsiderPage = EF.CompileAsyncQuery(
        QueryTemplate.Expand<Func<PreauDbContext, Guid, DateTime, Guid?, int, IQueryable<ArticleRow>>>((db, blogId, now, categoryId, skip) =>
            Projected.Inline(db, PhotoClearedOf.Inline(db, PublishedOf.Inline(db, blogId, now, categoryId))
                .OrderByDescending(a => a.PublishAt).ThenBy(a => a.Id).Skip(skip).Take(PageSize))));

    /// <summary>Articles being written or validated: the person's own (any state but published) and, for moderators, those submitted to them.</summary>
    public async Task<IReadOnlyList<ArticleRow>> InProgressAsync(BlogContext b, CancellationToken ct = default)
    {
        if (!b.Rights.MayContribute)
        {
            return [];
        }
        var me = b.Rights.PersonId;
        var moderate = b.Rights.MayModerate;
        var now = Now;
        var q = db.BlogArticles.AsNoTracking().Where(a => a.BlogId == b.Blog.Id
            && ((a.AuthorId == me && (a.Status != ArticleStatus.Published || a.PublishAt > now))
                || (moderate && (a.Status == ArticleStatus.Submitted || (a.Status == ArticleStatus.Published && a.PublishAt > now)))));
        return await Project(q.OrderByDescending(a => a.UpdatedAt).Take(50)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<ArticleRow>> SubmittedAsync(BlogContext b, CancellationToken ct = default) =>
        await Project(db.BlogArticles.AsNoTracking().Where(a => a.BlogId == b.Blog.Id && a.Status == ArticleStatus.Submitted)
            .OrderBy(a => a.UpdatedAt)).ToListAsync(ct);

    /// <summary>The article if the person may read it: published ones as the blog allows; otherwise only its author and the moderators.</summary>
    public async Task<BlogArticle?> ReadableAsync(BlogContext b, string slug, CancellationToken ct = default)
    {
        var article = await db.BlogArticles.AsNoTracking().FirstOrDefaultAsync(a => a.BlogId == b.Blog.Id && a.Slug == slug, ct);
        return article is not null && await MayReadAsync(b, article, ct) ? article : null;
    }

    public async Task<bool> MayReadAsync(BlogContext b, BlogArticle article, CancellationToken ct = default)
    {
        if (b.Rights.PersonId != Guid.Empty && article.AuthorId == b.Rights.PersonId)
        {
            return true;
        }
        if (b.Rights.MayModerate && article.Status != ArticleStatus.Draft)
        {
            return true;
        }
        if (article.Status != ArticleStatus.Published || article.PublishAt > Now)
        {
            return false;
        }
        return b.Rights.IsMember || !await IsPhotoBlockedAsync(article.Id, ct);
    }

    public async Task<BlogArticle?> FindAsync(Guid blogId, Guid articleId, CancellationToken ct = default) =>
        await db.BlogArticles.AsNoTracking().FirstOrDefaultAsync(a => a.Id == articleId && a.BlogId == blogId, ct);

    public async Task<IReadOnlyList<Guid>> TaggedAsync(Guid articleId, CancellationToken ct = default) =>
        await db.BlogArticlePupils.AsNoTracking().Where(t => t.ArticleId == articleId).Select(t => t.PupilId).ToListAsync(ct);

    public Task<bool> IsPhotoBlockedAsync(Guid articleId, CancellationToken ct = default) =>
        db.BlogArticlePupils.AnyAsync(t => t.ArticleId == articleId && db.Persons.Any(p => p.Id == t.PupilId && p.PhotoAllowed != true), ct);

    public async Task<ArticleRow> RowAsync(Guid articleId, CancellationToken ct = default) =>
        await Project(db.BlogArticles.AsNoTracking().Where(a => a.Id == articleId)).FirstAsync(ct);

    public async Task<IReadOnlyList<CommentRow>> CommentsAsync(BlogContext b, Guid articleId, CancellationToken ct = default)
    {
        var me = b.Rights.PersonId;
        var moderate = b.Rights.MayModerate;
        // Pending comments: their author sees them (marked "en attente"), and the moderators; hidden ones only the moderators.
        return await db.BlogComments.AsNoTracking()
            .Where(c => c.ArticleId == articleId && (c.Status == CommentStatus.Visible || moderate || (c.Status == CommentStatus.Pending && c.AuthorId == me)))
            .OrderBy(c => c.CreatedAt)
            .Join(db.Persons, c => c.AuthorId, p => p.Id, (c, p) => new CommentRow(c.Id, c.ArticleId, p.FirstName + " " + p.LastName, c.Body, c.Status, c.CreatedAt) { AuthorId = c.AuthorId })
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<(CommentRow Comment, string ArticleTitle, string ArticleSlug)>> PendingCommentsAsync(BlogContext b, CancellationToken ct = default)
    {
        var rows = await db.BlogComments.AsNoTracking().Where(c => c.Status == CommentStatus.Pending)
            .Join(db.BlogArticles.Where(a => a.BlogId == b.Blog.Id), c => c.ArticleId, a => a.Id, (c, a) => new { c, a.Title, a.Slug })
            .Join(db.Persons, x => x.c.AuthorId, p => p.Id, (x, p) => new { x.c, x.Title, x.Slug, Name = p.FirstName + " " + p.LastName })
            .OrderBy(x => x.c.CreatedAt).Take(100).ToListAsync(ct);
        return [.. rows.Select(x => (new CommentRow(x.c.Id, x.c.ArticleId, x.Name, x.c.Body, x.c.Status, x.c.CreatedAt), x.Title, x.Slug))];
    }

    /// <summary>The open reports of the blog for its moderators, oldest first, with what was reported.</summary>
    public async Task<IReadOnlyList<ReportRow>> OpenReportsAsync(BlogContext b, CancellationToken ct = default)
    {
        var rows = await (from r in db.BlogReports.AsNoTracking()
                          where r.BlogId == b.Blog.Id && r.ClosedAt == null
                          join a in db.BlogArticles on r.ArticleId equals a.Id
                          join c in db.BlogComments on r.CommentId equals (Guid?)c.Id into comments
                          from c in comments.DefaultIfEmpty()
                          join p in db.Persons on (c != null ? c.AuthorId : a.AuthorId) equals p.Id
                          orderby r.CreatedAt
                          select new ReportRow(r.Id, r.ArticleId, a.Slug, a.Title, r.CommentId, c != null ? c.Body : null, c != null ? c.Status : null,
                              p.FirstName + " " + p.LastName, r.Reason, r.CreatedAt))
            .Take(100).ToListAsync(ct);
        return rows;
    }

    public async Task<IReadOnlyList<BlogCategory>> CategoriesAsync(Guid blogId, CancellationToken ct = default) =>
        await Categories(db, blogId).ToListAsync(ct);

    public async Task<IReadOnlyList<BlogPage>> PagesAsync(Guid blogId, CancellationToken ct = default) =>
        await Pages(db, blogId).ToListAsync(ct);

    /// <summary>Pupils an author may tick as visible in photos: those of the class, of the school's classes, or the group's members who are pupils.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name, bool PhotoAllowed)>> TaggablePupilsAsync(Blog blog, CancellationToken ct = default)
    {
        IQueryable<Guid> ids = blog.ScopeType switch
        {
            ScopeType.Class => db.Memberships.Where(m => m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && m.ScopeId == blog.ScopeId).Select(m => m.PersonId),
            ScopeType.School => db.Memberships.Where(m => m.Role == Role.Pupil && m.ScopeType == ScopeType.Class
                && db.Classes.Any(c => c.Id == m.ScopeId && c.SchoolId == blog.ScopeId && !c.IsArchived)).Select(m => m.PersonId),
            ScopeType.Group => db.GroupMembers.Where(g => g.GroupId == blog.ScopeId
                && db.Memberships.Any(m => m.PersonId == g.PersonId && m.Role == Role.Pupil)).Select(g => g.PersonId),
            _ => db.Persons.Where(_ => false).Select(p => p.Id),
        };
        var rows = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id) && !p.IsArchived)
            .OrderBy(p => p.LastName).ThenBy(p => p.FirstName)
            .Select(p => new { p.Id, p.FirstName, p.LastName, p.PhotoAllowed }).ToListAsync(ct);
        return [.. rows.Select(p => (p.Id, $"{p.FirstName} {p.LastName}", p.PhotoAllowed == true))];
    }

    // The lists of the people who write and moderate (rarer) are built at run time, with the same projection.
    private IQueryable<ArticleRow> Project(IQueryable<BlogArticle> q) =>
        q.Provider.CreateQuery<ArticleRow>(QueryTemplate.Bind(Projected, Expression.Constant(db, typeof(PreauDbContext)), q.Expression));
}

/// <summary>Dates of blogs are stored in UTC and read and typed in the schools' time zone.</summary>
public static class BlogTime
{
    /// <summary>"mardi 3 mars 2026".</summary>
    public static string Day(DateTime utc) => Platform.Time.ParisDate.ToParis(utc).ToString("dddd d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string At(DateTime utc) => Platform.Time.ParisDate.ToParis(utc).ToString("d MMMM yyyy 'à' HH:mm", CultureInfo.CurrentCulture);

    public static string Input(DateTime? utc) => utc is { } u ? Platform.Time.ParisDate.ToParis(u).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : "";
}
