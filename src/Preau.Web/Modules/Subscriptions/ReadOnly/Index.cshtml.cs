using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Preau.Web.Platform.Auth;

namespace Preau.Web.Modules.Subscriptions.ReadOnly;

/// <summary>Where a refused change leads: why, and that nothing was lost.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(LapsedBanner banner) : PageModel
{
    public bool IsReadOnly { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => IsReadOnly = await banner.IsReadOnlyAsync(ct);
}
