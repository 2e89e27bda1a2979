using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Blogs.Pages;

/// <summary>
/// The blog tile of a space: opens the space's blog, creating it on first use when the person runs the space (its
/// teacher, director, agent, owner). Members see that it is not open yet; others get 404.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class SpaceModel(BlogActions actions, BlogRightsService rights) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
{
    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string kind, Guid id, CancellationToken ct)
    {
        var scope = kind switch
        {
            "classe" => ScopeType.Class,
            "ecole" => ScopeType.School,
            "groupe" => ScopeType.Group,
            _ => ScopeType.LocalAuthority,
        };
        var r = await rights.ForAsync(scope, id, ct);
        var space = await rights.SpaceAsync(scope, id, ct);
        if (!r.IsMember || space is null)
        {
            return NotFound();
        }
        if (await actions.EnsureAsync(scope, id, ct) is { } blog)
        {
            return Redirect($"/blogs/{blog.Slug}");
        }
        Response.Headers["X-Robots-Tag"] = "noindex";
        Name = space.Name;
        return Page();
    }
}
