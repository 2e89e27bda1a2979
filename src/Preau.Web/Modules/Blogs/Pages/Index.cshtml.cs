using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Blogs.Pages;

/// <summary>
/// The blog's front page. Anonymous visitors are let in here only to be checked: a blog that is not public answers 404
/// to them, as it does to signed-in people outside its space (unless it is open to the platform).
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(BlogQueries queries, PreauDbContext db) : BlogPageModel
{
    public IReadOnlyList<ArticleRow> Articles { get; private set; } = [];
    public IReadOnlyList<ArticleRow> InProgress { get; private set; } = [];
    public IReadOnlyList<BlogCategory> Categories { get; private set; } = [];
    public IReadOnlyList<BlogPage> Pages { get; private set; } = [];
    public BlogCategory? Category { get; private set; }
    public int PageNumber { get; private set; }
    public int PageCount { get; private set; }
    public int ToReview { get; private set; }
    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int? page, [FromQuery(Name = "categorie")] Guid? categorie, CancellationToken ct)
    {
        if (await queries.OpenAsync(slug, ct) is not { } b)
        {
            return NotFound();
        }
        B = b;
        // Reached by its own address too (bookmarks, feeds): the home page's count of new articles is cleared as by its tile.
        Home.Contracts.ServiceVisit.Mark(HttpContext, Home.Contracts.ServiceKeys.Blog, b.Blog.ScopeId);
        SetRobots(readingPage: true);
        Now = queries.Now;
        Categories = await queries.CategoriesAsync(b.Blog.Id, ct);
        Category = Categories.FirstOrDefault(c => c.Id == categorie);
        PageNumber = Math.Max(page ?? 1, 1);
        var (rows, total) = await queries.PublishedPageAsync(b, Category?.Id, PageNumber, ct);
        Articles = rows;
        PageCount = Math.Max(1, (total + BlogQueries.PageSize - 1) / BlogQueries.PageSize);
        InProgress = await queries.InProgressAsync(b, ct);
        Pages = await queries.PagesAsync(b.Blog.Id, ct);
        if (b.Rights.MayModerate)
        {
            ToReview = await db.BlogArticles.CountAsync(a => a.BlogId == b.Blog.Id && a.Status == ArticleStatus.Submitted, ct)
                + await db.BlogComments.CountAsync(c => c.Status == CommentStatus.Pending && db.BlogArticles.Any(a => a.Id == c.ArticleId && a.BlogId == b.Blog.Id), ct);
        }
        return Page();
    }
}
