using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.News.Pages;

/// <summary>A director, an agent of a collectivité or an administrator publishes a news item. Others get 403.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class CreateModel(NewsQueries queries, NewsActions actions, TimeProvider time) : PageModel
{
    [BindProperty]
    public NewsInput Input { get; set; } = new();

    public IReadOnlyList<NewsScope> Scopes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Scopes = await queries.AuthorScopesAsync(ct);
        if (Scopes.Count == 0)
        {
            return Forbid();
        }
        var now = Platform.Time.ParisDate.ToParis(time.GetUtcNow().UtcDateTime);
        Input = new NewsInput { Scope = Scopes[0].Key, PublishAt = now.AddSeconds(-now.Second).AddMilliseconds(-now.Millisecond) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Scopes = await queries.AuthorScopesAsync(ct);
        if (Scopes.Count == 0)
        {
            return Forbid();
        }
        var scope = actions.Validate(Input, Scopes, ModelState);
        if (!ModelState.IsValid || scope is null)
        {
            return Page();
        }
        await actions.CreateAsync(scope, Input, ct);
        TempData["Notice"] = "L'actualité est publiée.";
        return Redirect("/actualites/gerer");
    }
}
