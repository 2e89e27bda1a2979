using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.News.Pages;

/// <summary>All the news the person sees now, important first, paged.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(NewsQueries queries) : PageModel
{
    public NewsPage News { get; private set; } = new([], 1, 1, 0);
    public Territory.Pager Pager => new(News.Page, News.PageCount, p => Territory.Pager.Link("/actualites", p));
    public bool MayWrite { get; private set; }

    public async Task OnGetAsync(int p = 1, CancellationToken ct = default)
    {
        News = await queries.VisiblePageAsync(p, ct);
        MayWrite = (await queries.AuthorScopesAsync(ct)).Count > 0;
    }
}
