using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Blogs.Pages;

/// <summary>The moderators set the blog up: title, who reads it, how comments are moderated, categories, pages.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class SettingsModel(BlogQueries queries, BlogActions actions) : BlogPageModel
{
    [BindProperty]
    public string Title { get; set; } = "";

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public BlogVisibility Visibility { get; set; }

    [BindProperty]
    public CommentModeration Moderation { get; set; }

    public IReadOnlyList<BlogCategory> Categories { get; private set; } = [];
    public IReadOnlyList<BlogPage> Pages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct))
        {
            return NotFound();
        }
        Title = B.Blog.Title;
        Description = B.Blog.Description;
        Visibility = B.Blog.Visibility;
        Moderation = B.Blog.Moderation;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct))
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(Title))
        {
            ModelState.AddModelError("Title", "Donnez un titre au blog.");
        }
        if (!Enum.IsDefined(Visibility) || !Enum.IsDefined(Moderation))
        {
            ModelState.AddModelError("Visibility", "Choisissez qui peut lire le blog.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await actions.UpdateSettingsAsync(B, Title, Description, Visibility, Moderation, ct);
        TempData["Notice"] = "Les réglages du blog sont enregistrés.";
        return Redirect($"{B.Url}/reglages");
    }

    public async Task<IActionResult> OnPostAddCategoryAsync(string slug, string? categoryName, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct))
        {
            return NotFound();
        }
        if (!string.IsNullOrWhiteSpace(categoryName) && categoryName.Trim().Length <= 80)
        {
            await actions.AddCategoryAsync(B, categoryName, ct);
            TempData["Notice"] = "La catégorie est ajoutée.";
        }
        return Redirect($"{B.Url}/reglages");
    }

    public async Task<IActionResult> OnPostRemoveCategoryAsync(string slug, Guid categoryId, CancellationToken ct)
    {
        if (!await LoadAsync(slug, ct))
        {
            return NotFound();
        }
        await actions.RemoveCategoryAsync(B, categoryId, ct);
        TempData["Notice"] = "La catégorie est retirée.";
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
        Categories = await queries.CategoriesAsync(b.Blog.Id, ct);
        Pages = await queries.PagesAsync(b.Blog.Id, ct);
        return true;
    }
}
