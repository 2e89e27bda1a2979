using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Preau.Web.Modules.Site;

/// <summary>Legal notice, personal-data notice and accessibility statement: reachable by anyone, signed in or not.</summary>
[AllowAnonymous]
[Preau.Web.Modules.Accounts.AllowPendingSteps]
public sealed class LegalModel : PageModel
{
    public void OnGet()
    {
    }
}
