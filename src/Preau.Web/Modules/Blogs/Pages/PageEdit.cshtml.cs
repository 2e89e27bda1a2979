using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Platform.Auth;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Blogs.Pages;

/// <summary>The moderators write the blog's static pages; the text is cleaned like an article's.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class PageEditModel(BlogQueries queries, BlogActions actions, PreauDbContext db) : BlogPageModel
{
    public Guid? Id { get; private set; }

    [BindProperty]
    public string PageTitle { get; set; } = "";

    [BindProperty]
    public string Body { get; set; } = "";

    [BindProperty]
    public int Position { get; set; }

    public async Task<IActionResult> OnGetAsync(string slug, Guid? id, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct))
        {
            return NotFound();
        }
        if (id is { } pid)
        {
            var page = await db.BlogPages.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid && p.BlogId == B.Blog.Id, ct);
            if (page is null)
            {
                return NotFound();
            }
            Id = pid;
            PageTitle = page.Title;
            Body = page.Body;
            Position = page.Position;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, Guid? id, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct))
        {
            return NotFound();
        }
        Id = id;
        if (string.IsNullOrWhiteSpace(PageTitle))
        {
            ModelState.AddModelError("PageTitle", "Donnez un titre à la page.");
            return Page();
        }
        var page = await actions.SavePageAsync(B, id, PageTitle, Body, Math.Clamp(Position, 0, 100), ct);
        TempData["Notice"] = "La page est enregistrée.";
        return Redirect($"{B.Url}/pages/{page.Slug}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string slug, Guid? id, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct) || id is null)
        {
            return NotFound();
        }
        await actions.DeletePageAsync(B, id.Value, ct);
        TempData["Notice"] = "La page est supprimée.";
        return Redirect($"{B.Url}/reglages");
    }

    private async Task<bool> LoadAsync(string slug, CancellationToken ct)
    {
        if (await queries.OpenAsync(slug, ct) is not { } b || !b.Rights.MayModerate)
        {
            return false;
        }
        B = b;
        SetRobots(readingPage: false);
        return true;
    }
}
