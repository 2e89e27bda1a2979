using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.News.Pages;

/// <summary>Changes a news item; only the writers of its scope find it (404 for everyone else).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditModel(NewsQueries queries, NewsActions actions) : PageModel
{
    [BindProperty]
    public NewsInput Input { get; set; } = new();

    public IReadOnlyList<NewsScope> Scopes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var item = await actions.FindWritableAsync(id, ct);
        if (item is null)
        {
            return NotFound();
        }
        Scopes = await queries.AuthorScopesAsync(ct);
        Input = new NewsInput
        {
            Scope = Scopes.First(s => s.Covers(item)).Key,
            Title = item.Title,
            Body = item.Body,
            PublishAt = Platform.Time.ParisDate.ToParis(item.PublishAt),
            ExpiresAt = item.ExpiresAt is { } end ? Platform.Time.ParisDate.ToParis(end) : null,
            IsImportant = item.IsImportant,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var item = await actions.FindWritableAsync(id, ct);
        if (item is null)
        {
            return NotFound();
        }
        Scopes = await queries.AuthorScopesAsync(ct);
        var scope = actions.Validate(Input, Scopes, ModelState);
        if (!ModelState.IsValid || scope is null)
        {
            return Page();
        }
        await actions.UpdateAsync(item, scope, Input, ct);
        TempData["Notice"] = "L'actualité est enregistrée.";
        return Redirect("/actualites/gerer");
    }
}
