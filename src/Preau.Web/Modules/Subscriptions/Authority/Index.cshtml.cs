using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Subscriptions.Authority;

/// <summary>A collectivité's own subscription, for its agents (and administrators): its schools covered this year and next.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(SubscriptionOverview overview, AccessContext access) : PageModel
{
    public Overview Overview { get; private set; } = null!;
    public AuthorityRow Row { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var a = await access.GetAsync(ct);
        if (!a.IsTerritoryAdmin && !a.ScopeIds(Role.MunicipalAgent, ScopeType.LocalAuthority).Contains(id))
        {
            return NotFound();
        }
        Overview = await overview.BuildAsync([id], ct);
        if (Overview.Rows.Count == 0)
        {
            return NotFound();
        }
        Row = Overview.Rows[0];
        return Page();
    }
}
