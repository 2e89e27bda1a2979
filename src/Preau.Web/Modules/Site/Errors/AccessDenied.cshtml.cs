using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Preau.Web.Modules.Site.Errors;

[Authorize(Policy = Preau.Web.Platform.Auth.Policies.SignedIn)]
public sealed class AccessDeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
