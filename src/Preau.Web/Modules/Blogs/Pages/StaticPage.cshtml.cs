using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Blogs.Pages;

/// <summary>A static page of the blog ("Notre classe"), read like its articles: anonymous only on a public blog.</summary>
[AllowAnonymous]
public sealed class StaticPageModel(BlogQueries queries, PreauDbContext db) : BlogPageModel
{
    public BlogPage Item { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, string page, CancellationToken ct)
    {
        if (await queries.OpenAsync(slug, ct) is not { } b
            || await db.BlogPages.AsNoTracking().FirstOrDefaultAsync(p => p.BlogId == b.Blog.Id && p.Slug == page, ct) is not { } item)
        {
            return NotFound();
        }
        B = b;
        Item = item;
        SetRobots(readingPage: true);
        return Page();
    }
}
