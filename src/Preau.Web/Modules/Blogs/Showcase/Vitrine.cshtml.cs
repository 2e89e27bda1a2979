using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Preau.Web.Modules.Blogs.Showcase;

/// <summary>The public showcase: anyone, signed in or not, sees the schools' public blogs ("valoriser les travaux des écoles").</summary>
[AllowAnonymous]
public sealed class VitrineModel(ShowcaseQuery query) : PageModel
{
    public IReadOnlyList<ShowcaseAuthority> Authorities { get; private set; } = [];
    public IReadOnlyList<ShowcaseBlog> Groups { get; private set; } = [];
    public IReadOnlyList<ShowcaseArticle> Latest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => (Authorities, Groups, Latest) = await query.GetAsync(ct);
}
