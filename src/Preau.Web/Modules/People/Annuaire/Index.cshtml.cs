using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.People.Annuaire;

/// <summary>The directory: whom I may write to, by school, class or group, searched by name.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(DirectoryQuery directory) : PageModel
{
    public string? Query { get; private set; }
    public IReadOnlyList<DirectoryFilter> Filters { get; private set; } = [];
    public DirectoryFilter? Filter { get; private set; }
    public DirectoryPage Result { get; private set; } = new([], 1, 1, 0);
    public Territory.Pager Pager => new(Result.Page, Result.PageCount, p => Territory.Pager.Link("/annuaire", p, ("q", Query), ("dans", Filter?.Key)));

    public async Task OnGetAsync(string? q, string? dans, int p = 1, CancellationToken ct = default)
    {
        Query = string.IsNullOrWhiteSpace(q) ? null : q.Trim()[..Math.Min(q.Trim().Length, 100)];
        Filters = await directory.FiltersAsync(ct);
        // Only one's own schools, classes and groups: any other key is ignored rather than probed.
        Filter = Filters.FirstOrDefault(f => f.Key == dans);
        Result = await directory.SearchAsync(Query, Filter, p, ct);
    }
}
